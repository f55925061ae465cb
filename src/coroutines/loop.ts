// EventLoop: an asyncio-like facade over Node's own event loop. It schedules tasks, runs a coroutine
// "until complete" (a Promise of its result, announced to listeners), and can be closed harmlessly.
import { monotonic } from "./clock";
import { type AwaitableLike, Coroutine } from "./coroutine";
import { isGenerator, isThenable } from "./drive";
import { CancelledError, RuntimeError } from "./errors";
import { Future } from "./future";
import { PendingTasks } from "./pending-tasks";
import { Task, type TaskLoop } from "./task";
import { startInGroup, TimerGroup } from "./timers";

/** A callback scheduled with `callSoon` or `callLater`; `cancel()` stops it from running. */
export interface Handle {
  /** Cancels the callback if it has not run yet. */
  cancel(): void;
  /** True once `cancel()` was called. */
  cancelled(): boolean;
}

const runListeners = new Set<(run: Promise<unknown>) => void>();

/**
 * Calls `listener(run)` each time any loop's `runUntilComplete` starts, with the Promise of that run,
 * so a host (the kernel) can keep the calling cell busy until the run settles even if the cell does
 * not await it. Returns a function that unsubscribes.
 */
export function onRunUntilComplete(listener: (run: Promise<unknown>) => void): () => void {
  runListeners.add(listener);
  return () => {
    runListeners.delete(listener);
  };
}

/**
 * An event loop object (Python `asyncio.AbstractEventLoop`). Node's loop does the real work and never
 * stops: tasks run whether or not `runUntilComplete` is in progress. `close()` never breaks later code:
 * `getEventLoop()` then hands out a new loop, and closing while a run is in progress waits for it.
 */
export class EventLoop implements TaskLoop {
  private _closed = false;
  private _closeRequested = false;
  private _runs = 0;
  private _drainQueued = false;
  private readonly _tasks = new PendingTasks<Task<unknown>>(); // also the queue of tasks waiting for their first step

  /** The loop's clock: monotonic seconds (Python `loop.time()`), shared by all loops. */
  time(): number {
    return monotonic();
  }

  /** True while a `runUntilComplete` of this loop is in progress (Python `loop.is_running`). */
  isRunning(): boolean {
    return this._runs > 0;
  }

  /** True once the loop is closed (Python `loop.is_closed`). */
  isClosed(): boolean {
    return this._closed;
  }

  /** True once `close()` was called, even if a run in progress delays the actual close. */
  isClosing(): boolean {
    return this._closed || this._closeRequested;
  }

  /**
   * Closes the loop (Python `loop.close`). Tasks already scheduled still run. If a `runUntilComplete`
   * is in progress, the loop closes when it ends (Python would raise). Closing twice is harmless.
   */
  close(): void {
    if (this._runs > 0) this._closeRequested = true;
    else this._closed = true;
  }

  /** Wraps `coro` in a Task scheduled on this loop (Python `loop.create_task`); RuntimeError if closed. */
  createTask<T>(coro: AwaitableLike<T>, options: { name?: string } = {}): Task<T> {
    this._checkClosed();
    if (!(coro instanceof Coroutine) && !isGenerator(coro) && !isThenable(coro)) {
      throw new TypeError(`a coroutine was expected, got ${String(coro)}`);
    }
    return new Task<T>(coro, { loop: this, name: options.name });
  }

  /** A new pending Future (Python `loop.create_future`). */
  createFuture<T = unknown>(): Future<T> {
    return new Future<T>();
  }

  /** Runs `callback(...args)` on a following turn of the loop (Python `loop.call_soon`). */
  callSoon<A extends unknown[]>(callback: (...args: A) => void, ...args: A): Handle {
    this._checkClosed();
    return timerHandle(
      setImmediate(() => callback(...args)),
      clearImmediate,
    );
  }

  /** Runs `callback(...args)` after `delay` seconds (Python `loop.call_later`). */
  callLater<A extends unknown[]>(delay: number, callback: (...args: A) => void, ...args: A): Handle {
    this._checkClosed();
    return timerHandle(
      setTimeout(() => callback(...args), Math.max(0, delay) * 1000),
      clearTimeout,
    );
  }

  /** The tasks of this loop that are not done yet (Python `asyncio.all_tasks(loop)`). */
  allTasks(): Set<Task<unknown>> {
    return new Set(this._tasks);
  }

  /**
   * Runs `awaitable` to completion (Python `loop.run_until_complete`) and returns a Promise of its
   * result (rejected with its exception). A coroutine is wrapped in a Task. Tasks waiting for their
   * first step start at once, so code before their first `await` runs before this returns. Every
   * `onRunUntilComplete` listener receives the returned Promise.
   */
  runUntilComplete<T>(awaitable: AwaitableLike<T>): Promise<T> {
    this._checkClosed();
    const future: Future<T> = awaitable instanceof Future ? (awaitable as Future<T>) : this.createTask(awaitable);
    this._runs++;
    const run = new Promise<T>((resolve, reject) => {
      future.addDoneCallback((f) => {
        this._endRun();
        if (f.cancelled()) reject(new CancelledError());
        else if (f.exception() !== null) reject(f.exception());
        else resolve(f.result());
      });
    });
    this._drainReady();
    for (const listener of runListeners) {
      try {
        listener(run);
      } catch {
        // A failing listener must not break the run.
      }
    }
    return run;
  }

  /** Python-like repr: `<EventLoop running=False closed=False debug=False>`. */
  __repr__(): string {
    const py = (b: boolean): string => (b ? "True" : "False");
    return `<EventLoop running=${py(this.isRunning())} closed=${py(this._closed)} debug=False>`;
  }

  /** The same text as `__repr__()`. */
  toString(): string {
    return this.__repr__();
  }

  /** Node's `util.inspect` (console.log) shows the Python repr too. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.__repr__();
  }

  /** @internal Queues a task's first step on a microtask (or the next `runUntilComplete`). */
  _scheduleTask(task: Task<unknown>): void {
    this._tasks.add(task); // queued for its first step too
    if (this._drainQueued) return;
    this._drainQueued = true;
    queueMicrotask(() => {
      this._drainQueued = false;
      this._drainReady();
    });
  }

  /** @internal Forgets a finished task. */
  _taskDone(task: Task<unknown>): void {
    this._tasks.delete(task);
  }

  // No "draining" flag guards this: an interrupt terminates a task that blocks inside `_run()`
  // without running any `finally`, and a flag left set would keep every later task from starting.
  // A drain nested in a task's first step (a runUntilComplete there) takes from the same queue, so
  // tasks still start once each and in order. A task cancelled before its first step leaves the
  // queue as it leaves the pending list (and `_run()` would skip it). Tasks that run no user code (sleeps) started one after another share
  // timers (see timers.ts); a task that runs user code ends the group.
  private _drainReady(): void {
    let timers: TimerGroup | undefined;
    for (let task = this._tasks.take(); task; task = this._tasks.take()) {
      if (task._runsUserCode()) {
        timers = undefined;
        task._run();
      } else startInGroup((timers ??= new TimerGroup()), runTask, task);
    }
  }

  private _endRun(): void {
    this._runs--;
    if (this._runs === 0 && this._closeRequested) this._closed = true;
  }

  private _checkClosed(): void {
    if (this._closed) throw new RuntimeError("Event loop is closed");
  }
}

function runTask(task: Task<unknown>): void {
  task._run();
}

function timerHandle<H>(handle: H, clear: (handle: H) => void): Handle {
  let cancelled = false;
  return {
    cancel(): void {
      cancelled = true;
      clear(handle);
    },
    cancelled: () => cancelled,
  };
}
