// Lazy coroutines: coroutine(fn) wraps an async function, a generator function (function* with yield*)
// or a plain function so that calling it only creates a Coroutine object, which runs when awaited or scheduled.
import { type Driver, driveGenerator, isGenerator, isThenable } from "./drive";
import { RuntimeError } from "./errors";
import { Future } from "./future";

/** Anything the loop can await: Coroutines, Futures, Tasks, promises and generator-based coroutine objects. */
export type AwaitableLike<T> = PromiseLike<T> | Generator<unknown, T, unknown>;

/** How the wrapped function produces its result: `async` function, generator function, or plain function. */
export type CoroutineKind = "async" | "generator" | "function";

/** The state of a coroutine object: not started, running, or finished. */
export type CoroutineState = "created" | "running" | "done";

const COROUTINE_FUNCTION = Symbol.for("tsloop.coroutineFunction");

function kindOf(fn: object): CoroutineKind {
  const name = (Object.getPrototypeOf(fn) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  if (name === "AsyncFunction") return "async";
  if (name === "GeneratorFunction") return "generator";
  return "function";
}

/**
 * A coroutine object (Python's `coroutine`): nothing runs until it is awaited (it is a thenable),
 * delegated to with `yield*` from a generator coroutine, or handed to `createTask`, `ensureFuture`,
 * `runUntilComplete`, `wait` or `gather`. It runs at most once; awaiting it again gives the same outcome.
 */
export class Coroutine<T> implements PromiseLike<T>, Iterable<unknown, T, unknown> {
  /** The wrapped function's name (Python `__name__`), used by reprs. */
  readonly name: string;
  // "inline" is "running" run by `yield*` (so it cannot be started again): a state, not a flag, as a
  // million coroutines may exist at once.
  private _state: CoroutineState | "inline" = "created";
  // A Future when the body returned one (as sleep's does): awaiting the coroutine awaits it, and a
  // Task waits on it directly, with no promise and no driver object.
  private _driver: Driver<T> | Future<T> | undefined;
  /** @internal The Task that runs this coroutine, once one wraps it (a coroutine runs at most once). */
  _task: Future<T> | undefined;

  /** Low-level: prefer `coroutine(fn)(...args)`. Wraps the call `fn.apply(thisArg, args)` without making it. */
  constructor(
    private readonly _fn: (...args: never[]) => unknown,
    private readonly _this: unknown,
    private readonly _args: readonly unknown[],
    name?: string,
  ) {
    this.name = name ?? (_fn.name || "<lambda>");
  }

  /** What kind of function produces the result (worked out when asked: a million coroutines may be made at once). */
  get kind(): CoroutineKind {
    return kindOf(this._fn);
  }

  /** `created` until it starts, `running`, then `done`. */
  get state(): CoroutineState {
    if (this._state === "running" && this._driver instanceof Future && this._driver.done()) this._state = "done";
    return this._state === "inline" ? "running" : this._state;
  }

  /** Awaiting the coroutine starts it (once) and settles with its return value or exception. */
  then<TResult1 = T, TResult2 = never>(
    onfulfilled?: ((value: T) => TResult1 | PromiseLike<TResult1>) | null,
    onrejected?: ((reason: unknown) => TResult2 | PromiseLike<TResult2>) | null,
  ): Promise<TResult1 | TResult2> {
    let started: Driver<T> | Future<T>;
    try {
      started = this._start();
    } catch (error) {
      return Promise.reject(error).then(onfulfilled, onrejected);
    }
    return (started instanceof Future ? started : started.promise).then(onfulfilled, onrejected);
  }

  /**
   * `const x = yield* coro` in a generator coroutine (Python `yield from coro`): a generator body is
   * delegated to directly (sends and throws reach it); other kinds are awaited once.
   */
  [Symbol.iterator](): Generator<unknown, T, unknown> {
    if (this._state !== "created") {
      const started = this._start();
      return (function* () {
        return (yield started instanceof Future ? started : started.promise) as T;
      })();
    }
    this._state = "inline";
    return this._inlineBody();
  }

  /** The body run inline by `yield*`: nothing runs until the delegating generator resumes it. */
  private *_inlineBody(): Generator<unknown, T, unknown> {
    try {
      const body = this._call();
      if (isGenerator(body)) return (yield* body) as T;
      if (isThenable(body)) return (yield body) as T;
      return body as T;
    } finally {
      this._state = "done";
    }
  }

  /** Closes a coroutine that has not started, so it never runs (Python `coroutine.close()`). */
  close(): void {
    if (this._state === "created") this._state = "done";
  }

  /** Python-like repr: `<coroutine object hello at tsloop>`. */
  __repr__(): string {
    return `<coroutine object ${this.name} at tsloop>`;
  }

  /** The same text as `__repr__()`. */
  toString(): string {
    return this.__repr__();
  }

  /** Node's `util.inspect` (console.log) shows the Python repr too. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.__repr__();
  }

  /**
   * Starts the coroutine (once) and returns its driver; a generator body runs synchronously up to its
   * first `yield`, an async body up to its first `await`. Used by `then`, Task and the event loop.
   */
  _start(): Driver<T> | Future<T> {
    if (this._driver) return this._driver;
    if (this._state === "inline" || this._state === "done") throw new RuntimeError("cannot reuse already awaited coroutine");
    this._state = "running";
    let driver: Driver<T>;
    try {
      const body = this._call();
      if (body instanceof Future) return (this._driver = body as Future<T>); // `state` asks the future
      if (isGenerator(body)) driver = driveGenerator(body as Generator<unknown, T, unknown>);
      else driver = { promise: Promise.resolve(body as T | PromiseLike<T>) };
    } catch (error) {
      driver = { promise: Promise.reject(error) };
    }
    this._driver = driver;
    const finish = (): void => {
      this._state = "done";
    };
    driver.promise.then(finish, finish);
    return driver;
  }

  /**
   * @internal False when starting the body runs no code of the user's (sleep's makes a timer): a Task
   * then starts it without entering a context of its own, which on Node 24 copies a context map per task.
   */
  get _runsUserCode(): boolean {
    return true;
  }

  /** Calls the wrapped function (a subclass may make its body another way). */
  protected _call(): unknown {
    return this._fn.apply(this._this, this._args as never[]);
  }
}

/** A function made by `coroutine(fn)`: each call returns a new lazy `Coroutine`. */
export type CoroutineFunction<A extends unknown[], T> = ((...args: A) => Coroutine<T>) & {
  readonly [COROUTINE_FUNCTION]: true;
};

/**
 * Wraps `fn` so that calling it returns a lazy `Coroutine` (Python `async def`, or `@asyncio.coroutine`
 * on a generator function). `fn` may be an async function, a generator function that yields
 * promises/futures and uses `yield*` on other coroutines (the mirror of `yield from`), or a plain
 * function. Nothing runs until the coroutine is awaited or scheduled.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a `yield` in a generator coroutine gives back whatever the awaited future resolves to, untyped as in Python
export function coroutine<A extends unknown[], T>(fn: (...args: A) => Generator<unknown, T, any>): CoroutineFunction<A, T>;
export function coroutine<A extends unknown[], T>(fn: (...args: A) => PromiseLike<T>): CoroutineFunction<A, T>;
export function coroutine<A extends unknown[], T>(fn: (...args: A) => T): CoroutineFunction<A, T>;
export function coroutine<A extends unknown[], T>(fn: (...args: A) => unknown): CoroutineFunction<A, T> {
  const wrapper = function (this: unknown, ...args: A): Coroutine<T> {
    return new Coroutine<T>(fn, this, args, fn.name);
  };
  Object.defineProperty(wrapper, "name", { value: fn.name });
  Object.defineProperty(wrapper, COROUTINE_FUNCTION, { value: true });
  return wrapper as CoroutineFunction<A, T>;
}

/**
 * Python `asyncio.iscoroutine`: true for `Coroutine` objects, including generator-based ones (as
 * `asyncio.iscoroutine` is for `@asyncio.coroutine` generators). False for native promises: a JS
 * promise is already running, so it is a future-like awaitable, not a coroutine object.
 */
export function isCoroutine(value: unknown): value is Coroutine<unknown> {
  return value instanceof Coroutine;
}

/**
 * Python `asyncio.iscoroutinefunction`: true for functions made by `coroutine()` and for native
 * `async` functions (the mirror of `async def`); false for plain and generator functions.
 */
export function isCoroutineFunction(fn: unknown): boolean {
  if (typeof fn !== "function") return false;
  return (fn as unknown as Record<symbol, unknown>)[COROUTINE_FUNCTION] === true || kindOf(fn) === "async";
}

/**
 * Starts any awaitable and returns its driver: a Coroutine is started, a generator object is driven,
 * a thenable is subscribed to. Runs synchronously up to the first suspension point.
 */
export function startAwaitable<T>(awaitable: AwaitableLike<T>): Driver<T> | Future<T> {
  if (awaitable instanceof Coroutine) return (awaitable as Coroutine<T>)._start();
  if (awaitable instanceof Future) return awaitable as Future<T>;
  if (isGenerator(awaitable)) return driveGenerator(awaitable);
  if (isThenable(awaitable)) {
    const promise = new Promise<T>((resolve, reject) => {
      awaitable.then(resolve, reject);
    });
    return { promise };
  }
  throw new TypeError(`An asyncio.Future, a coroutine or an awaitable is required`);
}

/** The name a Task repr shows for its coroutine: the function's name, or `generator`/`awaitable`. */
export function awaitableName(awaitable: unknown): string {
  if (awaitable instanceof Coroutine) return awaitable.name;
  if (isGenerator(awaitable)) return "generator";
  return "awaitable";
}

/** True once the awaitable (when it is a Coroutine) has finished; other awaitables report false. */
export function awaitableDone(awaitable: unknown): boolean {
  return awaitable instanceof Coroutine && awaitable.state === "done";
}
