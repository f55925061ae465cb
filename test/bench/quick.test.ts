// Runs the benchmark's --quick mode (what CI runs so it never rots) as a child process: it must
// exit 0 and print a table with a tsloop column of figures, and leave README.md alone.
// No timed assertions: the figures only have to be there and be numbers. tsloop and ipykernel
// only, so the run does not depend on which peers a machine has installed (the full run measures them).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

function runQuick(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [require.resolve("ts-node/dist/bin"), "--transpile-only", "-P", "tsconfig.json", "bench/run.ts", "--quick", "--only=tsloop,ipykernel"],
      {
        cwd: ROOT,
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (t: string) => (stdout += t));
    child.stderr.setEncoding("utf8").on("data", (t: string) => (stderr += t));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, "")
    .split(" | ")
    .map((c) => c.trim());

describe("npm run bench -- --quick", () => {
  it("prints a table with numeric tsloop figures, exits 0 and leaves README.md unchanged", async () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const { code, stdout, stderr } = await runQuick();
    expect({ code, stderr: code === 0 ? "" : stderr }).toEqual({ code: 0, stderr: "" });
    const lines = stdout.split("\n");
    const headerAt = lines.findIndex((l) => l.startsWith("| figure |"));
    expect(headerAt).toBeGreaterThanOrEqual(0);
    const header = cells(lines[headerAt]);
    const column = header.indexOf("tsloop");
    expect(column).toBe(1);
    const rows = lines
      .slice(headerAt + 2)
      .filter((l) => l.startsWith("|"))
      .map(cells);
    const figure = (name: RegExp) => rows.find((r) => name.test(r[0]))?.[column];
    const numeric = /^\d+(\.\d+)? (ms|s|MB)\b/;
    const figures = [
      /kernel_info_reply/,
      /first checked cell's result/,
      /round trip, median/,
      /type-check time added/,
      /process tree, idle/,
      /printed lines: time to idle/,
    ];
    const sleeps = [/sleeps: wall/, /sleeps: peak RSS/, /coroutines gathered: wall/, /coroutines gathered: peak RSS/];
    for (const name of [...figures, ...sleeps, /completion latency/]) {
      expect(figure(name)).toMatch(numeric);
    }
    expect(figure(/received, in order/)).toMatch(/^all /);
    expect(figure(/late print/)).toMatch(/^yes \(on A\)/); // routing is correctness, not a timing target
    expect(figure(/heartbeat/)).toMatch(/^(yes|no) \(max \d/); // a timing target: the figure must be there, met or not
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toBe(readme);
  }, 240_000);
});
