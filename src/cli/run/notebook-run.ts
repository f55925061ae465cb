// Runs one notebook in a fresh kernel: every code cell in order, live terminal output, late
// output attached to the cell whose request is its parent; returns the executed notebook.
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { NotebookKernel } from "../../client/notebook-kernel";
import type { Envelope } from "../../protocol/message";
import { CodeCell, isCodeCell, isObject, JsonObject, Notebook } from "./notebook";
import type { CellRun } from "./notebook-check";
import { OutputCollector } from "./outputs";
import { Renderer } from "./render";

export const LATE_QUIET_MS = 300;
export const LATE_CAP_MS = 3000;

export interface NotebookRunOptions {
  name: string;
  argv: string[];
  timeoutMs: number;
  kernelspec: JsonObject;
  renderer?: Renderer;
  /** One-line problems (kernel start failure, death, timeouts) go here. */
  problem(text: string): void;
}

export interface ExecutedCell extends CellRun {
  index: number;
  executionCount: number | null;
  errored: boolean;
}

export interface NotebookRunResult {
  notebook: Notebook;
  cells: ExecutedCell[];
  /** The kernel failed to start, died or got stuck: the notebook did not run to the end. */
  kernelFailed: boolean;
  seconds: number;
}

export async function runNotebook(file: string, input: Notebook, options: NotebookRunOptions): Promise<NotebookRunResult> {
  const started = performance.now();
  const notebook: Notebook = { ...input, cells: input.cells.map((cell) => ({ ...cell })) };
  const result: NotebookRunResult = { notebook, cells: [], kernelFailed: false, seconds: 0 };
  const finish = () => ((result.seconds = (performance.now() - started) / 1000), result);
  let stderrTail = "";
  const kernelStderr = (text: string) => (stderrTail = (stderrTail + text).slice(-2000));
  const tail = () => (stderrTail.trim() ? `\n${stderrTail.trimEnd()}` : "");

  let kernel: NotebookKernel;
  try {
    kernel = await NotebookKernel.start(options.argv, path.dirname(path.resolve(file)), kernelStderr);
  } catch (err) {
    options.problem(`${options.name}: the kernel did not start: ${(err as Error).message}${tail()}`);
    result.kernelFailed = true;
    return finish();
  }

  const render = options.renderer;
  const collector = new OutputCollector(notebook.cells.length);
  const requests = new Map<string, number>();
  const counts = new Map<number, number>();
  let current: number | undefined;
  let headerShown = false;
  let pendingLate: Array<{ cell: number; message: Envelope }> = [];
  const showHeader = (cell: number) => {
    if (!headerShown) render?.input(counts.get(cell) ?? null, notebook.cells[cell].source);
    headerShown = true;
  };
  const flushLate = () => {
    for (const { cell, message } of pendingLate) render?.late(cell, counts.get(cell) ?? null, message);
    pendingLate = [];
  };
  kernel.onMessage((parent, message) => {
    const cell = parent === undefined ? undefined : requests.get(parent);
    if (cell === undefined) return;
    const content = message.content as JsonObject;
    if (message.header.msg_type === "execute_input" && typeof content.execution_count === "number") counts.set(cell, content.execution_count);
    collector.handle(cell, message);
    if (cell === current) {
      if (message.header.msg_type !== "status") showHeader(cell);
      render?.current(message);
    } else {
      pendingLate.push({ cell, message });
      if (current === undefined) flushLate();
    }
  });

  for (let index = 0; index < notebook.cells.length; index++) {
    const cell = notebook.cells[index];
    if (!isCodeCell(cell)) continue;
    const stored = { outputs: cell.outputs, executionCount: cell.execution_count };
    if (cell.source.trim() === "") {
      notebook.cells[index] = { ...cell, outputs: [], execution_count: null };
      continue;
    }
    headerShown = false;
    const outcome = await kernel.execute(cell.source, options.timeoutMs, (msgId) => {
      requests.set(msgId, index);
      current = index;
    });
    showHeader(index);
    current = undefined;
    const run: ExecutedCell = {
      index,
      metadata: cell.metadata,
      stored,
      outputs: collector.outputsOf(index),
      wallSeconds: outcome.wallSeconds,
      executionCount: counts.get(index) ?? null,
      errored: false,
    };
    result.cells.push(run);
    if (outcome.kind === "done") {
      const reply = outcome.reply.content as JsonObject;
      if (typeof reply.execution_count === "number") run.executionCount = reply.execution_count;
      run.errored = reply.status === "error";
    } else {
      run.errored = true;
      const label = `In [${run.executionCount ?? " "}] (cell ${index + 1})`;
      if (outcome.kind === "died") {
        options.problem(`${options.name}: the kernel died (${outcome.exit}) while running ${label}${tail()}`);
      } else {
        render?.line(`[${label} timed out after ${outcome.wallSeconds.toFixed(1)} s: interrupted]`);
        if (!outcome.recovered) options.problem(`${options.name}: ${label} timed out and the kernel did not recover from the interrupt`);
      }
      if (outcome.kind === "died" || !outcome.recovered) {
        flushLate();
        result.kernelFailed = true;
        break;
      }
    }
    flushLate();
  }

  if (kernel.alive && !result.kernelFailed) await kernel.settle(LATE_QUIET_MS, LATE_CAP_MS);
  flushLate();
  await kernel.shutdown();

  for (const run of result.cells) {
    run.errored ||= run.outputs.some((o) => o.output_type === "error");
    const cell = notebook.cells[run.index] as CodeCell;
    notebook.cells[run.index] = { ...cell, outputs: run.outputs, execution_count: run.executionCount };
  }
  const info = kernel.info.content as JsonObject;
  notebook.metadata = { ...notebook.metadata, kernelspec: options.kernelspec };
  if (isObject(info.language_info)) notebook.metadata.language_info = info.language_info;
  return finish();
}
