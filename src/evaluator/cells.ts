// The cells the kernel has run, by the script name their JavaScript carries, so a stack frame
// of any earlier cell maps back to that cell's own TypeScript line.
export interface CellRecord {
  executionCount: number;
  source: string[];
  /** generated line → cell line, 0-based */
  lines: number[];
}

let nextScript = 1;
const cells = new Map<string, CellRecord>();

/** Registers a cell; returns the script name to put in its sourceURL (`name`, or a new one). */
export function registerCell(record: CellRecord, name = `tsloop-cell-${nextScript++}.js`): string {
  cells.set(name, record);
  return name;
}

export function cellByScript(name: string): CellRecord | undefined {
  return cells.get(name);
}

export const CELL_SCRIPT = /tsloop-cell-\d+\.js/;
