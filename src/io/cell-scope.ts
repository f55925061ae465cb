// Which cell a write or a display belongs to: AsyncLocalStorage carries the cell through every
// promise, timer and callback it starts (design notes §3), so late output finds its own cell.
import { AsyncLocalStorage } from "node:async_hooks";
import type { CellOutput } from "./cell-output";

export interface CellScope {
  executionCount: number;
  output: CellOutput;
  /** Runs the cell waits for before it is done (asyncio's run_until_complete keeps its cell busy). */
  holds: Promise<unknown>[];
  /** Asks the frontend for input (stdin channel), when the request allows it. */
  stdin?: {
    ask(prompt: string, password: boolean): Promise<string>;
    /** Blocks until the reply (prompt()); undefined when an interrupt cancelled the wait. */
    askNow(prompt: string, password: boolean): string | undefined;
  };
}

export const cellScope = new AsyncLocalStorage<CellScope>();

let lastScope: CellScope | undefined;

/** Runs `fn` as part of a cell; writes without a scope of their own go to the latest cell. */
export function runInCell<T>(scope: CellScope, fn: () => T): T {
  lastScope = scope;
  return cellScope.run(scope, fn);
}

/** The cell that owns the code running now, else the most recent cell, else none. */
export function currentScope(): CellScope | undefined {
  return cellScope.getStore() ?? lastScope;
}

/** Keeps the current cell busy until `run` settles (no effect outside a cell). */
export function holdCell(run: Promise<unknown>): void {
  cellScope.getStore()?.holds.push(run);
}
