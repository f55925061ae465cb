// The floor every kernel figure is compared with: a bare `node -e ''` start, and bare Node running
// the same N-sleep snippet as tsloop's cell, as a script (wall time of the snippet, peak RSS);
// each with the Node binary the kernel it is compared with runs on.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RssWatch } from "./rss";

/** Seconds from spawn to exit of `node -e ''`. */
export async function bareStart(execPath = process.execPath): Promise<number> {
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(execPath, ["-e", ""], { stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", () => resolve());
  });
  return (performance.now() - start) / 1000;
}

export interface SleepFloor {
  /** Seconds the snippet took inside the script. */
  wall: number;
  /** Seconds from spawn to exit. */
  process: number;
  peakMb: number;
}

/** Runs `snippet` (tsloop's sleep cell, top-level await) as an ES module script under bare Node. */
export async function bareSleeps(snippet: string, execPath = process.execPath): Promise<SleepFloor> {
  const dir = mkdtempSync(join(tmpdir(), "tsloop-bench-"));
  const file = join(dir, "sleeps.mjs");
  writeFileSync(
    file,
    [
      "const start = performance.now();",
      snippet,
      "const wall = (performance.now() - start) / 1000;",
      "console.log(JSON.stringify({ wall, maxRssKb: process.resourceUsage().maxRSS }));",
    ].join("\n"),
  );
  try {
    const started = performance.now();
    const child = spawn(execPath, [file], { stdio: ["ignore", "pipe", "inherit"] });
    const watch = new RssWatch(child.pid!);
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => (out += text));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", resolve);
    });
    const processSeconds = (performance.now() - started) / 1000;
    const sampled = watch.peakMb();
    watch.stop();
    if (code !== 0) throw new Error(`bare node exited with ${code}`);
    const { wall, maxRssKb } = JSON.parse(out.trim().split("\n").pop()!) as { wall: number; maxRssKb: number };
    return { wall, process: processSeconds, peakMb: Math.max(maxRssKb / 1024, Number.isNaN(sampled) ? 0 : sampled) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
