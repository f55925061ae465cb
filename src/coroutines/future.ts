// Future<T>: a result that will be set later (Python asyncio.Future). Awaitable (a thenable), and
// iterable so generator coroutines can `yield*` it; done callbacks run soon after it completes.
import { currentTaskContext } from "./context";
import { CancelledError, InvalidStateError, RuntimeError } from "./errors";
import { repr } from "./python";

/** The three states of a Future, named as in Python. */
export type FutureState = "PENDING" | "CANCELLED" | "FINISHED";

/** A callback for `addDoneCallback`; it receives the finished future. */
export type DoneCallback<T> = (future: Future<T>) => void;

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
  // Callbacks are kept as closures (not DoneCallback<T>[]) so Future<T> stays covariant in T.
  private _callbacks: { callback: unknown; run: () => void }[] = [];

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
    const run = (): void => runCallback(callback, this);
    if (this._state === "PENDING") this._callbacks.push({ callback, run });
    else queueMicrotask(run);
  }

  /** Removes every registration of `callback`; returns how many were removed. */
  removeDoneCallback(callback: DoneCallback<T>): number {
    const before = this._callbacks.length;
    this._callbacks = this._callbacks.filter((entry) => entry.callback !== callback);
    return before - this._callbacks.length;
  }

  /** Makes the future awaitable; inside a task it also becomes what the task waits on (so cancelling the task cancels it). */
  then<TResult1 = T, TResult2 = never>(
    onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    const task = currentTaskContext();
    if (task && (task as object) !== this && this._state === "PENDING") {
      task._setWaiter(this);
      this.addDoneCallback(() => task._clearWaiter(this));
    }
    const settled = new Promise<T>((resolve, reject) => {
      this.addDoneCallback(() => {
        if (this._state === "CANCELLED") reject(new CancelledError(this._cancelMessage));
        else if (this._hasException) reject(this._exception);
        else resolve(this._result as T);
      });
    });
    return settled.then(onfulfilled, onrejected);
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
    const callbacks = this._callbacks;
    this._callbacks = [];
    for (const entry of callbacks) queueMicrotask(entry.run);
  }
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
