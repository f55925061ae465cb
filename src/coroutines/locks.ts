// asyncio's Lock, Event and Condition (CPython 3.12 asyncio/locks.py, same algorithms): waiters are
// Futures in FIFO order, so a cancelled waiter gets CancelledError at its await and the next one is woken.
import { Acquired, firstPending, waitInLine } from "./acquired";
import { CancelledError, RuntimeError } from "./errors";
import { Coroutine } from "./coroutine";
import { Future } from "./future";

/** A lazy Coroutine named `name` that calls `body` once awaited (Python's `async def` methods do nothing until then). */
export function lazy<T>(name: string, body: () => Promise<T>): Coroutine<T> {
  return new Coroutine<T>(body, undefined, [], name);
}

/**
 * A mutual-exclusion lock (Python `asyncio.Lock`), fair: waiters get it in the order they asked.
 * `await using held = await lock.acquire()` (Python `async with lock:`) or acquire / try / finally release.
 */
export class Lock {
  private _locked = false;
  private readonly _waiters = new Set<Future<boolean>>();

  /** True while held (Python `Lock.locked`). */
  locked(): boolean {
    return this._locked;
  }

  /** Waits until the lock is free and takes it; gives a handle that releases it (also as an async disposable). */
  acquire(): Coroutine<Acquired> {
    return lazy("acquire", () => this._acquire());
  }

  private async _acquire(): Promise<Acquired> {
    const held = new Acquired(() => this.release());
    if (!this._locked && firstPending(this._waiters) === undefined) {
      this._locked = true;
      return held;
    }
    const waiter = new Future<boolean>();
    try {
      await waitInLine(this._waiters, waiter);
    } catch (error) {
      // Woken but cancelled before it could take the lock: hand the turn to the next waiter.
      if (error instanceof CancelledError && !this._locked) this._wakeUpFirst();
      throw error;
    }
    this._locked = true;
    return held;
  }

  /** Frees the lock and wakes the first waiter; RuntimeError if not held (Python `Lock.release`). */
  release(): void {
    if (!this._locked) throw new RuntimeError("Lock is not acquired.");
    this._locked = false;
    this._wakeUpFirst();
  }

  private _wakeUpFirst(): void {
    firstPending(this._waiters)?.setResult(true);
  }

  /** Python-like repr: `<Lock [unlocked]>`, `<Lock [locked, waiters:2]>`. */
  __repr__(): string {
    const waiters = this._waiters.size > 0 ? `, waiters:${this._waiters.size}` : "";
    return `<Lock [${this._locked ? "locked" : "unlocked"}${waiters}]>`;
  }
}

/** A flag tasks can wait for (Python `asyncio.Event`): `set()` wakes every waiter, `clear()` resets it. */
export class Event {
  private _value = false;
  private readonly _waiters = new Set<Future<boolean>>();

  /** True once set (Python `Event.is_set`). */
  isSet(): boolean {
    return this._value;
  }

  /** Sets the flag and wakes every waiting task. */
  set(): void {
    if (this._value) return;
    this._value = true;
    for (const waiter of this._waiters) if (!waiter.done()) waiter.setResult(true);
  }

  /** Resets the flag: later `wait()`s block until the next `set()`. */
  clear(): void {
    this._value = false;
  }

  /** Waits until the flag is set, then gives `true` (at once if it already is). */
  wait(): Coroutine<true> {
    return lazy("wait", () => this._wait());
  }

  private async _wait(): Promise<true> {
    if (this._value) return true;
    await waitInLine(this._waiters, new Future<boolean>());
    return true;
  }

  /** Python-like repr: `<Event [unset]>`, `<Event [set]>`. */
  __repr__(): string {
    return `<Event [${this._value ? "set" : "unset"}${this._waiters.size > 0 ? `, waiters:${this._waiters.size}` : ""}]>`;
  }
}

/**
 * A condition variable (Python `asyncio.Condition`) over a Lock (its own unless given): hold it, then
 * `wait()` releases it until `notify()`, and takes it back before returning.
 */
export class Condition {
  private readonly _lock: Lock;
  private readonly _waiters = new Set<Future<boolean>>();

  /** Uses `lock`, or a new Lock. */
  constructor(lock?: Lock) {
    this._lock = lock ?? new Lock();
  }

  /** True while the underlying lock is held. */
  locked(): boolean {
    return this._lock.locked();
  }

  /** Takes the underlying lock (a handle that releases it, also as an async disposable). */
  acquire(): Coroutine<Acquired> {
    return this._lock.acquire();
  }

  /** Frees the underlying lock. */
  release(): void {
    this._lock.release();
  }

  /** Releases the lock, waits for a `notify()`, takes the lock back (even when cancelled), gives `true`. RuntimeError unless held. */
  wait(): Coroutine<true> {
    return lazy("wait", () => this._wait());
  }

  private async _wait(): Promise<true> {
    if (!this.locked()) throw new RuntimeError("cannot wait on un-acquired lock");
    this.release();
    let failure: { error: unknown } | undefined;
    try {
      await waitInLine(this._waiters, new Future<boolean>());
    } catch (error) {
      failure = { error };
    }
    // Python takes the lock back whatever happened; a cancellation met meanwhile wins.
    const cancelled = await this._reacquire();
    if (cancelled) throw cancelled;
    if (failure) throw failure.error as Error;
    return true;
  }

  /** Takes the lock back, retrying through cancellations; gives the last CancelledError met, if any. */
  private async _reacquire(): Promise<CancelledError | undefined> {
    let cancelled: CancelledError | undefined;
    for (;;) {
      try {
        await this._lock.acquire();
        return cancelled;
      } catch (error) {
        if (!(error instanceof CancelledError)) throw error;
        cancelled = error;
      }
    }
  }

  /** Waits (as `wait()`) until `predicate()` is true; gives its last value. */
  waitFor<T>(predicate: () => T): Coroutine<T> {
    return lazy("waitFor", () => this._waitFor(predicate));
  }

  private async _waitFor<T>(predicate: () => T): Promise<T> {
    let result = predicate();
    while (!result) {
      await this.wait();
      result = predicate();
    }
    return result;
  }

  /** Wakes up to `n` waiting tasks (default 1); RuntimeError unless the lock is held. */
  notify(n = 1): void {
    if (!this.locked()) throw new RuntimeError("cannot notify on un-acquired lock");
    let woken = 0;
    for (const waiter of this._waiters) {
      if (woken >= n) break;
      if (!waiter.done()) {
        woken++;
        waiter.setResult(false);
      }
    }
  }

  /** Wakes every waiting task. */
  notifyAll(): void {
    this.notify(this._waiters.size);
  }
}
