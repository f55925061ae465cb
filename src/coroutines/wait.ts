// asyncio.wait: wraps coroutines in tasks and waits until the first one completes, the first one
// fails, or all complete (or a timeout passes), resolving to the done and pending sets.
import { type AwaitableLike, Coroutine } from "./coroutine";
import { ValueError } from "./errors";
import { Future } from "./future";
import { ensureFuture } from "./policy";
import { repr } from "./python";
import type { Task } from "./task";

/** `wait()` returns as soon as any awaitable is done (Python `asyncio.FIRST_COMPLETED`). */
export const FIRST_COMPLETED = "FIRST_COMPLETED";
/** `wait()` returns when any awaitable raises, or when all are done (Python `asyncio.FIRST_EXCEPTION`). */
export const FIRST_EXCEPTION = "FIRST_EXCEPTION";
/** `wait()` returns when all awaitables are done (Python `asyncio.ALL_COMPLETED`, the default). */
export const ALL_COMPLETED = "ALL_COMPLETED";

/** When `wait()` returns. */
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

/** Options of `wait()`: a timeout in seconds (null: none) and when to return. */
export interface WaitOptions {
  /** Seconds to wait at most; on timeout `wait` returns (nothing is cancelled). */
  timeout?: number | null;
  /** `ALL_COMPLETED` (default), `FIRST_COMPLETED` or `FIRST_EXCEPTION`. */
  returnWhen?: ReturnWhen;
}

/**
 * What `wait()` resolves to: `done` and `pending` sets. It also destructures like Python's tuple:
 * `const [done, pending] = await wait(aws)`, and prints as `({...}, set())`.
 */
export class WaitResult<F> implements Iterable<Set<F>> {
  /** Creates the result from the two sets. */
  constructor(
    /** The awaitables that are done. */
    readonly done: Set<F>,
    /** The awaitables still pending (after a timeout or an early return). */
    readonly pending: Set<F>,
  ) {}

  /** Yields `done`, then `pending`. */
  *[Symbol.iterator](): Generator<Set<F>, void, unknown> {
    yield this.done;
    yield this.pending;
  }

  /** Python repr of the `(done, pending)` tuple. */
  __repr__(): string {
    return `(${repr(this.done)}, ${repr(this.pending)})`;
  }

  /** The same text as `__repr__()`. */
  toString(): string {
    return this.__repr__();
  }
}

function hasFailed(future: Future<unknown>): boolean {
  return future.done() && !future.cancelled() && future.exception() !== null;
}

/** Whether `wait()` may return, kept up to date one finished future at a time (no scan per future: a million may be waited for). */
class Readiness {
  private _pending: number;
  private _ready: boolean;

  constructor(
    futures: readonly Future<unknown>[],
    private readonly _returnWhen: ReturnWhen,
  ) {
    this._pending = futures.filter((f) => !f.done()).length;
    this._ready =
      this._pending === 0 ||
      (_returnWhen === FIRST_COMPLETED && this._pending < futures.length) ||
      (_returnWhen === FIRST_EXCEPTION && futures.some(hasFailed));
  }

  get ready(): boolean {
    return this._ready;
  }

  /** Counts one future that became done; true once `wait()` may return. */
  finished(future: Future<unknown>): boolean {
    this._pending--;
    if (this._pending === 0 || this._returnWhen === FIRST_COMPLETED || (this._returnWhen === FIRST_EXCEPTION && hasFailed(future))) this._ready = true;
    return this._ready;
  }
}

async function waitBody<T>(awaitables: Iterable<AwaitableLike<T>>, options: WaitOptions): Promise<WaitResult<Future<T>>> {
  const { timeout = null, returnWhen = ALL_COMPLETED } = options;
  if (![FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED].includes(returnWhen)) {
    throw new ValueError(`Invalid return_when value: ${returnWhen}`);
  }
  const futures = [...new Set(Array.from(awaitables, (aw) => ensureFuture(aw)))];
  if (futures.length === 0) throw new ValueError("Set of Tasks/Futures is empty.");
  const readiness = new Readiness(futures, returnWhen);
  if (!readiness.ready) {
    const waiter = new Future<void>();
    const onDone = (future: Future<unknown>): void => {
      if (readiness.finished(future) && !waiter.done()) waiter.setResult();
    };
    const timer = timeout === null ? undefined : setTimeout(() => waiter.done() || waiter.setResult(), timeout * 1000);
    futures.forEach((f) => f.addDoneCallback(onDone));
    try {
      await waiter;
    } finally {
      clearTimeout(timer);
      if (futures.some((f) => !f.done())) futures.forEach((f) => f.removeDoneCallback(onDone));
    }
  }
  return new WaitResult(new Set(futures.filter((f) => f.done())), new Set(futures.filter((f) => !f.done())));
}

/**
 * Python `asyncio.wait(aws, timeout=None, return_when=ALL_COMPLETED)`: a lazy Coroutine that wraps
 * coroutines (and promises) in Tasks, in the given order, and resolves to `{ done, pending }` sets.
 * Bare coroutines are accepted, as the lessons (Python ≤ 3.10) pass them. A timeout cancels nothing.
 */
export function wait<T>(
  awaitables: Iterable<Task<T> | Coroutine<T> | Promise<T> | Generator<unknown, T, unknown>>,
  options?: WaitOptions,
): Coroutine<WaitResult<Task<T>>>;
export function wait<T>(awaitables: Iterable<AwaitableLike<T>>, options?: WaitOptions): Coroutine<WaitResult<Future<T>>>;
export function wait<T>(awaitables: Iterable<AwaitableLike<T>>, options: WaitOptions = {}): Coroutine<WaitResult<Future<T>>> {
  if (awaitables instanceof Future || awaitables instanceof Coroutine) {
    throw new TypeError(`expect a list of futures, not ${awaitables.constructor.name}`);
  }
  const list = [...awaitables];
  return new Coroutine(waitBody as (...args: never[]) => unknown, undefined, [list, options], "wait");
}
