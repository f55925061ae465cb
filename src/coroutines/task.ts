// Task<T>: a Future that runs a coroutine on an event loop (Python asyncio.Task). Named Task-N, it
// records start and end times for the timeline, and cancel() throws CancelledError in where it waits.
import { type AwaitableLike, Coroutine, awaitableDone, awaitableName, startAwaitable } from "./coroutine";
import { currentTaskContext, runInTaskContext, type TaskContext } from "./context";
import type { Driver } from "./drive";
import { CancelledError, RuntimeError } from "./errors";
import { Future } from "./future";
import type { Listed } from "./pending-tasks";

/** What a Task needs from its event loop (implemented by EventLoop). */
export interface TaskLoop {
  /** The loop's clock in seconds. */
  time(): number;
  /** Queues the task's first step. */
  _scheduleTask(task: Task<unknown>): void;
  /** Forgets a finished task. */
  _taskDone(task: Task<unknown>): void;
}

/** Options for `new Task(coro, options)` and `createTask`. */
export interface TaskOptions {
  /** The loop to run on; defaults to the loop of the task running now. */
  loop?: TaskLoop;
  /** The task's name; defaults to `Task-N`. */
  name?: string;
}

let taskCounter = 0;
const creationListeners = new Set<(task: Task<unknown>) => void>();

/** Calls `listener` for every Task created from now on (the timeline uses it); returns an unsubscribe function. */
export function onTaskCreated(listener: (task: Task<unknown>) => void): () => void {
  creationListeners.add(listener);
  return () => {
    creationListeners.delete(listener);
  };
}

/**
 * A coroutine scheduled on an event loop (Python `asyncio.Task`). It starts on a following microtask
 * (or at once when `runUntilComplete` runs the loop's ready queue), and is a Future of the coroutine's result.
 */
export class Task<T = unknown> extends Future<T> implements TaskContext, Listed {
  // Few fields, as a million tasks may be pending at once (each field costs 8 MB of them).
  private readonly _loop: TaskLoop;
  private _name: string | number = ++taskCounter; // the number N of `Task-N` until a name is asked for or given
  private _driver: Driver<T> | undefined;
  private _waiter: Future<unknown> | undefined;
  private _cancellation: Cancellation | undefined; // made by the first cancel(): most tasks are never cancelled
  private _startTime: number | undefined; // also tells whether the task has started
  private _endTime: number | undefined;
  /** @internal Links of the loop's list of pending tasks. */
  _prevPending: Task<unknown> | undefined;
  /** @internal Links of the loop's list of pending tasks. */
  _nextPending: Task<unknown> | undefined;

  /** Wraps `coro` and schedules it on `options.loop` (or the running task's loop); prefer `loop.createTask`. */
  constructor(
    private readonly _coro: AwaitableLike<T>,
    options: TaskOptions = {},
  ) {
    super();
    const loop = options.loop ?? currentTask()?._loop;
    if (!loop) throw new RuntimeError("no running event loop: use loop.createTask() or createTask()");
    this._loop = loop;
    if (options.name !== undefined) this._name = String(options.name); // a number given stays a name, as str() in Python
    if (_coro instanceof Coroutine) _coro._task ??= this;
    loop._scheduleTask(this);
    if (creationListeners.size > 0) for (const listener of creationListeners) listener(this);
  }

  /** The task's name, `Task-N` unless given (Python `Task.get_name`). */
  getName(): string {
    if (typeof this._name === "number") this._name = `Task-${this._name}`;
    return this._name;
  }

  /** Renames the task (Python `Task.set_name`). */
  setName(name: string): void {
    this._name = String(name);
  }

  /** The coroutine (or awaitable) the task runs (Python `Task.get_coro`). */
  getCoro(): AwaitableLike<T> {
    return this._coro;
  }

  /** The event loop the task runs on (Python `Task.get_loop`). */
  getLoop(): TaskLoop {
    return this._loop;
  }

  /** When the task's first step ran, in seconds of the loop clock (`loop.time()`); undefined before (and if cancelled before it ran). */
  get startTime(): number | undefined {
    return this._startTime;
  }

  /** When the task finished, in seconds of the loop clock; undefined while pending. */
  get endTime(): number | undefined {
    return this._endTime;
  }

  /** Tasks are settled by their coroutine only: throws RuntimeError (as asyncio does). */
  override setResult(_value: T): void {
    throw new RuntimeError("Task does not support set_result operation");
  }

  /** Tasks are settled by their coroutine only: throws RuntimeError (as asyncio does). */
  override setException(_error: unknown): void {
    throw new RuntimeError("Task does not support set_exception operation");
  }

