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
//                `interrupted` race of every cell running since the interrupt arrived (a cell
//                awaiting forever; with subshells, several cells run at once), unless it is over.
// No clocks are compared across threads: cells are numbered, and a stale interrupt names an old one.
import { installTerminationHook, stopMainThread } from "./inspector-stop";

const TICKS = 0; // bumped by the main thread's loop every TICK_MS
const SYNC_RUNNING = 1; // 1 while a cell's synchronous part runs
const CELL = 2; // the number of the newest cell running now, 0 between cells
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

/** A running cell, as the interrupt path knows it. */
export interface ArmedCell {
  /** Rejects with a KeyboardInterrupt when the cell is interrupted. */
  readonly interrupted: Promise<never>;
  /** The cell is over: a later interrupt leaves it alone. */
  disarm(): void;
}

/** Main thread: numbers the cells, ticks, and turns an interrupt into the running cells'
 * KeyboardInterrupt. Several cells may run at once (the main shell's and subshells'), each armed. */
export class CellInterrupts {
  readonly memory = new SharedArrayBuffer(SLOTS * 4);
  private readonly view = new Int32Array(this.memory);
  private lastCell = 0;
  /** The running cells' numbers, each with what trips its `interrupted` (until it was tripped). */
  private readonly running = new Map<number, { trip?: (error: KeyboardInterrupt) => void }>();

  /** Starts ticking (unref'd: never keeps the process alive) and installs the hook the io thread
   * runs while the main thread is paused. */
  start(): void {
    installTerminationHook();
    setInterval(() => Atomics.add(this.view, TICKS, 1), TICK_MS).unref();
  }

  /** A new cell starts. */
  arm(): ArmedCell {
    const cell = ++this.lastCell;
    const interrupted = new Promise<never>((_, reject) => this.running.set(cell, { trip: reject }));
    this.showNewestRunning();
    return {
      interrupted,
      disarm: () => {
        this.running.delete(cell);
        this.showNewestRunning();
      },
    };
  }

  /** What the io thread reads as the running cell: the newest one (numbers only grow). */
  private showNewestRunning(): void {
    let newest = 0;
    for (const cell of this.running.keys()) newest = Math.max(newest, cell);
    Atomics.store(this.view, CELL, newest);
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

  /** Interrupts the cells that ran when the io thread got the interrupt: those numbered up to
   * `cell`, the newest it saw (a cell started since is left alone; one that is over is gone). */
  fire(cell = this.lastCell): boolean {
    let fired = false;
    for (const [number, armed] of this.running) {
      if (number > cell || !armed.trip) continue;
      armed.trip(new KeyboardInterrupt());
      armed.trip = undefined;
      fired = true;
    }
    return fired;
  }

  /** Whether the io thread terminated the code of a cell still running (the Runner asks when an
   * evaluation fails); forgets the mark, also a stale one. */
  takeTermination(): boolean {
    const marked = Atomics.exchange(this.view, TERMINATED, 0);
    return marked !== 0 && this.running.has(marked);
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

  /** The running cell is being terminated on purpose (the debugger does it while paused). */
  markRunningTerminated(): void {
    Atomics.store(this.view, TERMINATED, Atomics.load(this.view, CELL));
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
