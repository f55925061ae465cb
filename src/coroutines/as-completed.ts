// asyncio.as_completed: schedule awaitables at once and hand out one awaitable per input; the k-th one
// awaited gives the k-th result to complete. After the timeout the remaining ones throw TimeoutError.
import { type AwaitableLike, Coroutine } from "./coroutine";
import { TimeoutError } from "./errors";
import { Future } from "./future";
import { Fifo } from "./fifo";
import { ensureFuture } from "./policy";

/** Options of `asCompleted()`. */
export interface AsCompletedOptions {
  /** Seconds after which the awaitables not yet completed throw `TimeoutError` (null: no limit). */
  timeout?: number | null;
}

/**
 * Python `asyncio.as_completed(aws, timeout=None)`: schedules every awaitable now and returns an
 * array of lazy Coroutines, one per distinct input, to await in order: each gives the result (or
 * throws the exception) of the next awaitable to complete. `for await (const r of asCompleted(aws))`
 * also works. After `timeout` seconds, the ones left throw `TimeoutError`.
 */
export function asCompleted<T>(awaitables: Iterable<AwaitableLike<T>>, options: AsCompletedOptions = {}): Coroutine<T>[] {
  if (awaitables instanceof Future || awaitables instanceof Coroutine) {
    throw new TypeError(`expect an iterable of futures, not ${awaitables.constructor.name}`);
  }
  const todo = new Set(Array.from(awaitables, (aw) => ensureFuture(aw)));
  const count = todo.size;
  // Completed futures travel boxed: a Future resolved with a Future would adopt it.
  type Item = { future: Future<T> } | null;
  const completed = new Fifo<Item>();
  const takers = new Fifo<Future<Item>>();
  const deliver = (item: Item): void => {
    for (let taker = takers.shift(); taker; taker = takers.shift()) {
      if (!taker.done()) return taker.setResult(item);
    }
    completed.push(item);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onDone = (future: Future<T>): void => {
    if (!todo.delete(future)) return;
    deliver({ future });
    if (todo.size === 0) clearTimeout(timer);
  };
  const onTimeout = (): void => {
    for (const future of todo) {
      future.removeDoneCallback(onDone);
      deliver(null);
    }
    todo.clear();
  };
  todo.forEach((future) => future.addDoneCallback(onDone));
  if (options.timeout !== undefined && options.timeout !== null && count > 0) {
    timer = setTimeout(onTimeout, options.timeout * 1000);
  }
  const waitForOne = async (): Promise<T> => {
    let next: Item | undefined;
    if (completed.length > 0) next = completed.shift();
    else {
      const taker = new Future<Item>();
      takers.push(taker);
      next = await taker;
    }
    if (!next) throw new TimeoutError();
    return next.future.result();
  };
  return Array.from({ length: count }, () => new Coroutine<T>(waitForOne, undefined, [], "waitForOne"));
}
