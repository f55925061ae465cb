// Runs a generator-based coroutine (the mirror of @asyncio.coroutine + yield from): each yielded
// promise/future is awaited and its value sent back with next(v), its error thrown in with throw(e).
import { RuntimeError } from "./errors";
import { repr } from "./python";

/** A started coroutine: its outcome, and (for generators) a way to throw an error in at the current yield. */
export interface Driver<T> {
  /** Settles with the coroutine's return value or its exception. */
  readonly promise: Promise<T>;
  /** Throws `error` into the coroutine at its current `yield` (used by Task.cancel); false if it already finished. */
  interrupt?(error: unknown): boolean;
}

/** True for thenables: promises, Futures, Tasks, Coroutines. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === "object" || typeof value === "function") && value !== null && typeof (value as { then?: unknown }).then === "function";
}

/** True for generator objects (what calling a `function*` returns). */
export function isGenerator(value: unknown): value is Generator<unknown, unknown, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Generator).next === "function" &&
    typeof (value as Generator).throw === "function" &&
    typeof (value as Generator)[Symbol.iterator] === "function"
  );
}

/**
 * Drives `generator` as a coroutine, starting at once (synchronously) up to its first `yield`.
 * A yielded thenable is awaited; a bare `yield` (undefined) gives the loop one turn; a yielded
 * generator is driven as a sub-coroutine; anything else is thrown back in as a RuntimeError, as asyncio does.
 */
export function driveGenerator<T>(generator: Generator<unknown, T, unknown>): Driver<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  let turn = 0;
  let finished = false;

  const step = (mode: "next" | "throw", arg: unknown): void => {
    if (finished) return;
    const myTurn = ++turn;
    let next: IteratorResult<unknown, T>;
    try {
      next = mode === "next" ? generator.next(arg) : generator.throw(arg);
    } catch (error) {
      finished = true;
      reject(error);
      return;
    }
    if (next.done) {
      finished = true;
      resolve(next.value);
      return;
    }
    const resume = (m: "next" | "throw", v: unknown): void => {
      if (myTurn === turn) step(m, v);
    };
    awaitYielded(next.value, resume);
  };

  step("next", undefined);
  return {
    promise,
    interrupt(error: unknown): boolean {
      if (finished) return false;
      turn++;
      queueMicrotask(() => step("throw", error));
      return true;
    },
  };
}

function awaitYielded(value: unknown, resume: (mode: "next" | "throw", arg: unknown) => void): void {
  const onValue = (v: unknown): void => resume("next", v);
  const onError = (e: unknown): void => resume("throw", e);
  if (isThenable(value)) {
    try {
      value.then(onValue, onError);
    } catch (error) {
      queueMicrotask(() => onError(error));
    }
  } else if (value === undefined || value === null) {
    setImmediate(() => onValue(undefined));
  } else if (isGenerator(value)) {
    driveGenerator(value).promise.then(onValue, onError);
  } else {
    queueMicrotask(() => onError(new RuntimeError(`Task got bad yield: ${repr(value)}`)));
  }
}
