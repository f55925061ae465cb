// Notebook 09 has no mirrored cells: each code cell is checked against the outputs stored in the
// notebook (under the cell's own tolerance rules, as --check does). Run twice top to bottom in one
// kernel, every cell matches both times: its server closes and its names can be declared again.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { KernelClient } from "../../src/client/kernel-client";
import type { Envelope } from "../../src/protocol/message";
import { checkCell } from "../../tools/lessons/check";
import { startKernel } from "../support/kernel";
import { NOTEBOOKS } from "./lesson-cells";

/** What the check reads of a cell (the notebook types of `tsloop run`, which tests may not import). */
type CellRun = Parameters<typeof checkCell>[0];
type Output = CellRun["outputs"][number];
type JsonObject = CellRun["metadata"];

const NOTEBOOK = join(NOTEBOOKS, "09-concurrent-http-and-asyncio-tools.ipynb");

interface StoredCell {
  cell_type: string;
  id: string;
  source: string[];
  metadata: JsonObject;
  outputs: Output[];
  execution_count: number | null;
}

/** The iopub outputs of one execute as nbformat outputs (text joined, as --check reads them). */
function outputsOf(messages: Envelope[]): Output[] {
  return messages.flatMap((m): Output[] => {
    const c = m.content as JsonObject;
    switch (m.header.msg_type) {
      case "stream":
        return [{ output_type: "stream", name: c.name, text: c.text }];
      case "error":
        return [{ output_type: "error", ename: c.ename, evalue: c.evalue, traceback: c.traceback }];
      case "execute_result":
      case "display_data":
        return [{ output_type: m.header.msg_type, data: c.data, metadata: c.metadata }];
      default:
        return [];
    }
  });
}

const text = (output: Output): Output => (Array.isArray(output.text) ? { ...output, text: output.text.map(String).join("") } : output);

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());

async function runOnce(cells: StoredCell[]): Promise<string[]> {
  const problems: string[] = [];
  for (const cell of cells) {
    const started = Date.now();
    const { messages } = await kernel.execute(cell.source.join(""), { stop_on_error: false }, 60000);
    const run = {
      metadata: cell.metadata,
      stored: { outputs: cell.outputs.map(text), executionCount: cell.execution_count },
      outputs: outputsOf(messages),
      wallSeconds: (Date.now() - started) / 1000,
    };
    const comparison = checkCell(run, new Map());
    if (comparison.kind === "checked") comparison.failures.forEach((f) => problems.push(`${cell.id}: ${f.rule}: ${f.message}`));
  }
  return problems;
}

it("runs notebook 09 twice in one kernel, every cell matching its stored outputs", async () => {
  const cells = (JSON.parse(readFileSync(NOTEBOOK, "utf8")) as { cells: StoredCell[] }).cells.filter((c) => c.cell_type === "code");
  expect(cells.filter((c) => c.outputs.length > 0).length).toBeGreaterThan(10);
  expect(await runOnce(cells)).toEqual([]);
  expect(await runOnce(cells)).toEqual([]);
}, 240000);
