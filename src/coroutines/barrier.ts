// asyncio.Barrier (CPython 3.12 asyncio/locks.py, same states): `parties` tasks wait until all of
// them arrived, then all go on; abort() and reset() break the waiting ones with BrokenBarrierError.
import type { Coroutine } from "./coroutine";
import { BrokenBarrierError, ValueError } from "./errors";
import { Condition, lazy } from "./locks";

type State = "filling" | "draining" | "resetting" | "broken";

/** A barrier for `parties` tasks (Python `asyncio.Barrier`): each `wait()` gives the arrival index, 0 to parties-1. */
export class Barrier {
  private readonly _cond = new Condition();
  private _state: State = "filling";
  private _count = 0;

  /** A barrier that opens when `parties` tasks wait on it; ValueError below 1. */
  constructor(readonly parties: number) {
    if (!(parties >= 1)) throw new ValueError("parties must be > 0");
  }

  /** How many tasks wait now (Python `Barrier.n_waiting`). */
  get nWaiting(): number {
    return this._state === "filling" ? this._count : 0;
  }

  /** True once aborted (Python `Barrier.broken`). */
  get broken(): boolean {
    return this._state === "broken";
  }

  /** Waits until `parties` tasks wait, then gives this task's arrival index; BrokenBarrierError if broken meanwhile. */
  wait(): Coroutine<number> {
    return lazy("wait", () => this._wait());
  }

  private async _wait(): Promise<number> {
    await using _held = await this._cond.acquire();
    await this._cond.waitFor(() => this._state !== "draining" && this._state !== "resetting");
    if (this._state === "broken") throw new BrokenBarrierError("Barrier aborted");
    try {
      const index = this._count++;
      if (index + 1 === this.parties) {
        this._state = "draining";
        this._cond.notifyAll();
      } else {
        await this._cond.waitFor(() => this._state !== "filling");
        const woken = this._state as State; // changed by other tasks while this one waited
        if (woken === "broken" || woken === "resetting") throw new BrokenBarrierError("Abort call");
      }
      return index;
    } finally {
      this._count--;
      if (this._count === 0) {
        if (this._state === "resetting" || this._state === "draining") this._state = "filling";
        this._cond.notifyAll();
      }
    }
  }

  /** Back to the empty state; tasks waiting now get BrokenBarrierError (Python `Barrier.reset`). */
  reset(): Coroutine<void> {
    return lazy("reset", () => this._reset());
  }

  private async _reset(): Promise<void> {
    await using _held = await this._cond.acquire();
    this._state = this._count > 0 ? "resetting" : "filling";
    this._cond.notifyAll();
  }

  /** Breaks the barrier: waiting and later `wait()`s get BrokenBarrierError (Python `Barrier.abort`). */
  abort(): Coroutine<void> {
    return lazy("abort", () => this._abort());
  }

  private async _abort(): Promise<void> {
    await using _held = await this._cond.acquire();
    this._state = "broken";
    this._cond.notifyAll();
  }

  /** Python-like repr: `<Barrier [filling, waiters:1/3]>`. */
  __repr__(): string {
    return `<Barrier [${this._state}${this._state === "filling" ? `, waiters:${this._count}/${this.parties}` : ""}]>`;
  }
}
