// `npm run bench [-- --quick] [--write-readme | --no-readme] [--only=NAME,...] [--cpu-prof]`:
// measures tsloop, its peers and the bare Node floor in one run, prints the table (stdout),
// progress (stderr), saves bench/results/*.json; the full run also rewrites the README block.
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { KernelClient } from "../src/client/kernel-client";
import { cellGrowth } from "./cell-growth";
import { FULL, Floor, Measured, MeasuredRuntime, QUICK, rows } from "./figures";
import { bareSleeps, bareStart } from "./floor";
import * as measure from "./measures";
import { boundNotes } from "./notes";
import { findPeers, onRuntime, Peer, ROOT, run as sh } from "./peers";
import { block, writeReadme } from "./readme";
import { RssWatch } from "./rss";
import { current, node24, Runtime } from "./runtimes";
import { measureStartup } from "./startup";
import { renderTable, value } from "./table";

const args = process.argv.slice(2);
const sizes = args.includes("--quick") ? QUICK : FULL;
const toReadme = args.includes("--write-readme") || (!sizes.quick && !args.includes("--no-readme"));
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice(7)
  .split(",");
const profileDir = args.includes("--cpu-prof") ? join(ROOT, "bench", "results", "profiles") : undefined;
const errors: { peer: string; what: string; message: string }[] = [];
const log = (text: string) => process.stderr.write(`bench: ${text}\n`);
const median = (xs: number[]) => measure.quantile(xs, 0.5);

async function attempt<T>(peer: string, what: string, action: () => Promise<T>): Promise<T | undefined> {
  log(`${peer}: ${what}`);
  try {
    return await action();
  } catch (error) {
    errors.push({ peer, what, message: (error as Error).message.split("\n")[0] });
    log(`${peer}: ${what} failed: ${(error as Error).message}`);
    return undefined;
  }
}

/** Starts the kernel as a client would, runs `body`, shuts it down (its stderr tail joins any error). */
async function withKernel(peer: Peer, what: string, body: (client: KernelClient) => Promise<void>): Promise<void> {
  let stderr = "";
  const argv = profileDir && peer.name === "tsloop" ? [peer.argv[0], "--cpu-prof", `--cpu-prof-dir=${profileDir}`, ...peer.argv.slice(1)] : peer.argv;
  let client: KernelClient | undefined;
  await attempt(peer.name, what, async () => {
    try {
      client = await KernelClient.start({ argv, cwd: peer.cwd, onStderr: (t) => (stderr = (stderr + t).slice(-2000)) });
      await client.ready(60000);
      await body(client);
    } catch (error) {
      throw new Error(`${(error as Error).message}${stderr ? ` (stderr: ${stderr.trim()})` : ""}`, { cause: error });
    } finally {
      await client?.shutdown().catch(() => client?.close());
    }
  });
}

/** Start-up figures (median of sizes.starts fresh kernels) into `m`, under keys ending in `suffix`. */
async function measureStarts(peer: Peer, m: Measured, suffix = ""): Promise<void> {
  const starts = [];
  for (let i = 0; i < sizes.starts; i++) {
    const start = await attempt(peer.name, `start-up ${i + 1}/${sizes.starts}${suffix}`, () => measureStartup(peer));
    if (start) starts.push(start);
  }
  if (starts.length > 0) {
    m[`startInfo${suffix}`] = value.seconds(median(starts.map((x) => x.kernelInfo)));
    m[`startFirst${suffix}`] = value.seconds(median(starts.map((x) => x.firstResult)));
  }
}

