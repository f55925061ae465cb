// Which loop code gets: the running task's loop, else one shared default loop that is replaced once
// closed (so lessons re-run top to bottom keep working); plus ensureFuture, createTask and run().
import { type AwaitableLike, Coroutine } from "./coroutine";
import { isGenerator, isThenable } from "./drive";
import { RuntimeError } from "./errors";
import { Future } from "./future";
import { EventLoop } from "./loop";
import { currentTask, Task } from "./task";

let defaultLoop: EventLoop | null = null;

/** The loop of the task running now, or null. */
function runningLoop(): EventLoop | null {
  const loop = currentTask()?.getLoop();
  return loop instanceof EventLoop ? loop : null;
}

/**
 * The event loop to use (Python `asyncio.get_event_loop`): the running task's loop, else the shared
 * default loop. Once that loop is closed (or closing), a new one is created, so `close()` never breaks later cells.
 */
export function getEventLoop(): EventLoop {
  const running = runningLoop();
  if (running) return running;
  if (!defaultLoop || defaultLoop.isClosing()) defaultLoop = new EventLoop();
  return defaultLoop;
}

/** A new event loop, not made the default (Python `asyncio.new_event_loop`). */
export function newEventLoop(): EventLoop {
  return new EventLoop();
}

/** Makes `loop` the default loop that `getEventLoop()` returns outside tasks (Python `asyncio.set_event_loop`). */
export function setEventLoop(loop: EventLoop | null): void {
  defaultLoop = loop;
}

/** The loop of the task running now; RuntimeError outside tasks (Python `asyncio.get_running_loop`). */
export function getRunningLoop(): EventLoop {
  const running = runningLoop();
  if (!running) throw new RuntimeError("no running event loop");
  return running;
}

/**
 * Python `asyncio.ensure_future`: a Future or Task is returned as is; a coroutine, a generator
 * coroutine or another awaitable (e.g. a native promise) is wrapped in a Task on `loop` (default: `getEventLoop()`).
 */
export function ensureFuture<T>(awaitable: AwaitableLike<T>, options: { loop?: EventLoop } = {}): Future<T> {
  if (awaitable instanceof Future) return awaitable;
  if (awaitable instanceof Coroutine || isGenerator(awaitable) || isThenable(awaitable)) {
    return (options.loop ?? getEventLoop()).createTask(awaitable);
  }
  throw new TypeError("An asyncio.Future, a coroutine or an awaitable is required");
}

/**
 * Schedules `coro` as a Task (Python `asyncio.create_task`) on the running loop, or on the default
 * loop outside tasks (Python would raise there; a notebook's top level has no running loop).
 */
export function createTask<T>(coro: AwaitableLike<T>, options: { name?: string } = {}): Task<T> {
  return getEventLoop().createTask(coro, options);
}

/** The tasks not done yet on `loop` (default: `getEventLoop()`) (Python `asyncio.all_tasks`). */
export function allTasks(loop: EventLoop = getEventLoop()): Set<Task<unknown>> {
  return loop.allTasks();
}

/**
 * Python `asyncio.run`: runs `main` on a new loop (the default loop meanwhile) until it completes,
 * then cancels the tasks it left behind, closes that loop and returns the result. RuntimeError if called
 * from inside a task. The run is announced to `onRunUntilComplete` listeners.
 */
export async function run<T>(main: AwaitableLike<T>): Promise<T> {
  if (currentTask()) throw new RuntimeError("asyncio.run() cannot be called from a running event loop");
  const loop = newEventLoop();
  setEventLoop(loop);
  try {
    return await loop.runUntilComplete(main);
  } finally {
    const leftovers = [...loop.allTasks()];
    for (const task of leftovers) task.cancel();
    await Promise.all(leftovers.map((task) => new Promise<void>((resolve) => task.addDoneCallback(() => resolve()))));
    loop.close();
    if (defaultLoop === loop) defaultLoop = null;
  }
}
