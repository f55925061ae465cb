// asyncio.timeout / timeout_at (CPython 3.12 asyncio/timeouts.py): a deadline for a block of code.
// When it passes, the task running the block is cancelled; leaving the block turns that
// CancelledError into TimeoutError, unless someone else also cancelled the task.
import { monotonic } from "./clock";
import { Coroutine } from "./coroutine";
import { CancelledError, RuntimeError, TimeoutError } from "./errors";
import { createTask } from "./policy";
import { currentTask, type Task } from "./task";

type State = "created" | "entered" | "expiring" | "expired" | "exited";

/**
 * A deadline over the task that created it (Python `asyncio.Timeout`), in loop-clock seconds
 * (`loop.time()`); null means none. Made by `timeout()`/`timeoutAt()`, which start it at once, and
 * used with `await using`; the function forms `timeout(s, fn)`/`timeoutAt(when, fn)` are the mirror of `async with`.
 */
export class Timeout implements AsyncDisposable {
  private _state: State = "created";
  private _timer: NodeJS.Timeout | undefined;
  private _task: Task<unknown> | undefined;
  private _cancelling = 0;

  /** A deadline at `when` (loop-clock seconds; null: none), not started yet. */
  constructor(private _when: number | null) {}

  /** The deadline, in loop-clock seconds, or null. */
  when(): number | null {
    return this._when;
  }

  /** True once the deadline passed and the task was cancelled for it. */
  expired(): boolean {
    return this._state === "expiring" || this._state === "expired";
  }

  /** Moves the deadline (null: none); RuntimeError unless the timeout is running. */
  reschedule(when: number | null): void {
    if (this._state !== "entered")
      throw new RuntimeError(this._state === "created" ? "Timeout has not been entered" : "Cannot change state of finished Timeout");
    this._when = when;
    clearTimeout(this._timer);
    this._timer = when === null ? undefined : setTimeout(() => this._onTimeout(), Math.max(0, when - monotonic()) * 1000);
  }

  /** @internal Starts the deadline over `task` (Python `__aenter__`). */
  _enter(task: Task<unknown> | null): this {
    if (this._state !== "created") throw new RuntimeError("Timeout has already been entered");
    if (!task) throw new RuntimeError("Timeout should be used inside a task");
    this._state = "entered";
    this._task = task;
    this._cancelling = task.cancelling();
    this.reschedule(this._when);
    return this;
  }

  /** @internal Ends the block (Python `__aexit__`); gives what to throw for `error` (the block's, if any): a TimeoutError when the deadline cancelled it. */
  _exit(error: unknown): unknown {
    clearTimeout(this._timer);
    this._timer = undefined;
    if (this._state === "entered") this._state = "exited";
    if (this._state !== "expiring") return error;
    this._state = "expired";
    const ours = this._task!.uncancel() <= this._cancelling;
    if (!ours || !(error instanceof CancelledError)) return error;
    const timedOut = new TimeoutError();
    timedOut.cause = error; // Python's `raise TimeoutError from exc_val`
    return timedOut;
  }

  /**
   * `await using`: ends the block. JavaScript cannot show a disposer the error leaving the block, so
   * when the deadline passed this throws TimeoutError whatever the block did; if the block threw (the
   * CancelledError), JavaScript wraps both in a SuppressedError whose `error` is the TimeoutError.
   * The function forms throw the TimeoutError itself.
   */
  [Symbol.asyncDispose](): Promise<void> {
    const toThrow = this._exit(new CancelledError());
    return toThrow instanceof TimeoutError ? Promise.reject(toThrow) : Promise.resolve();
  }

  private _onTimeout(): void {
    this._timer = undefined;
    if (this._state !== "entered") return;
    this._task!.cancel();
    this._state = "expiring";
  }

  /** Python-like repr: `<Timeout [active] when=12.5>`. */
  __repr__(): string {
    const state = this._state === "entered" ? "active" : this._state;
    return `<Timeout [${state}]${this._when === null ? "" : ` when=${this._when}`}>`;
  }
}

async function runWithin<T>(deadline: Timeout, fn: () => T | PromiseLike<T>): Promise<T> {
  const task = createTask(new Coroutine<T>(fn, undefined, [], fn.name || "<lambda>"));
  deadline._enter(task);
  let value: T;
  try {
    value = await task;
  } catch (error) {
    throw deadline._exit(error);
  }
  deadline._exit(undefined);
  return value;
}

/**
 * Python `asyncio.timeout(delay)`: a deadline `delay` seconds from now (null: none) over the current
 * task, started at once: `await using t = asyncio.timeout(1)`. RuntimeError outside a task. With a
 * function, `await asyncio.timeout(1, async () => …)` runs it as a task of its own under the deadline
 * and throws TimeoutError if it passes (this form works anywhere, also at a cell's top level).
 */
export function timeout(delay: number | null): Timeout;
export function timeout<T>(delay: number | null, fn: () => T | PromiseLike<T>): Coroutine<T>;
export function timeout<T>(delay: number | null, fn?: () => T | PromiseLike<T>): Timeout | Coroutine<T> {
  return timeoutAt(delay === null ? null : monotonic() + delay, fn as () => T);
}

/** Python `asyncio.timeout_at(when)`: as `timeout`, with the deadline in loop-clock seconds (`loop.time()`). */
export function timeoutAt(when: number | null): Timeout;
export function timeoutAt<T>(when: number | null, fn: () => T | PromiseLike<T>): Coroutine<T>;
export function timeoutAt<T>(when: number | null, fn?: () => T | PromiseLike<T>): Timeout | Coroutine<T> {
  const deadline = new Timeout(when);
  if (!fn) return deadline._enter(currentTask());
  return new Coroutine<T>(runWithin<T>, undefined, [deadline, fn], "timeout");
}
