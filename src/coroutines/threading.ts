// Python's threading.current_thread() for the JS thread running now: the main thread is
// `<_MainThread(MainThread, started <ident>)>`, with an ident that stays the same on every call.
import { isMainThread, threadId } from "node:worker_threads";

/** The thread object `currentThread()` returns (a subset of Python's `threading.Thread`). */
export interface PyThread {
  /** `MainThread` on the main thread, `Thread-<threadId>` in a worker. */
  readonly name: string;
  /** A stable number that identifies this thread in this process (the process id combined with the worker thread id). */
  readonly ident: number;
  /** The operating system's id: the process id (Node does not expose thread ids). */
  readonly nativeId: number;
  /** Always `false`: the thread running this code is alive. */
  readonly daemon: boolean;
  /** Python `Thread.getName()`. */
  getName(): string;
  /** Python `Thread.is_alive()`: always true for the current thread. */
  isAlive(): boolean;
  /** Python repr, e.g. `<_MainThread(MainThread, started 123456789)>`. */
  __repr__(): string;
  /** The same text as `__repr__()`, so template strings show the Python repr. */
  toString(): string;
}

let current: PyThread | undefined;

/** Python `threading.current_thread()`: the same object, with the same `ident`, on every call in this thread. */
export function currentThread(): PyThread {
  if (current) return current;
  const name = isMainThread ? "MainThread" : `Thread-${threadId}`;
  const ident = process.pid * 2 ** 20 + threadId;
  const text = `<${isMainThread ? "_MainThread" : "Thread"}(${name}, started ${ident})>`;
  current = Object.freeze({
    name,
    ident,
    nativeId: process.pid,
    daemon: false,
    getName: () => name,
    isAlive: () => true,
    __repr__: () => text,
    toString: () => text,
  });
  return current;
}
