// asyncio's Queue, PriorityQueue and LifoQueue (CPython 3.12 asyncio/queues.py, same algorithms):
// getters and putters wait on Futures in FIFO order; join() waits until every item got taskDone().
import type { Coroutine } from "./coroutine";
import { ValueError } from "./errors";
import { Fifo } from "./fifo";
import { Future } from "./future";
import { Event, lazy } from "./locks";
import { repr } from "./python";

/** `getNowait()` on an empty queue (Python `asyncio.QueueEmpty`). */
export class QueueEmpty extends Error {
  override name = "QueueEmpty";
}

/** `putNowait()` on a full queue (Python `asyncio.QueueFull`). */
export class QueueFull extends Error {
  override name = "QueueFull";
}

/** Wakes the first waiter of `waiters` that is not done yet (dropping the done ones before it). */
function wakeUpNext(waiters: Set<Future<void>>): void {
  for (const waiter of waiters) {
    waiters.delete(waiter);
    if (!waiter.done()) return waiter.setResult();
  }
}

/** Waits on a new Future in `waiters`; on cancellation hands the wake-up on when `stillReady()` (Python's `except:` branch). */
async function waitTurn(waiters: Set<Future<void>>, stillReady: () => boolean): Promise<void> {
  const waiter = new Future<void>();
  waiters.add(waiter);
  try {
    await waiter;
  } catch (error) {
    waiter.cancel();
    waiters.delete(waiter);
    if (stillReady() && !waiter.cancelled()) wakeUpNext(waiters);
    throw error;
  }
}

/**
 * A FIFO queue for producers and consumers (Python `asyncio.Queue`). `maxsize` ≤ 0 means unbounded;
 * `put` waits while full, `get` while empty; `join()` waits until `taskDone()` was called for every item put.
 */
export class Queue<T = unknown> {
  private readonly _getters = new Set<Future<void>>();
  private readonly _putters = new Set<Future<void>>();
  private _unfinishedTasks = 0;
  private readonly _finished = new Event();

  /** A queue holding at most `maxsize` items (0: no limit). */
  constructor(readonly maxsize = 0) {
    this._finished.set();
  }

  /** How many items are in the queue. */
  qsize(): number {
    return this._size();
  }

  /** True if the queue holds no item. */
  empty(): boolean {
    return this._size() === 0;
  }

  /** True if the queue holds `maxsize` items (never for an unbounded queue). */
  full(): boolean {
    return this.maxsize > 0 && this._size() >= this.maxsize;
  }

  /** Puts `item`, waiting while the queue is full. */
  put(item: T): Coroutine<void> {
    return lazy("put", () => this._putWhenFree(item));
  }

  private async _putWhenFree(item: T): Promise<void> {
    while (this.full()) await waitTurn(this._putters, () => !this.full());
    this.putNowait(item);
  }

  /** Puts `item` at once; QueueFull if the queue is full. */
  putNowait(item: T): void {
    if (this.full()) throw new QueueFull();
    this._put(item);
    this._unfinishedTasks++;
    this._finished.clear();
    wakeUpNext(this._getters);
  }

  /** Takes the next item, waiting while the queue is empty. */
  get(): Coroutine<T> {
    return lazy("get", () => this._getWhenThere());
  }

  private async _getWhenThere(): Promise<T> {
    while (this.empty()) await waitTurn(this._getters, () => !this.empty());
    return this.getNowait();
  }

  /** Takes the next item at once; QueueEmpty if there is none. */
  getNowait(): T {
    if (this.empty()) throw new QueueEmpty();
    const item = this._get();
    wakeUpNext(this._putters);
    return item;
  }

  /** Says that an item taken with `get` is processed; when every item is, `join()` returns. ValueError if called more often than items were put. */
  taskDone(): void {
    if (this._unfinishedTasks <= 0) throw new ValueError("task_done() called too many times");
    this._unfinishedTasks--;
    if (this._unfinishedTasks === 0) this._finished.set();
  }

