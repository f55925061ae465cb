// asyncio.shield (CPython 3.12 asyncio/tasks.py): cancelling the awaiting task cancels only the
// outer future shield() returns; the inner awaitable keeps running.
import type { AwaitableLike } from "./coroutine";
import { Future } from "./future";
import { ensureFuture } from "./policy";

/**
 * Python `asyncio.shield(aw)`: a Future that follows `aw` (a coroutine becomes a Task) but whose
 * cancellation does not reach it: `await shield(task)` in a task that is cancelled throws
 * CancelledError there while `task` goes on.
 */
export function shield<T>(awaitable: AwaitableLike<T>): Future<T> {
  const inner = ensureFuture(awaitable);
  if (inner.done()) return inner;
  const outer = new Future<T>();
  const onInnerDone = (): void => {
    if (outer.done()) return;
    if (inner.cancelled()) outer.cancel();
    else if (inner.exception() !== null) outer.setException(inner.exception());
    else outer.setResult(inner.result());
  };
  inner.addDoneCallback(onInnerDone);
  outer.addDoneCallback(() => {
    if (!inner.done()) inner.removeDoneCallback(onInnerDone);
  });
  return outer;
}
