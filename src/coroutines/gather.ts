// asyncio.gather: schedule awaitables at once and collect their results in argument order; the first
// exception wins unless returnExceptions is set. Cancelling the gathering future cancels the children.
import type { AwaitableLike } from "./coroutine";
import { isThenable } from "./drive";
import { CancelledError } from "./errors";
import { Future } from "./future";
import { ensureFuture } from "./policy";

/** Options of `gather()`, passed as its last argument. */
export interface GatherOptions {
  /** Put exceptions (and CancelledErrors) in the results instead of failing on the first one. */
  returnExceptions?: boolean;
}

/** The Future `gather()` returns: cancelling it cancels every child (Python `_GatheringFuture`). */
export class GatheringFuture<T> extends Future<T> {
  private _cancelRequested = false;

  /** Creates the future over `children`. */
  constructor(private readonly _children: readonly Future<unknown>[]) {
    super();
  }

  /** Cancels the children; true if any of them could be cancelled. The gather then ends with CancelledError. */
  override cancel(message?: string): boolean {
    if (this.done()) return false;
    let cancelled = false;
    for (const child of this._children) if (child.cancel(message)) cancelled = true;
    if (cancelled) this._cancelRequested = true;
    return cancelled;
  }

  /** @internal True once `cancel()` reached a child. */
  get cancelRequested(): boolean {
    return this._cancelRequested;
  }
}

type Awaited_<T extends readonly unknown[]> = { -readonly [K in keyof T]: T[K] };
type Inputs<T extends readonly unknown[]> = { [K in keyof T]: AwaitableLike<T[K]> };

function isOptions(value: unknown): value is GatherOptions {
  return typeof value === "object" && value !== null && !isThenable(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function outcome(child: Future<unknown>): unknown {
  if (child.cancelled()) return new CancelledError();
  const error = child.exception();
  return error !== null ? error : child.result();
}

/**
 * Python `asyncio.gather(*aws, return_exceptions=False)`: schedules every awaitable now (coroutines
 * become Tasks) and returns a Future of their results in argument order. Without `returnExceptions`
 * the first exception (or cancellation) is thrown and the other children keep running; with it,
 * errors take their place in the results. Pass options as the last argument: `gather(a, b, { returnExceptions: true })`.
 */
export function gather<T extends readonly unknown[]>(...awaitables: Inputs<T>): GatheringFuture<Awaited_<T>>;
export function gather<T extends readonly unknown[]>(...args: [...Inputs<T>, GatherOptions]): GatheringFuture<{ -readonly [K in keyof T]: T[K] | Error }>;
export function gather(...args: unknown[]): GatheringFuture<unknown[]> {
  const last = args[args.length - 1];
  const options: GatherOptions = args.length > 0 && isOptions(last) ? (args.pop() as GatherOptions) : {};
  const byInput = new Map<unknown, Future<unknown>>();
  const children = args.map((arg) => {
    let child = byInput.get(arg);
    if (!child) byInput.set(arg, (child = ensureFuture(arg as AwaitableLike<unknown>)));
    return child;
  });
  const outer = new GatheringFuture<unknown[]>(children);
  if (children.length === 0) {
    outer.setResult([]);
    return outer;
  }
  let finished = 0;
  const unique = new Set(children);
  const onChildDone = (child: Future<unknown>): void => {
    finished++;
    if (outer.done()) return;
    if (!options.returnExceptions) {
      if (child.cancelled()) return outer.setException(new CancelledError());
      if (child.exception() !== null) return outer.setException(child.exception());
    }
    if (finished < unique.size) return;
    if (outer.cancelRequested) return outer.setException(new CancelledError());
    outer.setResult(children.map(outcome));
  };
  unique.forEach((child) => child.addDoneCallback(onChildDone));
  return outer;
}