async function measurePeer(peer: Peer): Promise<Measured> {
  const m: Measured = {};
  const s = peer.snippets;
  await measureStarts(peer, m);
  await withKernel(peer, "kernel for the cell figures", async (client) => {
    const idle = await attempt(peer.name, "idle tree RSS", () => measure.idleTreeRss(client, s));
    if (idle !== undefined) m.idleTree = value.mb(idle);
    const rt = await attempt(peer.name, "round trips", () => measure.roundTrip(client, s, sizes.roundTrips, sizes.warmup));
    if (rt) [m.rtMedian, m.rtP95] = [value.ms(rt.median), value.ms(rt.p95)];
    const c20 = await attempt(peer.name, "20-line cell", () => measure.cell20(client, s));
    if (c20 !== undefined) m.cell20 = value.ms(c20);
    const check = await attempt(peer.name, "type-check cost", () => measure.typeCheckCost(client, s));
    m.typeCheck = check
      ? { ...value.ms(check.ms), text: `${value.ms(check.ms).text} (${value.ms(check.checked).text} checked, ${value.ms(check.unchecked).text} not)` }
      : value.text("n/a");
    const done = await attempt(peer.name, "completion", () => measure.completion(client, s, sizes.cells, sizes.completions));
    if (done) m.completion = { ...value.ms(done.ms), text: `${value.ms(done.ms).text} (${done.matches} ${done.matches === 1 ? "match" : "matches"})` };
    const lines = await attempt(peer.name, "printed lines", () => measure.printLines(client, s, sizes.lines));
    if (lines) {
      m.linesTime = value.seconds(lines.seconds);
      m.linesOk = value.text(
        lines.inOrder
          ? `all ${lines.lines.toLocaleString("en-US")}, in order`
          : `${lines.lines.toLocaleString("en-US")} of ${sizes.lines.toLocaleString("en-US")}, ${lines.lines === sizes.lines ? "out of order" : "missing lines"}`,
      );
    }
    const late = await attempt(peer.name, "late output", () => measure.lateOutput(client, s));
    if (late) m.late = value.fact(late.onA, `on ${late.landedOn}`);
    const hb = await attempt(peer.name, "heartbeat", () => measure.heartbeat(client, s, sizes.busySeconds));
    if (hb) m.heartbeat = value.fact(hb.answered, Number.isFinite(hb.maxMs) ? `max ${value.ms(hb.maxMs).text}` : "no echo");
  });
  if (peer.name === "tsloop")
    await withKernel(peer, "kernel for the cell growth", async (client) => {
      const g = await attempt(peer.name, `${sizes.growthCells} cells for the RSS growth`, () => cellGrowth(client, sizes.growthCells, sizes.growthWarmup));
      const steps = g?.stepsMb.map((mb) => mb.toFixed(0)).join(" → ");
      if (g)
        m.cellGrowth = {
          ...value.mb(g.growthMb),
          text: `${value.mb(g.growthMb).text} (${value.mb(g.afterWarmupMb).text}, by fifths ${steps} MB; ${value.seconds(g.seconds).text})`,
        };
    });
  await measureSleeps(peer, m, sizes.sleeps);
  return m;
}

/** Sleeps in fresh kernels (the floor's process is fresh too); tsloop repeated, median taken. Raw
 * promises under the keys `sleepWall…`/`sleepRss…`; on the Node running the bench, tsloop's
 * coroutine layer too (`coSleepWall…`/`coSleepRss…`), each in kernels of its own. */
async function measureSleeps(peer: Peer, m: Measured, counts: number[], suffix = ""): Promise<void> {
  const s = peer.snippets;
  await measureSleepCells(peer, m, counts, suffix, "sleep", "sleeps", (n) => s.sleeps(n));
  if (s.coroutineSleeps && suffix === "") await measureSleepCells(peer, m, counts, suffix, "coSleep", "asyncio.sleep coroutines", (n) => s.coroutineSleeps!(n));
}

async function measureSleepCells(
  peer: Peer,
  m: Measured,
  counts: number[],
  suffix: string,
  key: string,
  what: string,
  cell: (n: number) => string,
): Promise<void> {
  const repeats = peer.name === "tsloop" ? sizes.sleepRepeats : 1;
  const results: Record<number, { seconds: number[]; peakMb: number[] }> = {};
  for (let r = 0; r < repeats; r++) {
    await withKernel(peer, `kernel for the ${what} ${r + 1}/${repeats}${suffix}`, async (client) => {
      const rss = new RssWatch(client.process!.pid!);
      try {
        for (const count of counts) {
          const slept = await attempt(peer.name, `${count} ${what}${suffix}`, () => measure.sleeps(client, cell(count), rss));
          if (!slept) continue;
          (results[count] ??= { seconds: [], peakMb: [] }).seconds.push(slept.seconds);
          results[count].peakMb.push(slept.peakMb);
        }
      } finally {
        rss.stop();
      }
    });
  }
  for (const [count, r] of Object.entries(results)) {
    m[`${key}Wall${count}${suffix}`] = value.seconds(median(r.seconds));
    m[`${key}Rss${count}${suffix}`] = value.mb(median(r.peakMb));
  }
}

/** tsloop on another Node (started by that binary): start-up and the largest sleeps, beside that Node's floor. */
async function measureOtherRuntime(tsloop: Peer, runtime: Runtime, m: Measured): Promise<MeasuredRuntime> {
  const suffix = `@${runtime.major}`;
  const largest = [Math.max(...sizes.sleeps)];
  const floor = await measureFloor(tsloop, runtime, largest);
  const peer = onRuntime(tsloop, runtime);
  await measureStarts(peer, m, suffix);
  await measureSleeps(peer, m, largest, suffix);
  return { label: runtime.label, major: runtime.major, suffix, floor };
}

