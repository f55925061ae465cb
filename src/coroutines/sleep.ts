// asyncio.sleep: a lazy coroutine whose body is one Future resolved by a timer (no async function,
// no closure: a million of them may sleep at once), so cancelling the task that sleeps stops the
// timer and throws CancelledError at the await.
import { Coroutine } from "./coroutine";
import { Future } from "./future";
import { type Ringing, type SleepTimer, startTimer, stopTimer } from "./timers";

/** A Future that a timer resolves with `result` after `seconds` (on the next turn of the loop for 0); cancelling it stops the timer. */
class TimerFuture<T> extends Future<T> implements Ringing {
  private readonly _timer: SleepTimer;

  constructor(
    seconds: number,
    private readonly _value: T,
  ) {
    super();
    this._timer = startTimer(this, seconds);
  }

  /** @internal The time is up. */
  _ring(): void {
    if (!this.done()) this.setResult(this._value);
  }

  protected override _onDone(): void {
    if (this.cancelled()) stopTimer(this._timer);
  }
}

const NO_ARGUMENTS: readonly unknown[] = [];

function sleep_(): never {
  throw new Error("unreachable: SleepCoroutine makes its own body");
}

/** The coroutine `sleep()` returns: its body is a TimerFuture, made from two fields (no argument array). */
class SleepCoroutine<T> extends Coroutine<T> {
  constructor(
    private readonly _seconds: number,
    private readonly _value: T,
  ) {
    super(sleep_, undefined, NO_ARGUMENTS, "sleep");
  }

  override get _runsUserCode(): boolean {
    return false;
  }

  protected override _call(): Future<T> {
    return new TimerFuture(this._seconds, this._value);
  }
}

/**
 * Python `asyncio.sleep(seconds, result)`: a lazy Coroutine that, once awaited (`await sleep(1)`, or
 * `yield* sleep(1)` in a generator coroutine), waits `seconds` without blocking and returns `result`.
 * `sleep(0)` lets every other ready task run once. Calling it without awaiting does nothing, as in Python.
 */
export function sleep(seconds: number): Coroutine<void>;
export function sleep<T>(seconds: number, result: T): Coroutine<T>;
export function sleep<T>(seconds: number, result?: T): Coroutine<T | undefined> {
  if (typeof seconds !== "number" || Number.isNaN(seconds)) throw new TypeError("sleep length must be a number");
  return new SleepCoroutine<T | undefined>(seconds, result);
}
