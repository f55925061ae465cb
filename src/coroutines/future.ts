// Future<T>: a result that will be set later (Python asyncio.Future). Awaitable (a thenable), and
// iterable so generator coroutines can `yield*` it; done callbacks run soon after it completes.
import { currentTaskContext } from "./context";
import { CancelledError, InvalidStateError, RuntimeError } from "./errors";
import { repr } from "./python";

/** The three states of a Future, named as in Python. */
export type FutureState = "PENDING" | "CANCELLED" | "FINISHED";

// FINISHED is kept as two states inside, so one field holds the result, the exception or the
// cancel message: a million futures may be pending at once, and each field costs 8 MB of them.
const FAILED = "FAILED";
type InnerState = FutureState | typeof FAILED;

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
  private _state: InnerState = "PENDING";
  // The result (FINISHED), the exception (FAILED) or the cancel message (CANCELLED).
  private _outcome: unknown;
  // Nothing, one entry, or an array of them: most futures get one callback, and a million futures
  // may be pending at once.
  private _callbacks: Entry | Entry[] | undefined;

  /** The current state: `PENDING`, `CANCELLED` or `FINISHED`. */
  get state(): FutureState {
    return this._state === FAILED ? "FINISHED" : this._state;
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
    if (this._state === "CANCELLED") throw this._cancelledError();
    if (this._state === "PENDING") throw new InvalidStateError("Result is not set.");
    if (this._state === FAILED) throw this._outcome;
    return this._outcome as T;
  }

  /** The exception, or `null` (Python None) if it finished with a result; throws like `result()` when cancelled or pending. */
  exception(): unknown {
    if (this._state === "CANCELLED") throw this._cancelledError();
    if (this._state === "PENDING") throw new InvalidStateError("Exception is not set.");
    return this._state === FAILED ? this._outcome : null;
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
    this._outcome = message ?? "";
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
          } else if (this._state === "FINISHED") resolve(onfulfilled ? onfulfilled(this._outcome as T) : (this._outcome as TResult1));
          else {
            const error = this._state === "CANCELLED" ? this._cancelledError() : this._outcome;
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
    if (this._state === FAILED) return ` exception=${repr(this._outcome)}`;
    return this._state === "FINISHED" ? ` result=${repr(this._outcome)}` : "";
  }

  /** Settles with a result even where `setResult` is forbidden (Task). */
  protected _settleResult(value: T): void {
    if (this._state !== "PENDING") throw new InvalidStateError(`invalid state: ${this.__repr__()}`);
    this._outcome = value;
    this._finish("FINISHED");
  }

  /** Settles with an exception even where `setException` is forbidden (Task). */
  protected _settleException(error: unknown): void {
    if (this._state !== "PENDING") throw new InvalidStateError(`invalid state: ${this.__repr__()}`);
    this._outcome = error;
    this._finish(FAILED);
  }

  /** Called once, synchronously, when the future becomes done (Task records its end time). */
  protected _onDone(): void {}

  private _cancelledError(): CancelledError {
    return new CancelledError(this._outcome as string);
  }

  private _finish(state: InnerState): void {
    this._state = state;
    this._onDone();
    const entries = this._callbacks;
    if (entries === undefined) return;
    this._callbacks = undefined;
    // One microtask runs them all, in order: the same order as one microtask each, since nothing
    // else can be queued between callbacks queued at the same moment.
    if (batch?.open) batch.add(this, entries);
    else queueMicrotask(() => runEntries(this, entries, undefined));
  }

  private _addEntry(entry: Entry): void {
    const entries = this._callbacks;
    if (this._state !== "PENDING") queueMicrotask(() => runEntries(this, entry, undefined));
    else if (entries === undefined) this._callbacks = entry;
    else if (Array.isArray(entries)) entries.push(entry);
    else this._callbacks = [entries, entry];
  }
}

/**
 * The callbacks of futures finished one after another by code that runs no user code (a shared
 * timer ringing its sleeps, the tasks they wake), run in one microtask: the same order as one
 * microtask each, since nothing else could be queued between them, without the AsyncResource Node
 * makes for each queueMicrotask.
 */
class CallbackBatch {
  private readonly _items: unknown[] = []; // future, entries, future, entries…
  private _ran = false;

  /** False once its microtask ran: a batch left set by an interrupted run takes nothing more. */
  get open(): boolean {
    return !this._ran;
  }

  add(future: Future<unknown>, entries: Entry | Entry[]): void {
    if (this._items.length === 0) queueMicrotask(() => this._runAll());
    this._items.push(future, entries);
  }

  private _runAll(): void {
    this._ran = true;
    const items = this._items;
    let wakes: CallbackBatch | undefined;
    for (let i = 0; i < items.length; i += 2) wakes = runEntries(items[i] as Future<unknown>, items[i + 1] as Entry | Entry[], wakes);
  }
}

let batch: CallbackBatch | undefined; // set only while code that runs no user code finishes futures

/** Calls `fn(a, b)`, which must run no user code, with the futures it finishes joining `into`. */
function inBatch<A, B>(into: CallbackBatch, fn: (a: A, b: B) => void, a: A, b: B): void {
  const outer = batch;
  batch = into;
  try {
    fn(a, b);
  } finally {
    batch = outer;
  }
}

/** @internal Calls `fn(arg)`, which must run no user code, so that the callbacks of the futures it finishes run in one microtask. */
export function finishingTogether<A>(fn: (arg: A) => void, arg: A): void {
  inBatch(new CallbackBatch(), fn, arg, undefined);
}

/** Runs a done future's entries; consecutive wakers share `wakes`, the batch their tasks' callbacks go to (returned). */
function runEntries(future: Future<unknown>, entries: Entry | Entry[], wakes: CallbackBatch | undefined): CallbackBatch | undefined {
  if (!Array.isArray(entries)) return runEntry(future, entries, wakes);
  for (const entry of entries) wakes = runEntry(future, entry, wakes);
  return wakes;
}

function runEntry(future: Future<unknown>, entry: Entry, wakes: CallbackBatch | undefined): CallbackBatch | undefined {
  if (typeof entry === "function") {
    runCallback(entry as DoneCallback<unknown>, future);
    return undefined; // user code may have queued microtasks: later wakes go to a new batch
  }
  wakes ??= new CallbackBatch();
  inBatch(wakes, wake, entry, future); // a waker (a Task) runs no user code
  return wakes;
}

function wake(waker: Waker, future: Future<unknown>): void {
  waker._wakeup(future);
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
