// The names lesson cells use without imports: asyncio, time, threading, print, repr, tuple, send.
// Nothing is installed on import: the kernel calls installGlobals() when it starts.
import { asCompleted } from "./as-completed";
import { blockingSleep } from "./blocking";
import { monotonic, perfCounter, time } from "./clock";
import { coroutine, Coroutine, isCoroutine, isCoroutineFunction } from "./coroutine";
import { Barrier } from "./barrier";
import { BrokenBarrierError, CancelledError, ExceptionGroup, InvalidStateError, TimeoutError } from "./errors";
import { Future, isFuture } from "./future";
import { gather } from "./gather";
import { send } from "./generators";
import { EventLoop } from "./loop";
import { allTasks, createTask, ensureFuture, getEventLoop, getRunningLoop, newEventLoop, run, setEventLoop } from "./policy";
import { Condition, Event, Lock } from "./locks";
import { print, repr, tuple } from "./python";
import { LifoQueue, PriorityQueue, Queue, QueueEmpty, QueueFull } from "./queues";
import { BoundedSemaphore, Semaphore } from "./semaphores";
import { shield } from "./shield";
import { IncompleteReadError, openConnection, startServer, StreamReader, StreamWriter } from "./streams";
import { createSubprocessExec, createSubprocessShell, DEVNULL, INHERIT, PIPE, Process } from "./subprocess";
import { sleep } from "./sleep";
import { currentTask, Task } from "./task";
import { TaskGroup, taskGroup } from "./task-group";
import { currentThread } from "./threading";
import { startTimeline, Timeline } from "./timeline";
import { timelineSvg } from "./timeline-svg";
import { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, wait } from "./wait";
import { waitFor } from "./wait-for";
import { Timeout, timeout, timeoutAt } from "./timeouts";

/**
 * The asyncio-like namespace installed as the global `asyncio`: the event loop functions, sleep,
 * wait, gather, asCompleted, waitFor, shield, timeout, tasks, task groups and futures, queues and
 * synchronisation primitives, coroutine helpers, errors and constants, plus
 * `startTimeline`/`timelineSvg` to draw what the tasks did.
 */
export const asyncio = Object.freeze({
  getEventLoop,
  newEventLoop,
  setEventLoop,
  getRunningLoop,
  run,
  sleep,
  wait,
  waitFor,
  gather,
  asCompleted,
  createTask,
  ensureFuture,
  currentTask,
  allTasks,
  coroutine,
  isCoroutine,
  iscoroutine: isCoroutine,
  isCoroutineFunction,
  iscoroutinefunction: isCoroutineFunction,
  isFuture,
  isfuture: isFuture,
  EventLoop,
  Future,
  Task,
  Coroutine,
  shield,
  timeout,
  timeoutAt,
  Timeout,
  TaskGroup,
  taskGroup,
  Queue,
  PriorityQueue,
  LifoQueue,
  QueueEmpty,
  QueueFull,
  Lock,
  Event,
  Condition,
  Semaphore,
  BoundedSemaphore,
  Barrier,
  createSubprocessExec,
  createSubprocessShell,
  /** Python's `asyncio.subprocess` module: the PIPE/DEVNULL constants (INHERIT is Python's None) and Process. */
  subprocess: Object.freeze({ PIPE, DEVNULL, INHERIT, Process }),
  openConnection,
  startServer,
  StreamReader,
  StreamWriter,
  IncompleteReadError,
  CancelledError,
  TimeoutError,
  InvalidStateError,
  ExceptionGroup,
  BrokenBarrierError,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  ALL_COMPLETED,
  startTimeline,
  timelineSvg,
  Timeline,
});

/** The `time` global: wall-clock `time()`, the blocking `sleep()` (Python `time.sleep`), `perfCounter()`, `monotonic()`. */
export const timeModule = Object.freeze({ time, sleep: blockingSleep, perfCounter, monotonic });

/** The `threading` global: `currentThread()`. */
export const threadingModule = Object.freeze({ currentThread });

/** What `installGlobals` puts on its target. */
export interface InstalledGlobals {
  asyncio: typeof asyncio;
  time: typeof timeModule;
  threading: typeof threadingModule;
  print: typeof print;
  repr: typeof repr;
  tuple: typeof tuple;
  send: typeof send;
}

/**
 * Puts `asyncio`, `time`, `threading`, `print`, `repr`, `tuple` and `send` on `target` (default
 * `globalThis`) as writable properties, replacing earlier values; returns what it installed.
 */
export function installGlobals(target: Record<string, unknown> = globalThis): InstalledGlobals {
  const names: InstalledGlobals = { asyncio, time: timeModule, threading: threadingModule, print, repr, tuple, send };
  for (const [name, value] of Object.entries(names)) {
    Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
  }
  return names;
}
