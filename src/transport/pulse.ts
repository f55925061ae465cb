// Shared memory between the main thread and the io thread: the main thread ticks a counter while
// its loop turns and flags while a cell's synchronous part runs, so the io thread can tell a
// blocked cell (stop it with the inspector) from a cell that merely awaits (the message suffices).
const TICKS = 0;
const CELL_RUNNING = 1;
const TICK_MS = 20;

export class Pulse {
  readonly memory = new SharedArrayBuffer(8);
  private readonly view = new Int32Array(this.memory);

  /** Main thread: start ticking (unref'd, never keeps the process alive). */
  start(): void {
    setInterval(() => Atomics.add(this.view, TICKS, 1), TICK_MS).unref();
  }

  cellStarted(): void {
    Atomics.store(this.view, CELL_RUNNING, 1);
  }

  cellEnded(): void {
    Atomics.store(this.view, CELL_RUNNING, 0);
  }
}

/** io thread: true when a cell runs and the main thread has not ticked for `windowMs`. */
export async function mainThreadBlocked(memory: SharedArrayBuffer, windowMs = 5 * TICK_MS): Promise<boolean> {
  const view = new Int32Array(memory);
  const before = Atomics.load(view, TICKS);
  await new Promise((resolve) => setTimeout(resolve, windowMs));
  return Atomics.load(view, CELL_RUNNING) === 1 && Atomics.load(view, TICKS) === before;
}
