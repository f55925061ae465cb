// asyncio.TaskGroup (CPython 3.12 asyncio/taskgroups.py): tasks started in a group are all awaited
// when the group ends; when one fails, the others (and the block) are cancelled, and the group throws
// an ExceptionGroup with every failure.
import { type AwaitableLike, Coroutine } from "./coroutine";
import { CancelledError, ExceptionGroup, RuntimeError } from "./errors";
import { Future } from "./future";
import { createTask } from "./policy";
import { currentTask, type Task } from "./task";

/**
 * A group of tasks (Python `asyncio.TaskGroup`): `await using tg = new asyncio.TaskGroup()` then
 * `tg.createTask(coro)`; leaving the block waits for them all. The function form
 * `await asyncio.taskGroup(async (tg) => …)` is the mirror of `async with TaskGroup() as tg:`.
 */
export class TaskGroup implements AsyncDisposable {
  private readonly _parent: Task<unknown> | null;
  private readonly _tasks = new Set<Task<unknown>>();
  private readonly _errors: unknown[] = [];
  private _exiting = false;
  private _aborting = false;
  private _parentCancelRequested = false;
  private _onCompleted: Future<boolean> | undefined;

  /** Starts the group over the current task (the one cancelled when a child fails; none at a cell's top level). */
  constructor(parent: Task<unknown> | null = currentTask()) {
    this._parent = parent;
  }

  /**
   * Starts `coro` as a task of the group (Python `TaskGroup.create_task`); RuntimeError once the
   * group is finished or shutting down. A function (`tg.createTask(async () => …)`) is called inside
   * the task, so cancelling reaches its awaits; an async function's promise made before would already run outside it.
   */
  createTask<T>(coro: AwaitableLike<T> | (() => T | PromiseLike<T>), options: { name?: string } = {}): Task<T> {
    if (this._exiting && this._tasks.size === 0) throw new RuntimeError(`${this.__repr__()} is finished`);
    if (this._aborting) throw new RuntimeError(`${this.__repr__()} is shutting down`);
    const task = createTask(typeof coro === "function" ? new Coroutine<T>(coro, undefined, [], coro.name || "<lambda>") : coro, options);
    this._tasks.add(task);
    task.addDoneCallback(() => this._onTaskDone(task));
    return task;
  }

  /**
   * `await using`: waits for every task, then throws an ExceptionGroup if any failed. JavaScript does
   * not show a disposer the error leaving the block; if the block threw (e.g. the CancelledError of a
   * failed child), JavaScript wraps both in a SuppressedError whose `error` is the ExceptionGroup.
   */
  [Symbol.asyncDispose](): Promise<void> {
    return this._exit(undefined);
  }

  /** @internal Ends the group (Python `__aexit__`); `error` is what the block threw, if known. */
  async _exit(error: unknown): Promise<void> {
    this._exiting = true;
    let propagateCancellation = error instanceof CancelledError ? error : undefined;
    if (this._parentCancelRequested && this._parent?.uncancel() === 0) propagateCancellation = undefined;
    if (error !== undefined && !this._aborting) this._abort();
    while (this._tasks.size > 0) {
      this._onCompleted ??= new Future<boolean>();
      try {
        await this._onCompleted;
      } catch (cancelled) {
        if (!(cancelled instanceof CancelledError)) throw cancelled;
        if (!this._aborting) {
          propagateCancellation = cancelled;
          this._abort();
        }
      }
      this._onCompleted = undefined;
    }
    if (propagateCancellation && this._errors.length === 0) throw propagateCancellation;
    if (error !== undefined && !(error instanceof CancelledError)) this._errors.push(error);
    if (this._errors.length > 0) throw new ExceptionGroup("unhandled errors in a TaskGroup", this._errors.splice(0));
  }

  private _abort(): void {
    this._aborting = true;
    for (const task of this._tasks) if (!task.done()) task.cancel();
  }

  private _onTaskDone(task: Task<unknown>): void {
    this._tasks.delete(task);
    if (this._onCompleted && this._tasks.size === 0 && !this._onCompleted.done()) this._onCompleted.setResult(true);
    if (task.cancelled() || task.exception() === null) return;
    this._errors.push(task.exception());
    if (this._aborting || this._parentCancelRequested) return;
    // The first failure: cancel the other tasks and the block that owns the group.
    this._abort();
    if (this._parent && !this._parent.done()) {
      this._parentCancelRequested = true;
      this._parent.cancel();
    }
  }

  /** Python-like repr: `<TaskGroup tasks=2 errors=1 cancelling>`. */
  __repr__(): string {
    const parts = [this._tasks.size > 0 ? ` tasks=${this._tasks.size}` : "", this._errors.length > 0 ? ` errors=${this._errors.length}` : ""];
    return `<TaskGroup${parts.join("")}${this._aborting ? " cancelling" : ""}>`;
  }
}

/**
 * The function form of a TaskGroup: runs `body(tg)` as a task of its own (so a failing child cancels
 * it, also at a cell's top level), then waits for the group's tasks; gives `body`'s result or throws
 * the group's ExceptionGroup.
 */
export function taskGroup<T>(body: (group: TaskGroup) => T | PromiseLike<T>): Coroutine<T> {
  return new Coroutine<T>(ownGroupTask<T>, undefined, [body], "taskGroup");
}

async function ownGroupTask<T>(body: (group: TaskGroup) => T | PromiseLike<T>): Promise<T> {
  return await createTask(new Coroutine<T>(runInGroup<T>, undefined, [body], body.name || "<lambda>"));
}

async function runInGroup<T>(body: (group: TaskGroup) => T | PromiseLike<T>): Promise<T> {
  const group = new TaskGroup(currentTask());
  let value: T;
  try {
    value = await body(group);
  } catch (error) {
    await group._exit(error);
    throw error;
  }
  await group._exit(undefined);
  return value;
}