  /** Waits until every item put was taken and marked with `taskDone()`. */
  join(): Coroutine<void> {
    return lazy("join", () => this._join());
  }

  private async _join(): Promise<void> {
    if (this._unfinishedTasks > 0) await this._finished.wait();
  }

  /** Python-like repr: `<Queue maxsize=0 _queue=[1, 2] tasks=2>`. */
  __repr__(): string {
    const parts = [`maxsize=${this.maxsize}`];
    if (!this.empty()) parts.push(`_queue=${repr([...this._items()])}`);
    if (this._getters.size > 0) parts.push(`_getters[${this._getters.size}]`);
    if (this._putters.size > 0) parts.push(`_putters[${this._putters.size}]`);
    if (this._unfinishedTasks > 0) parts.push(`tasks=${this._unfinishedTasks}`);
    return `<${this.constructor.name} ${parts.join(" ")}>`;
  }

  // The storage, which the subclasses replace (Python's _init/_put/_get/_qsize).
  private readonly _fifo = new Fifo<T>();

  protected _size(): number {
    return this._fifo.length;
  }

  protected _put(item: T): void {
    this._fifo.push(item);
  }

  protected _get(): T {
    return this._fifo.shift() as T;
  }

  protected _items(): Iterable<T> {
    return this._fifo;
  }
}

/** A queue that gives the most recently put item first (Python `asyncio.LifoQueue`). */
export class LifoQueue<T = unknown> extends Queue<T> {
  private readonly _stack: T[] = [];

  protected override _size(): number {
    return this._stack.length;
  }

  protected override _put(item: T): void {
    this._stack.push(item);
  }

  protected override _get(): T {
    return this._stack.pop() as T;
  }

  protected override _items(): Iterable<T> {
    return this._stack;
  }
}

/**
 * Python's ordering of the usual entries: numbers, strings, and arrays (tuples such as `[priority, data]`)
 * compared item by item. Other values compare as equal (put a `compare` function in the options then).
 */
export function pythonOrder(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const order = pythonOrder(a[i], b[i]);
      if (order !== 0) return order;
    }
    return a.length - b.length;
  }
  if (
    (typeof a === "number" && typeof b === "number") ||
    (typeof a === "string" && typeof b === "string") ||
    (typeof a === "bigint" && typeof b === "bigint")
  ) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return 0;
}

/**
 * A queue that gives the smallest item first (Python `asyncio.PriorityQueue`, a binary heap), items
 * ordered as Python orders numbers, strings and tuples (`[priority, data]` arrays), or by `options.compare`.
 */
export class PriorityQueue<T = unknown> extends Queue<T> {
  private readonly _heap: T[] = [];
  private readonly _compare: (a: T, b: T) => number;

  /** At most `maxsize` items (0: no limit); `options.compare` orders them (default: `pythonOrder`). */
  constructor(maxsize = 0, options: { compare?: (a: T, b: T) => number } = {}) {
    super(maxsize);
    this._compare = options.compare ?? pythonOrder;
  }

  protected override _size(): number {
    return this._heap.length;
  }

  protected override _put(item: T): void {
    const heap = this._heap;
    heap.push(item);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (this._compare(heap[i], heap[parent]) >= 0) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  protected override _get(): T {
    const heap = this._heap;
    const top = heap[0];
    const last = heap.pop() as T;
    if (heap.length === 0) return top;
    heap[0] = last;
    for (let i = 0; ;) {
      const [left, right] = [2 * i + 1, 2 * i + 2];
      let smallest = i;
      if (left < heap.length && this._compare(heap[left], heap[smallest]) < 0) smallest = left;
      if (right < heap.length && this._compare(heap[right], heap[smallest]) < 0) smallest = right;
      if (smallest === i) return top;
      [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
      i = smallest;
    }
  }

  protected override _items(): Iterable<T> {
    return this._heap;
  }
}
