// Each measurement: a function of a started kernel (KernelClient) and its language's snippets.
// Times are performance.now() differences in the benchmark process, so they include the client's
// own ZeroMQ and JSON work, as any Jupyter front end's would.
import * as zmq from "zeromq";
import { withTimeout, type KernelClient, type RequestOutcome } from "../src/client/kernel-client";
import type { Envelope } from "../src/protocol/message";
import { endpoint } from "../src/transport/connection";
import type { Snippets } from "./peers";
import { treeRssMb, type RssWatch } from "./rss";

const parentId = (m: Envelope) => (m.parent_header as { msg_id?: string }).msg_id;

/** Runs a cell; throws unless the reply is ok. */
export async function run(client: KernelClient, code: string, timeoutMs = 60000): Promise<RequestOutcome> {
  const outcome = await client.execute(code, {}, timeoutMs);
  if (outcome.reply.content.status !== "ok") {
    const { ename, evalue } = outcome.reply.content as { ename?: string; evalue?: string };
    throw new Error(`cell failed: ${ename}: ${evalue}`);
  }
  return outcome;
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** MB of the kernel's process tree, idle `settleMs` after its first (checked) cell. */
export async function idleTreeRss(client: KernelClient, s: Snippets, settleMs = 2000): Promise<number> {
  await run(client, s.firstCell);
  await new Promise((r) => setTimeout(r, settleMs));
  const mb = treeRssMb(client.process!.pid!);
  if (Number.isNaN(mb)) throw new Error("the kernel process is gone");
  return mb;
}

/** Milliseconds from execute_request to reply and idle of a trivial cell, after warm-up. */
export async function roundTrip(client: KernelClient, s: Snippets, runs: number, warmup = 20): Promise<{ median: number; p95: number }> {
  for (let i = 0; i < warmup; i++) await run(client, s.trivial);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(() => run(client, s.trivial)));
  return { median: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

/** Milliseconds of a 20-line typed cell (median of `runs`, each text new so nothing is cached). */
export async function cell20(client: KernelClient, s: Snippets, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timed(() => run(client, s.cell20(i))));
  return quantile(times, 0.5);
}

/** Milliseconds the type check adds to the 20-line cell: checked minus unchecked (medians);
 * undefined for kernels that do not check. */
export async function typeCheckCost(client: KernelClient, s: Snippets, runs = 15): Promise<{ ms: number; checked: number; unchecked: number } | undefined> {
  const check = s.typeCheck;
  if (!check) return undefined;
  const checked: number[] = [];
  const unchecked: number[] = [];
  for (let i = 0; i < runs; i++) {
    // interleaved, so drift on the machine hits both alike
    checked.push(await timed(() => run(client, s.cell20(1000 + i))));
    unchecked.push(await timed(() => run(client, check.unchecked(s.cell20(2000 + i)))));
  }
  const [c, u] = [quantile(checked, 0.5), quantile(unchecked, 0.5)];
  return { ms: c - u, checked: c, unchecked: u };
}

/** Runs `cells` small cells, then times complete_request → complete_reply (median of `runs`). */
export async function completion(client: KernelClient, s: Snippets, cells = 50, runs = 10): Promise<{ ms: number; matches: number }> {
  for (let i = 0; i < cells; i++) await run(client, s.small(i));
  const times: number[] = [];
  let matches = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const sent = client.send("shell", "complete_request", { code: s.completion.code, cursor_pos: s.completion.cursor });
    const idle = client.idleOf(sent.header.msg_id);
    const reply = await withTimeout(client.reply(sent.header.msg_id), 60000, "complete_reply");
    times.push(performance.now() - start);
    matches = ((reply.content.matches as string[] | undefined) ?? []).length;
    await withTimeout(idle, 5000, "idle after complete_request");
  }
  return { ms: quantile(times, 0.5), matches };
}

/** A cell printing 0..n-1: seconds to idle, and whether every line arrived, in order. */
export async function printLines(client: KernelClient, s: Snippets, n: number): Promise<{ seconds: number; lines: number; inOrder: boolean }> {
  const start = performance.now();
  const { messages } = await run(client, s.printLines(n), 120000);
  const seconds = (performance.now() - start) / 1000;
  const text = messages
    .filter((m) => m.header.msg_type === "stream" && m.content.name === "stdout")
    .map((m) => m.content.text as string)
    .join("");
  const lines = text.split("\n").filter((line) => line !== "");
  return { seconds, lines: lines.length, inOrder: lines.length === n && lines.every((line, i) => line === String(i)) };
}

/** One cell awaiting n concurrent 1-second sleeps (`cell`: raw promises, or the coroutine layer's):
 * wall seconds and the kernel's peak RSS (MB). */
export async function sleeps(client: KernelClient, cell: string, rss: RssWatch): Promise<{ seconds: number; peakMb: number }> {
  rss.reset();
  const seconds = (await timed(() => run(client, cell, 600000))) / 1000;
  return { seconds, peakMb: rss.peakMb() };
}

/** Cell A prints from a 300 ms timer while cell B awaits 1 s: is the print parented to A? */
export async function lateOutput(client: KernelClient, s: Snippets): Promise<{ onA: boolean; landedOn: string }> {
  const token = `late-${Math.random().toString(36).slice(2)}`;
  let late: Envelope | undefined;
  const off = client.onIopub((m) => {
    if (m.header.msg_type === "stream" && String(m.content.text).includes(token)) late ??= m;
  });
  try {
    const a = await run(client, s.lateA(token));
    const b = await run(client, s.lateB);
    for (let waited = 0; !late && waited < 2000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    const parent = late && parentId(late);
    const landedOn = !late ? "nowhere" : parent === parentId(a.reply) ? "A" : parent === parentId(b.reply) ? "B" : "another request";
    return { onA: landedOn === "A", landedOn };
  } finally {
    off();
  }
}

/** Pings the heartbeat every 250 ms while a cell blocks for `seconds`: max latency (ms), all < 100 ms? */
export async function heartbeat(client: KernelClient, s: Snippets, seconds: number): Promise<{ maxMs: number; answered: boolean }> {
  const socket = new zmq.Request({ linger: 0, relaxed: true, correlate: true });
  socket.connect(endpoint(client.connection, client.connection.hb_port));
  try {
    await ping(socket, 5000); // connected before the cell starts
    const cell = run(client, s.busy(seconds), seconds * 1000 + 60000);
    await new Promise((r) => setTimeout(r, 200)); // the cell is running by now
    const latencies: number[] = [];
    const until = performance.now() + seconds * 1000 - 500;
    while (performance.now() < until) {
      latencies.push(await ping(socket, 1000));
      if (latencies[latencies.length - 1] === Infinity) break; // the socket still awaits that echo
      await new Promise((r) => setTimeout(r, 250));
    }
    await cell;
    const maxMs = Math.max(...latencies);
    return { maxMs, answered: latencies.length > 0 && maxMs < 100 };
  } finally {
    socket.close();
  }
}

/** Milliseconds for one heartbeat echo; Infinity when none comes within timeoutMs. */
async function ping(socket: zmq.Request, timeoutMs: number): Promise<number> {
  const start = performance.now();
  await socket.send("ping");
  let timer: NodeJS.Timeout | undefined;
  const echoed = await Promise.race([
    socket.receive().then(
      () => true,
      () => false,
    ),
    new Promise<false>((r) => (timer = setTimeout(() => r(false), timeoutMs))),
  ]);
  clearTimeout(timer);
  return echoed ? performance.now() - start : Infinity;
}
