// asyncio.sleep: a lazy coroutine whose body is one Future resolved by a timer (no async function,
// no closure: a million of them may sleep at once), so cancelling the task that sleeps stops the
// timer and throws CancelledError at the await.
import { Coroutine } from "./coroutine";
import { Future } from "./future";

/** A Future that a timer resolves with `result` after `seconds` (on the next turn of the loop for 0); cancelling it clears the timer. */
class TimerFuture<T> extends Future<T> {
  private readonly _timeout: NodeJS.Timeout | undefined;
  private readonly _immediate: NodeJS.Immediate | undefined;

  constructor(seconds: number, result: T) {
    super();
    // Python's sleep(0) yields to the loop once: setImmediate lets pending IO and timers run first.
    if (seconds > 0) this._timeout = setTimeout(ring, seconds * 1000, this, result);
    else this._immediate = setImmediate(ring, this, result);
  }

  protected override _onDone(): void {
    if (!this.cancelled()) return;
    clearTimeout(this._timeout);
    clearImmediate(this._immediate);
  }
}

function ring<T>(future: TimerFuture<T>, result: T): void {
  if (!future.done()) future.setResult(result);
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
