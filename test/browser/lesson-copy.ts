// The notebook the browser tests open: a copy of lesson 8 (rich displays, an execute_result, a
// stderr warning, errors with tracebacks) with its outputs cleared, so that everything the page
// shows comes from this run, and two cells of the tests' own at the end: one arms a timer and
// ends, the next sleeps while that timer prints; an empty cell ends it, for typing.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../support/kernel";

export const LESSON = join(ROOT, "notebooks", "08-typescript-cells.ipynb");

/** What the timer cell prints at once, and what its timer prints after the cell has ended. */
export const TIMER_ARMED = "timer armed";
export const TIMER_LATE = "late line from the timer";
/** What the cell after it prints when its sleep is over; the timer fires well before. */
export const LATER_DONE = "later cell done";
export const TIMER_MS = 2_000;
export const LATER_SLEEP_S = 6;

const TIMER_CELL = `// The timer outlives this cell: its line still belongs here.\nsetTimeout(() => print("${TIMER_LATE}"), ${TIMER_MS});\nprint("${TIMER_ARMED}");`;
const LATER_CELL = `await asyncio.sleep(${LATER_SLEEP_S});\nprint("${LATER_DONE}");`;

/** Source snippets that pick out one cell of the copy each (unique in it). */
export const CELLS = {
  /** display.html and friends: a rich HTML display. */
  display: 'display.html("<b>bold</b>',
  /** Returns a Swatch: an execute_result with text/html. */
  swatch: 'new Swatch("teal")',
  /** average([2, 4, 9]): an execute_result, 5. */
  average: "average([2, 4, 9])",
  /** average(empty): a RangeError with its traceback. */
  rangeError: "average(empty)",
  /** @tsloop-check warn: a stderr stream. */
  warning: "// @tsloop-check warn",
  timer: "The timer outlives this cell",
  later: `await asyncio.sleep(${LATER_SLEEP_S})`,
};

/** The id of the empty cell at the very end, where a test types (JupyterLab's completion, interrupt, restart). */
export const SCRATCH_ID = "browser-scratch";

interface NotebookJson {
  cells: { cell_type: string; id?: string; metadata: object; source: string | string[]; outputs?: unknown[]; execution_count?: number | null }[];
}

type Cell = NotebookJson["cells"][number];

/** A code cell (nbformat 4.5) that has not run. */
export function codeCell(id: string, source: string): Cell {
  return { cell_type: "code", id, metadata: {}, source, outputs: [], execution_count: null };
}

const readLesson = () => JSON.parse(readFileSync(LESSON, "utf8")) as NotebookJson;

function writeNotebook(dir: string, name: string, notebook: NotebookJson): string {
  writeFileSync(join(dir, name), JSON.stringify(notebook, null, 1) + "\n");
  return name;
}

/** Writes the copy as `name` into `dir` (a server's notebook folder). */
export function writeLessonCopy(dir: string, name = "lesson.ipynb"): string {
  const notebook = readLesson();
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "code") continue;
    cell.outputs = [];
    cell.execution_count = null;
  }
  notebook.cells.push(codeCell("browser-timer", TIMER_CELL), codeCell("browser-later", LATER_CELL), codeCell(SCRATCH_ID, ""));
  return writeNotebook(dir, name, notebook);
}

/** Writes a notebook of `cells` alone, with the lesson's metadata (its kernel, tsloop), as `name` into `dir`. */
export function writeCellsWithLessonMetadata(dir: string, name: string, cells: Cell[]): string {
  return writeNotebook(dir, name, { ...readLesson(), cells });
}
