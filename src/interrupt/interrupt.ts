// The interrupt path, end to end. Both threads load this module and share one SharedArrayBuffer.
//
//   io thread    control `interrupt_request` → the session's off-main handler → MainThreadStopper
//                .interrupt(): posts { interrupt, cell } (the cell running now, read from shared
//                memory) to the main thread, then, if the main thread has not ticked for 300 ms,
//                stops it (inspector-stop.ts: pause, clear Node's async-id stack, mark the cell as
//                terminated here, Runtime.terminateExecution, resume).
//   main thread  the Runner's evaluation ends; it asks CellInterrupts.takeTermination() whether
//                that was our termination (the mark), and the interpreter reports KeyboardInterrupt.
//                The posted message arrives once the loop turns: CellInterrupts.fire(cell) trips the
//                cell's `interrupted` race (a cell awaiting forever), unless that cell is over.
// No clocks are compared across threads: cells are numbered, and a stale interrupt names an old one.
import { installTerminationHook, stopMainThread } from "./inspector-stop";

const TICKS = 0; // bumped by the main thread's loop every TICK_MS
const SYNC_RUNNING = 1; // 1 while a cell's synchronous part runs
const CELL = 2; // the number of the cell running now, 0 between cells
const TERMINATED = 3; // the number of the cell the io thread terminated
const SHUTTING_DOWN = 4; // 1 once the main thread runs its own shutdown: never terminate that
const SLOTS = 5;
const TICK_MS = 20;
/** The main thread counts as blocked after this many ms without a tick: wide (15 ticks), so a main
 * thread merely slowed by a loaded machine is never stopped. */
const BLOCKED_AFTER_MS = 15 * TICK_MS;

export class KeyboardInterrupt extends Error {
  override name = "KeyboardInterrupt";
  constructor() {
    super("the cell was interrupted");
  }
}

/** Main thread: numbers the cells, ticks, and turns an interrupt into the cell's KeyboardInterrupt. */
export class CellInterrupts {
  readonly memory = new SharedArrayBuffer(SLOTS * 4);
  private readonly view = new Int32Array(this.memory);
  private cell = 0;
  private trip?: (error: KeyboardInterrupt) => void;

  /** Starts ticking (unref'd: never keeps the process alive) and installs the hook the io thread
   * runs while the main thread is paused. */
  start(): void {
    installTerminationHook();
    setInterval(() => Atomics.add(this.view, TICKS, 1), TICK_MS).unref();
  }

  /** A new cell: returns the promise that rejects when it is interrupted. */
  arm(): Promise<never> {
    this.cell++;
    Atomics.store(this.view, CELL, this.cell);
    return new Promise<never>((_, reject) => (this.trip = reject));
  }

  disarm(): void {
    this.trip = undefined;
    Atomics.store(this.view, CELL, 0);
  }

  /** Runs a cell's synchronous part; the io thread only terminates code inside it (or with a
   * cleared async stack, see inspector-stop.ts). */
  runSync<T>(part: () => T): T {
    Atomics.store(this.view, SYNC_RUNNING, 1);
    try {
      return part();
    } finally {
      Atomics.store(this.view, SYNC_RUNNING, 0);
    }
  }

  /** The kernel's own shutdown runs now: a slow moment in it (a loaded machine) must not look
   * like a blocked cell to the io thread. */
  shuttingDown(): void {
    Atomics.store(this.view, SHUTTING_DOWN, 1);
  }

  /** Interrupts the running cell: `cell` is the one the io thread saw (an older one is stale). */
  fire(cell = this.cell): boolean {
    if (cell !== this.cell || !this.trip) return false;
    const trip = this.trip;
    this.trip = undefined;
    trip(new KeyboardInterrupt());
    return true;
  }

  /** Whether the io thread terminated the running cell's code (the Runner asks when an evaluation
   * fails); forgets the mark. */
  takeTermination(): boolean {
    return this.cell !== 0 && Atomics.compareExchange(this.view, TERMINATED, this.cell, 0) === this.cell;
  }
}

/** io thread: reads the main thread's pulse and stops it when it is blocked. */
export class MainThreadStopper {
  private readonly view: Int32Array;

  constructor(memory: SharedArrayBuffer) {
    this.view = new Int32Array(memory);
  }

  /** The cell running now (0: none), to name in the interrupt posted to the main thread. */
  get runningCell(): number {
    return Atomics.load(this.view, CELL);
  }

  /** Terminates what blocks the main thread, if it has not ticked for a while: a cell's loop,
   * also one in a timer or after an await. A main thread that merely awaits is left alone. */
  async stopIfBlocked(): Promise<boolean> {
    const ticks = Atomics.load(this.view, TICKS);
    await new Promise((resolve) => setTimeout(resolve, BLOCKED_AFTER_MS));
    if (Atomics.load(this.view, TICKS) !== ticks || Atomics.load(this.view, SHUTTING_DOWN) === 1) return false;
    return stopMainThread(async (clearStack) => {
      // Paused now: still the same blockage? Without a cleared stack only a cell's synchronous part is safe.
      const stop = Atomics.load(this.view, TICKS) === ticks && ((await clearStack()) || Atomics.load(this.view, SYNC_RUNNING) === 1);
      if (stop) Atomics.store(this.view, TERMINATED, Atomics.load(this.view, CELL));
      return stop;
    });
  }
}
