// Future<T>: a result that will be set later (Python asyncio.Future). Awaitable (a thenable), and
// iterable so generator coroutines can `yield*` it; done callbacks run soon after it completes.
import { currentTaskContext } from "./context";
import { CancelledError, InvalidStateError, RuntimeError } from "./errors";
import { repr } from "./python";

/** The three states of a Future, named as in Python. */
export type FutureState = "PENDING" | "CANCELLED" | "FINISHED";

/** A callback for `addDoneCallback`; it receives the finished future. */
export type DoneCallback<T> = (future: Future<T>) => void;

/** What a Task registers on the future its body gave (no closure per task, as CPython's `__wakeup`). */
export interface Waker {
  /** Called soon after `future` is done. */
  _wakeup(future: Future<unknown>): void;
}

// Typed without T (each function is a DoneCallback<T>) so Future<T> stays covariant in T.
type Entry = ((future: never) => void) | Waker;

/**
 * A result that is set later (Python `asyncio.Future`). `await future` gives the result or throws
 * the exception (`CancelledError` when cancelled); `yield* future` does the same in a generator coroutine.
 */
export class Future<T = unknown> implements PromiseLike<T>, Iterable<unknown, T, unknown> {
  private _state: FutureState = "PENDING";
  private _result: T | undefined;
  private _exception: unknown = null;
  private _hasException = false;
  private _cancelMessage = "";
  // Nothing, one entry, or an array of them: most futures get one callback, and a million futures
  // may be pending at once.
  private _callbacks: Entry | Entry[] | undefined;

  /** The current state: `PENDING`, `CANCELLED` or `FINISHED`. */
  get state(): FutureState {
    return this._state;
  }

  /** True once the future has a result, an exception, or was cancelled. */
  done(): boolean {
    return this._state !== "PENDING";
  }

  /** True if the future was cancelled. */
  cancelled(): boolean {
    return this._state === "CANCELLED";
  }

  /** The result; throws the exception if one was set, `CancelledError` if cancelled, `InvalidStateError` if pending. */
  result(): T {
    if (this._state === "CANCELLED") throw new CancelledError(this._cancelMessage);
    if (this._state === "PENDING") throw new InvalidStateError("Result is not set.");
    if (this._hasException) throw this._exception;
    return this._result as T;
  }

  /** The exception, or `null` (Python None) if it finished with a result; throws like `result()` when cancelled or pending. */
  exception(): unknown {
    if (this._state === "CANCELLED") throw new CancelledError(this._cancelMessage);
    if (this._state === "PENDING") throw new InvalidStateError("Exception is not set.");
    return this._hasException ? this._exception : null;
  }

  /** Marks the future done with `value`; `InvalidStateError` if already done. */
  setResult(value: T): void {
    this._settleResult(value);
  }

  /** Marks the future done with `error` as its exception; `InvalidStateError` if already done. */
  setException(error: unknown): void {
    this._settleException(error);
  }

  /** Cancels the future: returns false if it is already done, true otherwise (Python `Future.cancel`). */
  cancel(message?: string): boolean {
    if (this._state !== "PENDING") return false;
    this._cancelMessage = message ?? "";
    this._finish("CANCELLED");
    return true;
  }

  /** Calls `callback(future)` soon after the future is done (at once, on the next microtask, if it already is). */
  addDoneCallback(callback: DoneCallback<T>): void {
    this._addEntry(callback);
  }

  /** @internal Calls `waker._wakeup(this)` soon after the future is done (as `addDoneCallback`). */
  _addWaker(waker: Waker): void {
    this._addEntry(waker);
  }

  /** Removes every registration of `callback`; returns how many were removed. */
  removeDoneCallback(callback: DoneCallback<T>): number {
    const entries = this._callbacks;
    if (entries === undefined) return 0;
    if (!Array.isArray(entries)) {
      if (entries !== callback) return 0;
      this._callbacks = undefined;
      return 1;
    }
    const kept = entries.filter((entry) => entry !== callback);
    this._callbacks = kept;
    return entries.length - kept.length;
  }

