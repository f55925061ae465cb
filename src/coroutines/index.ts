// The typed public API of the coroutine layer (an asyncio-like layer over Node's event loop) and
// its Python-flavoured helpers. Importing it has no side effects; installGlobals() is explicit.
export { asCompleted, type AsCompletedOptions } from "./as-completed";
export { blockingSleep } from "./blocking";
export { monotonic, perfCounter, time } from "./clock";
export {
  type AwaitableLike,
  coroutine,
  Coroutine,
  type CoroutineFunction,
  type CoroutineKind,
  type CoroutineState,
  isCoroutine,
  isCoroutineFunction,
} from "./coroutine";
export { type Driver, isGenerator, isThenable } from "./drive";
export { Acquired } from "./acquired";
export { Barrier } from "./barrier";
export { BrokenBarrierError, CancelledError, ExceptionGroup, InvalidStateError, RuntimeError, StopIteration, TimeoutError, ValueError } from "./errors";
export { type DoneCallback, Future, type FutureState, isFuture } from "./future";
export { gather, type GatherOptions, GatheringFuture } from "./gather";
export { send } from "./generators";
export { asyncio, installGlobals, type InstalledGlobals, threadingModule, timeModule } from "./globals";
export { EventLoop, type Handle, onRunUntilComplete } from "./loop";
export { allTasks, createTask, ensureFuture, getEventLoop, getRunningLoop, newEventLoop, run, setEventLoop } from "./policy";
export { float, formatFloat, isTuple, print, repr, reprString, reprSymbol, str, tuple } from "./python";
export { Condition, Event, Lock } from "./locks";
export { LifoQueue, PriorityQueue, pythonOrder, Queue, QueueEmpty, QueueFull } from "./queues";
export { BoundedSemaphore, Semaphore } from "./semaphores";
export { shield } from "./shield";
export { sleep } from "./sleep";
export { IncompleteReadError, openConnection, Server, startServer, type StreamPair, StreamReader, StreamWriter } from "./streams";
export { createSubprocessExec, createSubprocessShell, DEVNULL, INHERIT, PIPE, Process, type SubprocessOptions } from "./subprocess";
export { TaskGroup, taskGroup } from "./task-group";
export { Timeout, timeout, timeoutAt } from "./timeouts";
export { currentTask, onTaskCreated, Task, type TaskLoop, type TaskOptions } from "./task";
export { currentThread, type PyThread } from "./threading";
export { startTimeline, Timeline, type TimelineOptions } from "./timeline";
export { timelineSvg, type TimelineSvgOptions } from "./timeline-svg";
export { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, type ReturnWhen, wait, type WaitOptions, WaitResult } from "./wait";
export { waitFor } from "./wait-for";
