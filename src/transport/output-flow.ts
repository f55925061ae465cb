// Back-pressure for iopub. The main thread counts the bytes it hands to the io thread and the io
// thread subtracts them once ZeroMQ has taken them. A publisher over the cap waits synchronously
// (a cell printing in a loop never yields, so nothing else could drain it) until the io thread
// catches up; if the io thread makes no progress at all, the caller may drop instead of waiting.
const IN_FLIGHT = 0;
const WAIT_SLICE_MS = 50;

export const MAX_IN_FLIGHT_BYTES = 8 * 1024 * 1024;

export class OutputFlow {
  readonly memory = new SharedArrayBuffer(4);
  private readonly view = new Int32Array(this.memory);

  constructor(
    private readonly cap = MAX_IN_FLIGHT_BYTES,
    private readonly stallMs = 5000,
  ) {}

  /** The in-flight count when the io thread was last found stuck (no second wait until it moves). */
  private stuckAt?: number;

  /** Over the cap: a publisher would wait now. */
  get full(): boolean {
    return Atomics.load(this.view, IN_FLIGHT) > this.cap;
  }

  /** Main thread: waits while over the cap; false when the io thread made no progress for stallMs. */
  waitForRoom(): boolean {
    let seen = Atomics.load(this.view, IN_FLIGHT);
    if (seen > this.cap && seen === this.stuckAt) return false;
    this.stuckAt = undefined;
    let progressAt = Date.now();
    while (seen > this.cap) {
      Atomics.wait(this.view, IN_FLIGHT, seen, WAIT_SLICE_MS);
      const now = Atomics.load(this.view, IN_FLIGHT);
      if (now !== seen) progressAt = Date.now();
      else if (Date.now() - progressAt > this.stallMs) {
        this.stuckAt = now;
        return false;
      }
      seen = now;
    }
    return true;
  }

  /** Main thread: counts bytes handed to the io thread. */
  add(bytes: number): void {
    Atomics.add(this.view, IN_FLIGHT, bytes);
  }
}

/** io thread: the bytes ZeroMQ has taken; wakes a waiting main thread. */
export function flowSent(memory: SharedArrayBuffer, bytes: number): void {
  const view = new Int32Array(memory);
  Atomics.sub(view, IN_FLIGHT, bytes);
  Atomics.notify(view, IN_FLIGHT);
}

/** A cheap estimate of a message's encoded size: its strings (two levels deep) and buffers. */
export function estimateSize(message: { content: unknown; buffers?: ArrayLike<unknown> & { [i: number]: { byteLength?: number } } }): number {
  let size = 512;
  const visit = (value: unknown, depth: number): void => {
    if (typeof value === "string") size += value.length;
    else if (value && typeof value === "object" && depth < 2) for (const item of Object.values(value)) visit(item, depth + 1);
  };
  visit(message.content, 0);
  for (let i = 0; i < (message.buffers?.length ?? 0); i++) size += message.buffers![i]?.byteLength ?? 0;
  return size;
}