  /** Makes the future awaitable; inside a task it also becomes what the task waits on (so cancelling the task cancels it). */
  then<TResult1 = T, TResult2 = never>(
    onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    let task = currentTaskContext();
    if (task && ((task as object) === this || this._state !== "PENDING")) task = undefined;
    task?._setWaiter(this);
    // One promise per await: the handlers run in the done callback itself (an `await` passes the
    // resolving functions of its own promise), not on a second promise chained to a first.
    return new Promise<TResult1 | TResult2>((resolve, reject) => {
      this.addDoneCallback(() => {
        task?._clearWaiter(this);
        const cancelled = task?._takeCancellation();
        try {
          if (cancelled !== undefined) {
            const error = new CancelledError(cancelled);
            if (onrejected) resolve(onrejected(error));
            else reject(error);
          } else if (this._state === "FINISHED" && !this._hasException) resolve(onfulfilled ? onfulfilled(this._result as T) : (this._result as TResult1));
          else {
            const error = this._state === "CANCELLED" ? new CancelledError(this._cancelMessage) : this._exception;
            if (onrejected) resolve(onrejected(error));
            else reject(error);
          }
        } catch (error) {
          reject(error);
        }
      });
    });
  }

  /** Lets a generator coroutine write `const x = yield* future` (Python `yield from future`). */
  *[Symbol.iterator](): Generator<unknown, T, unknown> {
    if (!this.done()) {
      yield this;
      if (!this.done()) throw new RuntimeError("await wasn't used with future");
    }
    return this.result();
  }

  /** Python-like repr: `<Future pending>`, `<Future finished result=5>`, `<Future cancelled>`. */
  __repr__(): string {
    return `<${this._reprName()} ${this._reprState()}${this._reprInfo()}${this._reprOutcome()}>`;
  }

  /** The same text as `__repr__()`. */
  toString(): string {
    return this.__repr__();
  }

  /** Node's `util.inspect` (console.log) shows the Python repr too. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.__repr__();
  }

  /** The class name shown by the repr. */
  protected _reprName(): string {
    return "Future";
  }

  /** Extra repr text after the state (Task adds its coroutine). */
  protected _reprInfo(): string {
    return "";
  }

  private _reprState(): string {
    return this._state === "PENDING" ? "pending" : this._state === "CANCELLED" ? "cancelled" : "finished";
  }

  private _reprOutcome(): string {
    if (this._state !== "FINISHED") return "";
    return this._hasException ? ` exception=${repr(this._exception)}` : ` result=${repr(this._result)}`;
  }

  /** Settles with a result even where `setResult` is forbidden (Task). */
  protected _settleResult(value: T): void {
    if (this._state !== "PENDING") throw new InvalidStateError(`invalid state: ${this.__repr__()}`);
    this._result = value;
    this._finish("FINISHED");
  }

  /** Settles with an exception even where `setException` is forbidden (Task). */
  protected _settleException(error: unknown): void {
    if (this._state !== "PENDING") throw new InvalidStateError(`invalid state: ${this.__repr__()}`);
    this._exception = error;
    this._hasException = true;
    this._finish("FINISHED");
  }

  /** Called once, synchronously, when the future becomes done (Task records its end time). */
  protected _onDone(): void {}

  private _finish(state: FutureState): void {
    this._state = state;
    this._onDone();
    const entries = this._callbacks;
    if (entries === undefined) return;
    this._callbacks = undefined;
    // One microtask runs them all, in order: the same order as one microtask each, since nothing
    // else can be queued between callbacks queued at the same moment.
    queueMicrotask(() => {
      if (!Array.isArray(entries)) runEntry(entries, this);
      else for (const entry of entries) runEntry(entry, this);
    });
  }

  private _addEntry(entry: Entry): void {
    const entries = this._callbacks;
    if (this._state !== "PENDING") queueMicrotask(() => runEntry(entry, this));
    else if (entries === undefined) this._callbacks = entry;
    else if (Array.isArray(entries)) entries.push(entry);
    else this._callbacks = [entries, entry];
  }
}

function runEntry<T>(entry: Entry, future: Future<T>): void {
  if (typeof entry === "function") runCallback(entry as DoneCallback<T>, future);
  else entry._wakeup(future);
}

// Like asyncio, a failing callback is reported on stderr and does not stop the others.
function runCallback<T>(callback: DoneCallback<T>, future: Future<T>): void {
  try {
    callback(future);
  } catch (error) {
    const text = error instanceof Error ? (error.stack ?? String(error)) : repr(error);
    process.stderr.write(`Exception in callback ${callback.name || "<lambda>"}(${future.__repr__()})\n${text}\n`);
  }
}

/** True for Future and Task objects (Python `asyncio.isfuture`). */
export function isFuture(value: unknown): value is Future<unknown> {
  return value instanceof Future;
}
