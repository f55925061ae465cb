// asyncio's Semaphore and BoundedSemaphore (CPython 3.12 asyncio/locks.py, same algorithm): a counter
// of free slots and FIFO waiters; a waiter woken and then cancelled gives its slot to the next one.
import { Acquired, firstPending, waitInLine } from "./acquired";
import { CancelledError, ValueError } from "./errors";
import type { Coroutine } from "./coroutine";
import { Future } from "./future";
import { lazy } from "./locks";

/**
 * A semaphore (Python `asyncio.Semaphore`): at most `value` holders at once, e.g. a limit on concurrent
 * downloads. `await using slot = await semaphore.acquire()` (Python `async with semaphore:`).
 */
export class Semaphore {
  protected _value: number;
  private readonly _waiters = new Set<Future<boolean>>();

  /** `value` free slots (default 1); ValueError if negative. */
  constructor(value = 1) {
    if (!(value >= 0)) throw new ValueError("Semaphore initial value must be >= 0");
    this._value = value;
  }

  /** True when `acquire()` would wait (Python `Semaphore.locked`). */
  locked(): boolean {
    if (this._value === 0) return true;
    for (const waiter of this._waiters) if (!waiter.cancelled()) return true;
    return false;
  }

  /** Takes a slot, waiting for one if none is free; gives a handle that releases it (also as an async disposable). */
  acquire(): Coroutine<Acquired> {
    return lazy("acquire", () => this._acquire());
  }

  private async _acquire(): Promise<Acquired> {
    const held = new Acquired(() => this.release());
    if (!this.locked()) {
      this._value--;
      return held;
    }
    const waiter = new Future<boolean>();
    try {
      await waitInLine(this._waiters, waiter);
    } catch (error) {
      // Woken (the slot counted as ours) but cancelled: give the slot back.
      if (error instanceof CancelledError && waiter.done() && !waiter.cancelled()) this._value++;
      throw error;
    } finally {
      // Waiters that came meanwhile had to queue behind: wake as many as there are free slots.
      while (this._value > 0 && this._wakeUpNext());
    }
    return held;
  }

  /** Gives a slot back and wakes the next waiter. */
  release(): void {
    this._value++;
    this._wakeUpNext();
  }

  private _wakeUpNext(): boolean {
    const next = firstPending(this._waiters);
    if (!next) return false;
    this._value--;
    next.setResult(true);
    return true;
  }

  /** Python-like repr: `<Semaphore [unlocked, value:2]>`. */
  __repr__(): string {
    const state = this.locked() ? "locked" : `unlocked, value:${this._value}`;
    return `<${this.constructor.name} [${state}${this._waiters.size > 0 ? `, waiters:${this._waiters.size}` : ""}]>`;
  }
}

/** A Semaphore that refuses to be released above its initial value (Python `asyncio.BoundedSemaphore`): ValueError. */
export class BoundedSemaphore extends Semaphore {
  private readonly _boundValue: number;

  /** `value` free slots (default 1), never more. */
  constructor(value = 1) {
    super(value);
    this._boundValue = value;
  }

  /** Gives a slot back; ValueError if that would exceed the initial value. */
  override release(): void {
    if (this._value >= this._boundValue) throw new ValueError("BoundedSemaphore released too many times");
    super.release();
  }
}
