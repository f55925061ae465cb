// What Lock, Semaphore and Condition's acquire() gives: a handle that releases once, also as an
// (async) disposable, so `await using held = await lock.acquire()` is Python's `async with lock:`;
// and the FIFO line of waiter Futures these primitives share.

/** A held lock or semaphore slot: `release()` (or leaving an `await using`/`using` block) gives it back, once. */
export class Acquired implements AsyncDisposable, Disposable {
  private _released = false;

  /** Wraps the primitive's own release. */
  constructor(private readonly _release: () => void) {}

  /** True once released through this handle. */
  get released(): boolean {
    return this._released;
  }

  /** Releases what was acquired; a second call does nothing (the primitive's own `release()` would throw). */
  release(): void {
    if (this._released) return;
    this._released = true;
    this._release();
  }

  /** `await using`: releases at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    this.release();
    return Promise.resolve();
  }

  /** `using`: releases at the end of the block. */
  [Symbol.dispose](): void {
    this.release();
  }
}

/** The first waiter of `waiters` that is not done yet, in the order they were added. */
export function firstPending<F extends { done(): boolean }>(waiters: Iterable<F>): F | undefined {
  for (const waiter of waiters) if (!waiter.done()) return waiter;
  return undefined;
}

/** Awaits `waiter` as a member of `waiters`, leaving the line however the wait ends (woken, cancelled, failed). */
export async function waitInLine<F extends PromiseLike<unknown>>(waiters: Set<F>, waiter: F): Promise<void> {
  waiters.add(waiter);
  try {
    await waiter;
  } finally {
    waiters.delete(waiter);
  }
}