  /**
   * Requests cancellation (Python `Task.cancel`): false if already done. Not started yet: it never runs.
   * Awaiting a Future: that future is cancelled, so `CancelledError` is thrown in where the coroutine
   * waits (it may catch it); if that future is already done but its outcome has not reached the task
   * yet, the task gets `CancelledError` instead of it. A generator coroutine awaiting a plain promise gets the error thrown in at
   * once. An async function awaiting a plain promise cannot be interrupted: the task is marked cancelled
   * at once and its body's later outcome is ignored.
   */
  override cancel(message?: string): boolean {
    if (this.done()) return false;
    const cancellation = (this._cancellation ??= { requests: 0, mustCancel: undefined });
    cancellation.requests++;
    if (this._startTime === undefined) {
      if (this._coro instanceof Coroutine) this._coro.close();
      return super.cancel(message);
    }
    if (this._waiter && !this._waiter.done() && this._waiter.cancel(message)) return true;
    if (this._waiter?.done()) {
      // Its outcome is on the way to the task: deliver CancelledError instead (CPython's _must_cancel).
      cancellation.mustCancel = message ?? "";
      return true;
    }
    if (this._driver?.interrupt?.(new CancelledError(message ?? ""))) return true;
    return super.cancel(message);
  }

  /** How many cancellation requests are pending: `cancel()` calls not yet matched by `uncancel()` (Python `Task.cancelling`). */
  cancelling(): number {
    return this._cancellation?.requests ?? 0;
  }

  /** Takes back one cancellation request (as `timeout` and TaskGroup do when they caused it); gives how many remain (Python `Task.uncancel`). */
  uncancel(): number {
    const cancellation = this._cancellation;
    if (!cancellation) return 0;
    if (cancellation.requests > 0) cancellation.requests--;
    return cancellation.requests;
  }

  /** Runs the first step (called by the loop): starts the coroutine inside this task's context. */
  _run(): void {
    if (this._startTime !== undefined || this.done()) return;
    this._startTime = this._loop.time();
    let started: Driver<T> | Future<T>;
    try {
      started = this._runsUserCode() ? runInTaskContext(this, startAwaitable, this._coro) : startAwaitable(this._coro);
    } catch (error) {
      started = { promise: Promise.reject(error) };
    }
    if (started instanceof Future) return this._followBodyFuture(started);
    this._driver = started;
    started.promise.then(
      (value) => this._bodyReturned(value),
      (error: unknown) => this._bodyFailed(error),
    );
  }

  /** @internal False when the first step runs no code of the user's (asyncio.sleep's makes a timer). */
  _runsUserCode(): boolean {
    const coro = this._coro;
    return !(coro instanceof Coroutine) || coro._runsUserCode;
  }

  // The body gave a Future (as sleep does): the task waits on it as on an `await`, with no promise
  // and no closure (`_wakeup` is called when it is done).
  private _followBodyFuture(future: Future<T>): void {
    if (!future.done()) this._waiter = future;
    future._addWaker(this);
  }

  /** @internal A cancellation to deliver at the task's next resumption (see `cancel`), taken once. */
  _takeCancellation(): string | undefined {
    const cancellation = this._cancellation;
    if (cancellation === undefined) return undefined;
    const message = cancellation.mustCancel;
    cancellation.mustCancel = undefined;
    return message;
  }

  /** @internal The future the body gave is done: the task ends as it did. */
  _wakeup(future: Future<unknown>): void {
    this._clearWaiter(future);
    const cancelled = this._takeCancellation();
    if (cancelled !== undefined) this._bodyFailed(new CancelledError(cancelled));
    else if (future.cancelled()) this._bodyFailed(cancellationOf(future));
    else if (future.exception() !== null) this._bodyFailed(future.exception());
    else this._bodyReturned(future.result() as T);
  }

  private _bodyReturned(value: T): void {
    if (this.done()) return;
    const cancelled = this._takeCancellation();
    if (cancelled !== undefined) super.cancel(cancelled);
    else this._settleResult(value);
  }

  private _bodyFailed(error: unknown): void {
    if (this.done()) return;
    if (error instanceof CancelledError) super.cancel(error.message);
    else this._settleException(error);
  }

  /** @internal The Future this task awaits now (set by Future.then inside the task). */
  _setWaiter(waiter: object): void {
    if (waiter instanceof Future) this._waiter = waiter;
  }

  /** @internal Forgets `waiter` once it is done. */
  _clearWaiter(waiter: object): void {
    if (this._waiter === waiter) this._waiter = undefined;
  }

  protected override _onDone(): void {
    this._endTime = this._loop.time();
    this._loop._taskDone(this);
  }

  protected override _reprName(): string {
    return "Task";
  }

  protected override _reprInfo(): string {
    const done = this.done() || awaitableDone(this._coro);
    return ` coro=<${awaitableName(this._coro)}() ${done ? "done, defined at tsloop" : "running at tsloop"}>`;
  }
}

/** What cancel() left on a task: requests not yet taken back, and a cancellation to deliver at its next resumption. */
interface Cancellation {
  requests: number;
  mustCancel: string | undefined;
}

/** The CancelledError a cancelled future throws (with its message). */
function cancellationOf(future: Future<unknown>): CancelledError {
  try {
    future.result();
  } catch (error) {
    if (error instanceof CancelledError) return error;
  }
  return new CancelledError();
}

/** The task whose code is running now, or null (Python `asyncio.current_task`). */
export function currentTask(): Task<unknown> | null {
  const context = currentTaskContext();
  return context instanceof Task ? (context as Task<unknown>) : null;
}
