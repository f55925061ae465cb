// asyncio.gather: schedule awaitables at once and collect their results in argument order; the first
// exception wins unless returnExceptions is set. Cancelling the gathering future cancels the children.
import { type AwaitableLike, Coroutine } from "./coroutine";
import { isGenerator, isThenable } from "./drive";
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
type OrErrors<T extends readonly unknown[]> = { -readonly [K in keyof T]: T[K] | Error };

function isOptions(value: unknown): value is GatherOptions {
  return typeof value === "object" && value !== null && !isThenable(value) && !(Symbol.iterator in value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** An array, Set or other iterable of awaitables (a generator object is a generator coroutine, not a collection). */
function isCollection(value: unknown): value is Iterable<unknown> {
  return typeof value === "object" && value !== null && !isThenable(value) && !isGenerator(value) && Symbol.iterator in value;
}

/** The awaitables and options of either call form: `gather(a, b, options?)` or `gather(iterable, options?)`. */
function splitArguments(args: unknown[]): { inputs: Iterable<unknown>; options: GatherOptions } {
  const last = args[args.length - 1];
  const options: GatherOptions = args.length > 0 && isOptions(last) ? (args.pop() as GatherOptions) : {};
  if (args.length === 1 && isCollection(args[0])) return { inputs: args[0], options };
  return { inputs: args, options };
}

/**
 * One Future per input, an input given twice getting the same one (as Python's `arg_to_fut`). A
 * coroutine is looked up through the task already running it; only other inputs need a Map, which
 * a million coroutines would make cost as much as their tasks.
 */
function childrenOf(inputs: Iterable<unknown>): Future<unknown>[] {
  let byInput: Map<unknown, Future<unknown>> | undefined;
  const children: Future<unknown>[] = [];
  for (const input of inputs) {
    let child = input instanceof Coroutine ? input._task : byInput?.get(input);
    if (!child) {
      child = ensureFuture(input as AwaitableLike<unknown>);
      if (!(input instanceof Coroutine) && !(input instanceof Future)) (byInput ??= new Map()).set(input, child);
    }
    children.push(child);
  }
  return children;
}

function outcome(child: Future<unknown>): unknown {
  if (child.cancelled()) return new CancelledError();
  const error = child.exception();
  return error !== null ? error : child.result();
}

/**
 * Python `asyncio.gather(*aws, return_exceptions=False)`: schedules every awaitable now (coroutines
 * become Tasks) and returns a Future of their results in input order. The awaitables come as
 * arguments, `gather(a, b)`, or as one array or other iterable, `gather(tasks)` (no argument limit:
 * a million is fine). Without `returnExceptions` the first exception (or cancellation) is thrown and
 * the other children keep running; with it, errors take their place in the results. Options come
 * last: `gather(a, b, { returnExceptions: true })`, `gather(tasks, { returnExceptions: true })`.
 */
export function gather<T extends readonly unknown[]>(awaitables: readonly [...Inputs<T>], options?: { returnExceptions?: false }): GatheringFuture<Awaited_<T>>;
export function gather<T extends readonly unknown[]>(awaitables: readonly [...Inputs<T>], options: GatherOptions): GatheringFuture<OrErrors<T>>;
export function gather<T>(awaitables: Iterable<AwaitableLike<T>>, options?: { returnExceptions?: false }): GatheringFuture<T[]>;
export function gather<T>(awaitables: Iterable<AwaitableLike<T>>, options: GatherOptions): GatheringFuture<(T | Error)[]>;
export function gather<T extends readonly unknown[]>(...awaitables: Inputs<T>): GatheringFuture<Awaited_<T>>;
export function gather<T extends readonly unknown[]>(...args: [...Inputs<T>, GatherOptions]): GatheringFuture<OrErrors<T>>;
export function gather(...args: unknown[]): GatheringFuture<unknown[]> {
  const { inputs, options } = splitArguments(args);
  const children = childrenOf(inputs);
  const outer = new GatheringFuture<unknown[]>(children);
  if (children.length === 0) {
    outer.setResult([]);
    return outer;
  }
  // One callback per position: an input given twice is counted twice, so no Set of children is kept.
  let finished = 0;
  const onChildDone = (child: Future<unknown>): void => {
    finished++;
    if (outer.done()) return;
    if (!options.returnExceptions) {
      if (child.cancelled()) return outer.setException(new CancelledError());
      if (child.exception() !== null) return outer.setException(child.exception());
    }
    if (finished < children.length) return;
    if (outer.cancelRequested) return outer.setException(new CancelledError());
    outer.setResult(children.map(outcome));
  };
  for (const child of children) child.addDoneCallback(onChildDone);
  return outer;
}
