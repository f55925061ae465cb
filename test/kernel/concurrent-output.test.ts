// 1,000,000 lines printed by the background tasks of 4 cells (a setTimeout chain, a setImmediate
// chain, a promise chain, a setInterval), 250,000 each, interleaved while later cells run: every
// line arrives exactly once, in order per cell, on the cell that started its task.
import type { KernelClient } from "../../src/client/kernel-client";
import type { Envelope } from "../../src/protocol/message";
import { sendExecute, sleep } from "../support/bounds";
import { startKernel, streamText, textOf } from "../support/kernel";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());

const PER_CELL = 250_000;
const MECHANISMS = [
  "const tick = () => { chunk(); if (seq < PER) setTimeout(tick, 0); }; setTimeout(tick, 0);",
  "const tick = () => { chunk(); if (seq < PER) setImmediate(tick); }; setImmediate(tick);",
  "(async () => { while (seq < PER) { chunk(); await null; await new Promise((r) => setTimeout(r, 0)); } })();",
  "const timer = setInterval(() => { chunk(); if (seq >= PER) clearInterval(timer); }, 0);",
];

/** A cell that starts a task printing `cell<k> <seq>` for seq 0..PER-1, 500 lines a turn, and returns at once. */
const cellCode = (k: number) => `// @tsloop-check off
{
  const PER = ${PER_CELL};
  let seq = 0;
  const chunk = () => { for (let j = 0; j < 500 && seq < PER; j++) console.log("cell${k} " + seq++); };
  ${MECHANISMS[k]}
}
"started ${k}"`;

const parentId = (m: Envelope) => (m.parent_header as { msg_id?: string }).msg_id;

test("1,000,000 lines from the tasks of 4 cells: each exactly once, in order, on its own cell", async () => {
  const cells = MECHANISMS.map((_, k) => sendExecute(kernel, cellCode(k)).header.msg_id);
  const cellOf = new Map(cells.map((id, k) => [id, k]));
  const received = cells.map(() => ({ lines: 0, next: 0, wrong: [] as string[], partial: "" }));
  const strays: string[] = [];
  const streamParents: number[] = [];
  const started = performance.now();
  const off = kernel.onIopub((m) => {
    if (m.header.msg_type !== "stream") return;
    const k = cellOf.get(parentId(m)!);
    if (k === undefined || m.content.name !== "stdout") {
      strays.push(`${textOf(m.content, "name")} on ${k === undefined ? "another request" : `cell ${k}`}: ${String(m.content.text).slice(0, 100)}`);
      return;
    }
    if (streamParents[streamParents.length - 1] !== k) streamParents.push(k);
    const r = received[k];
    const lines = (r.partial + String(m.content.text)).split("\n");
    r.partial = lines.pop() ?? "";
    for (const line of lines) {
      const match = /^cell(\d) (\d+)$/.exec(line);
      if (!match || Number(match[1]) !== k || Number(match[2]) !== r.next) {
        if (r.wrong.length < 5) r.wrong.push(`${JSON.stringify(line)} where "cell${k} ${r.next}" was due`);
        if (match && Number(match[1]) === k) r.next = Number(match[2]) + 1;
        continue;
      }
      r.next++;
      r.lines++;
    }
  });
  try {
    const outcomes = await Promise.all(cells.map((id) => kernel.outcomeOf(id, 60_000)));
    expect(outcomes.map((o) => o.reply.content.status)).toEqual(["ok", "ok", "ok", "ok"]);
    // Later cells run while the tasks print; none of the flood lands on them.
    const later = await kernel.execute("await new Promise((r) => setTimeout(r, 300)); 'later'", {}, 60_000);
    const next = await kernel.execute("'next'", {}, 60_000);
    expect(streamText(later.messages) + streamText(next.messages)).toBe("");
    const deadline = performance.now() + 120_000;
    while (received.some((r) => r.lines + r.wrong.length < PER_CELL) && performance.now() < deadline) await sleep(50);
    const seconds = (performance.now() - started) / 1000;
    const total = received.reduce((sum, r) => sum + r.lines, 0);
    console.log(
      `concurrent output: ${total.toLocaleString("en-US")} lines from 4 cells' tasks in ${seconds.toFixed(1)} s, ${Math.round(total / seconds).toLocaleString("en-US")} lines/s, the stream switched cells ${streamParents.length - 1} times`,
    );
    await sleep(300); // anything after the last line would be a duplicate
    expect(received.map((r) => ({ lines: r.lines, next: r.next, wrong: r.wrong, partial: r.partial }))).toEqual(
      cells.map(() => ({ lines: PER_CELL, next: PER_CELL, wrong: [], partial: "" })),
    );
    expect(strays).toEqual([]);
    // Interleaved: the stream went back and forth between the cells, not one cell after the other.
    expect(streamParents.length).toBeGreaterThan(8);
  } finally {
    off();
  }
}, 180_000);
