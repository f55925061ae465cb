// asyncio.sleep: a lazy coroutine that waits `seconds` without blocking (a timer resolving a Future),
// so cancelling the task that sleeps stops the timer and throws CancelledError at the await.
import { Coroutine } from "./coroutine";
import { Future } from "./future";

async function sleepBody<T>(seconds: number, result: T): Promise<T> {
  if (!(seconds > 0)) {
    // Python's sleep(0) yields to the loop once.
    const turn = new Future<void>();
    const handle = setImmediate(() => turn.done() || turn.setResult());
    turn.addDoneCallback(() => clearImmediate(handle));
    await turn;
    return result;
  }
  const timer = new Future<T>();
  const handle = setTimeout(() => timer.done() || timer.setResult(result), seconds * 1000);
  timer.addDoneCallback(() => clearTimeout(handle));
  return await timer;
}

/**
 * Python `asyncio.sleep(seconds, result)`: a lazy Coroutine that, once awaited (`await sleep(1)`, or
 * `yield* sleep(1)` in a generator coroutine), waits `seconds` without blocking and returns `result`.
 * Calling it without awaiting does nothing, as in Python.
 */
export function sleep(seconds: number): Coroutine<void>;
export function sleep<T>(seconds: number, result: T): Coroutine<T>;
export function sleep<T>(seconds: number, result?: T): Coroutine<T | undefined> {
  if (typeof seconds !== "number" || Number.isNaN(seconds)) throw new TypeError("sleep length must be a number");
  return new Coroutine<T | undefined>(sleepBody, undefined, [seconds, result], "sleep");
}
