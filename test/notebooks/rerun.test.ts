// Lessons re-run any number of times on one shared loop: every mirrored cell, run twice top to
// bottom in one kernel and then once in shuffled order, still matches its expectation.
import type { KernelClient } from "../../src/client/kernel-client";
import { startKernel } from "../support/kernel";
import { checkExecuted, MirroredCell, mirroredCells } from "./lesson-cells";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());

async function runAll(cells: MirroredCell[]): Promise<string[]> {
  const problems: string[] = [];
  for (const cell of cells) {
    const started = Date.now();
    const { messages } = await kernel.execute(cell.source, { stop_on_error: false }, 60000);
    const failures = checkExecuted(cell, messages, (Date.now() - started) / 1000);
    for (const f of failures) problems.push(`${cell.id}: ${f.rule}: ${f.message}`);
  }
  return problems;
}

/** A fixed permutation (seeded), so a failure can be reproduced. */
function shuffled<T>(items: T[], seed = 7): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

it("runs every lesson twice top to bottom and once shuffled in one kernel with the same outputs", async () => {
  const cells = mirroredCells();
  expect(cells).toHaveLength(20);
  expect(await runAll(cells)).toEqual([]);
  expect(await runAll(cells)).toEqual([]);
  const order = shuffled(cells);
  expect(order.map((c) => c.id)).not.toEqual(cells.map((c) => c.id));
  expect(await runAll(order)).toEqual([]);
}, 300000);
