// Follows a flood of numbered lines on iopub as it arrives, without keeping it: counts the lines
// of one request, checks they come in order, and collects any note about dropped lines.
import type { KernelClient } from "../../src/client/kernel-client";
import type { Envelope } from "../../src/protocol/message";
import { peakRssMb, sendExecute } from "../support/bounds";
import { startKernel } from "../support/kernel";

export interface FloodReport {
  lines: number;
  inOrder: boolean;
  notes: string[];
  messages: number;
}

export function followFlood(kernel: KernelClient, msgId: string): { report: FloodReport; stop: () => void } {
  const report: FloodReport = { lines: 0, inOrder: true, notes: [], messages: 0 };
  let last = -1;
  let partial = "";
  const stop = kernel.onIopub((m: Envelope) => {
    if (m.header.msg_type !== "stream" || (m.parent_header as { msg_id?: string }).msg_id !== msgId) return;
    report.messages++;
    const text = partial + String(m.content.text);
    const lines = text.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      if (!/^\d+$/.test(line)) {
        report.notes.push(line);
        continue;
      }
      const value = Number(line);
      if (value <= last) report.inOrder = false;
      last = value;
      report.lines++;
    }
  });
  return { report, stop };
}

/** Runs a cell printing `lines` lines in a fresh kernel: what arrived, how fast, the peak RSS. */
export async function flood(lines: number, timeoutMs: number) {
  const kernel = await startKernel();
  try {
    await kernel.execute("'warm'", {}, 10_000);
    const started = performance.now();
    const sent = sendExecute(kernel, `for (let i = 0; i < ${lines}; i++) console.log(i)`);
    const { report, stop } = followFlood(kernel, sent.header.msg_id);
    const { reply } = await kernel.outcomeOf(sent.header.msg_id, timeoutMs);
    stop();
    const seconds = (performance.now() - started) / 1000;
    const rss = peakRssMb(kernel.process!.pid!);
    console.log(
      `${lines} lines: ${report.lines} delivered in ${report.messages} messages, notes ${JSON.stringify(report.notes)}, ${seconds.toFixed(1)} s, kernel peak RSS ${rss.toFixed(0)} MB`,
    );
    return { reply, report, rss, seconds };
  } finally {
    await kernel.shutdown();
  }
}
