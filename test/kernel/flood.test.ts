// A cell printing in a tight loop: the kernel's memory stays bounded (back-pressure on iopub), the
// lines arrive in order (or a note says how many were dropped), and 100,000 lines arrive whole, in
// order, batched in few messages. (The time to idle is a benchmark figure: bench/measures.ts.)
import { flood } from "./flood-check";

test("100,000 lines: every line, in order, within 15 s", async () => {
  const { reply, report, seconds } = await flood(100_000, 15_000);
  expect(reply.content.status).toBe("ok");
  expect(report).toMatchObject({ lines: 100_000, inOrder: true, notes: [] });
  expect(report.messages).toBeLessThan(100); // batched, not a message per line
  expect(seconds).toBeLessThan(15);
}, 40_000);

// The figure: 15-40 s on a 2-core machine, most of it console.log formatting.
test("10,000,000 lines: peak RSS under 500 MB, every line in order or a drop note", async () => {
  const lines = 10_000_000;
  const { reply, report, rss } = await flood(lines, 290_000);
  expect(reply.content.status).toBe("ok");
  expect(rss).toBeLessThan(500);
  expect(report.inOrder).toBe(true);
  if (report.lines < lines) expect(report.notes.join("\n")).toMatch(/\[tsloop: \d+ lines dropped/);
  else expect(report.notes).toEqual([]);
}, 300_000);