async function measureFloor(tsloop: Peer, runtime: Runtime, counts: number[]): Promise<Floor> {
  const floor: Floor = { sleeps: {} };
  await bareStart(runtime.execPath); // warm the file cache
  const starts: number[] = [];
  for (let i = 0; i < sizes.bareStarts; i++) starts.push(await bareStart(runtime.execPath));
  floor.start = value.seconds(median(starts));
  for (const count of counts) {
    const runs = [];
    for (let r = 0; r < sizes.sleepRepeats; r++) {
      const bare = await attempt("bare Node", `${count} sleeps, ${runtime.label}`, () => bareSleeps(tsloop.snippets.sleeps(count), runtime.execPath));
      if (bare) runs.push(bare);
    }
    if (runs.length > 0) floor.sleeps[count] = { wall: value.seconds(median(runs.map((x) => x.wall))), peakMb: value.mb(median(runs.map((x) => x.peakMb))) };
  }
  return floor;
}

async function main(): Promise<void> {
  const loadAtStart = loadavg()[0];
  const peers = findPeers().filter((p) => !only || only.includes(p.name));
  const measured = peers.filter((p) => !p.skipped);
  const tsloop = peers.find((p) => p.name === "tsloop") ?? findPeers()[0];
  if (tsloop.skipped) errors.push({ peer: "tsloop", what: "start", message: tsloop.skipped });
  const other = node24();
  const onOther = other.runtime ? ` and ${other.runtime.label} (tsloop)` : "";
  log(`${sizes.quick ? "quick" : "full"} run: ${measured.map((p) => p.name).join(", ")}; ${current.label}${onOther}`);
  const runtimes: MeasuredRuntime[] = [{ label: current.label, major: current.major, suffix: "", floor: await measureFloor(tsloop, current, sizes.sleeps) }];
  const byPeer: Record<string, Measured> = {};
  for (const peer of measured) byPeer[peer.name] = await measurePeer(peer);
  if (other.runtime && byPeer.tsloop) runtimes.push(await measureOtherRuntime(tsloop, other.runtime, byPeer.tsloop));
  const tableRows = rows(sizes, byPeer, runtimes);
  const notes = [
    ...peers.filter((p) => p.skipped).map((p) => `${p.name}: skipped, ${p.skipped}.`),
    ...(other.missing ? [`tsloop on Node 24: not measured, ${other.missing}.`] : []),
    ...errors.map((e) => `error, ${e.peer}, ${e.what}: ${e.message}`),
    `load average at the start: ${loadAtStart.toFixed(2)}, at the end: ${loadavg()[0].toFixed(2)} (other work on the machine skews the figures).`,
    ...(sizes.quick ? ["quick mode: reduced sizes and repeats; the size-bound targets apply to the full run only."] : []),
    ...boundNotes(tableRows),
  ];
  const versions: Record<string, string> = { node: runtimes.map((r) => r.label.replace(/^node /, "")).join(" and "), tsloop: tsloop.version };
  if (byPeer.ipykernel)
    Object.assign(versions, {
      python: (sh("/usr/bin/python3", ["--version"]) ?? "").replace(/^Python /, ""),
      ipykernel: peers.find((p) => p.name === "ipykernel")!.version,
    });
  for (const p of measured) if (!versions[p.name] && p.version) versions[p.name] = p.version;
  const command = sizes.quick ? "npm run bench -- --quick" : "npm run bench";
  const text = block(
    renderTable(
      tableRows,
      measured.map((p) => p.name),
    ),
    versions,
    notes,
    command,
  );
  process.stdout.write(`${text}\n`);
  const results = join(ROOT, "bench", "results");
  mkdirSync(results, { recursive: true });
  writeFileSync(
    join(results, sizes.quick ? "latest-quick.json" : "latest.json"),
    JSON.stringify({ date: new Date().toISOString(), sizes, versions, runtimes, byPeer, errors }, null, 2),
  );
  if (toReadme) {
    const written = writeReadme(join(ROOT, "README.md"), text);
    process.stdout.write(
      written
        ? "\nREADME.md: benchmark block updated.\n"
        : "\nREADME.md has no <!-- bench:start --> / <!-- bench:end --> markers: not written (the table is above).\n",
    );
  }
  process.exitCode = errors.some((e) => e.peer === "tsloop" || e.peer === "bare Node") ? 1 : 0;
}

main().catch((error) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
