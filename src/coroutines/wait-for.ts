// asyncio.wait_for: await one awaitable with a deadline; on timeout it is cancelled (and waited for)
// and TimeoutError is thrown. Cancelling the caller cancels the awaitable too.
import { type AwaitableLike, Coroutine } from "./coroutine";
import { CancelledError, TimeoutError } from "./errors";
import { Future } from "./future";
import { ensureFuture } from "./policy";

async function cancelAndWait(future: Future<unknown>): Promise<void> {
  const finished = new Future<void>();
  const onDone = (): void => {
    if (!finished.done()) finished.setResult();
  };
  future.addDoneCallback(onDone);
  try {
    future.cancel();
    await finished;
  } finally {
    future.removeDoneCallback(onDone);
  }
}

function resultOrTimeout<T>(future: Future<T>): T {
  try {
    return future.result();
  } catch (error) {
    if (error instanceof CancelledError) throw new TimeoutError();
    throw error;
  }
}

async function waitForBody<T>(awaitable: AwaitableLike<T>, timeout: number | null): Promise<T> {
  const future = ensureFuture(awaitable);
  if (timeout === null) return await future;
  if (future.done()) return future.result();
  if (timeout <= 0) {
    await cancelAndWait(future);
    return resultOrTimeout(future);
  }
  const waiter = new Future<void>();
  const release = (): void => {
    if (!waiter.done()) waiter.setResult();
  };
  const timer = setTimeout(release, timeout * 1000);
  future.addDoneCallback(release);
  try {
    await waiter;
  } catch (error) {
    future.removeDoneCallback(release);
    await cancelAndWait(future);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  if (future.done()) return future.result();
  future.removeDoneCallback(release);
  await cancelAndWait(future);
  return resultOrTimeout(future);
}

/**
 * Python `asyncio.wait_for(aw, timeout)`: a lazy Coroutine that awaits `awaitable` (wrapped in a Task
 * if needed) for at most `timeout` seconds (null: no limit). On timeout it cancels it, waits for the
 * cancellation, and throws `TimeoutError`.
 */
export function waitFor<T>(awaitable: AwaitableLike<T>, timeout: number | null): Coroutine<T> {
  return new Coroutine<T>(waitForBody, undefined, [awaitable, timeout], "waitFor");
}
