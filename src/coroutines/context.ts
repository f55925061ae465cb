// Which task is running now: an AsyncLocalStorage (created on first use) carries the current task
// through every await, so a Future awaited inside a task becomes that task's waiter (for cancel()).
import { AsyncLocalStorage } from "node:async_hooks";

/** What a Future needs from the task that awaits it (implemented by Task). */
export interface TaskContext {
  /** Called when the running task starts awaiting `waiter`, a pending Future. */
  _setWaiter(waiter: object): void;
  /** Called when `waiter` is done, so a later cancel() does not touch it. */
  _clearWaiter(waiter: object): void;
  /** Called when a waiter's outcome is about to reach the task: a cancellation requested after the
   * waiter was done but before that (its message), which is delivered instead, as CPython does. */
  _takeCancellation(): string | undefined;
}

let storage: AsyncLocalStorage<TaskContext> | undefined;

/** Runs `fn(arg)` with `task` as the current task; promises and timers started inside keep it. */
export function runInTaskContext<A, R>(task: TaskContext, fn: (arg: A) => R, arg: A): R {
  storage ??= new AsyncLocalStorage<TaskContext>();
  return storage.run(task, fn, arg);
}

/** The task whose code is running now, if any. */
export function currentTaskContext(): TaskContext | undefined {
  return storage?.getStore();
}
