// The main thread's half of the debugger: what the io thread's adapter asks of the main thread,
// through the inspector (Runtime.evaluate runs here also while this thread is paused at a breakpoint).
// The kernel process installs the provider; the interpreter asks whether cells are being debugged.

/** What the main thread answers for the debugger. */
export interface DebuggeeProvider {
  /** A cell's line table (generated line → cell line, 0-based), transpiling it if need be; a
   * string when the cell does not transpile. */
  lines(code: string): Promise<number[] | string>;
  /** The cell that ran as `file`: its TypeScript source and line table. */
  record(file: string): { source: string; lines: number[] } | undefined;
  /** Sends the outputs written so far (the thread is about to stay paused). */
  flush(): void;
  /** The MIME bundle `display` would send for a value. */
  bundle(value: unknown): Record<string, unknown>;
}

/** The global the adapter calls (a symbol: cells never see it by name). */
export const DEBUGGEE = "tsloop.debuggee";

let debugging = false;

/** Whether a debugger is attached: cells are then named by their code's hash file (cell-files.ts). */
export function isDebugging(): boolean {
  return debugging;
}

export function installDebuggee(provider: DebuggeeProvider): void {
  const hook = {
    ...provider,
    start: () => void (debugging = true),
    stop: () => void (debugging = false),
  };
  Object.defineProperty(globalThis, Symbol.for(DEBUGGEE), { value: hook, enumerable: false, configurable: true });
}
