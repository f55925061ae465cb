// Shared memory between the main thread and the io thread: the main thread ticks a counter while
// its loop turns and flags while a cell's synchronous part runs, so the io thread can tell a
// blocked main thread (stop it with the inspector) from one that merely awaits (a message suffices).
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

/** io thread: what the main thread's pulse says. */
export class PulseReader {
  private readonly view: Int32Array;

  constructor(memory: SharedArrayBuffer) {
    this.view = new Int32Array(memory);
  }

  get ticks(): number {
    return Atomics.load(this.view, TICKS);
  }

  /** True while the synchronous part of a cell runs. */
  get cellRunning(): boolean {
    return Atomics.load(this.view, CELL_RUNNING) === 1;
  }

  /** The tick count if the main thread has not ticked for `windowMs`, else undefined. The window
   * is wide (15 ticks) so that a main thread merely slowed by a loaded machine is never stopped. */
  async blocked(windowMs = 15 * TICK_MS): Promise<number | undefined> {
    const before = this.ticks;
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    return this.ticks === before ? before : undefined;
  }
}
