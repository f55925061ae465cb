// Runs jupyter_kernel_test's KernelTests (test_tsloop_kernel.py) against the built kernel:
// installs the kernelspec into a temp --prefix, points JUPYTER_PATH there, checks every test passed.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseUnittest } from "./unittest-output";

const ROOT = path.resolve(__dirname, "..", "..");
const LAUNCHER = path.join(ROOT, "kernel", "tsloop.js");
const PYTHON = "/usr/bin/python3";
const RUN_TIMEOUT_MS = 240_000;

/** Every test KernelTests defines; each must pass. */
const EXPECTED = [
  "test_kernel_info",
  "test_execute_stdout",
  "test_execute_stderr",
  "test_completion",
  "test_is_complete",
  "test_pager",
  "test_error",
  "test_execute_result",
  "test_display_data",
  "test_history",
  "test_inspect",
  "test_clear_output",
];
/** tsloop has no pager payloads (help is inspect_request), so code_page_something is empty. */
const ALLOWED_SKIPS = new Set(["test_pager"]);

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
}

function run(cmd: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }) {
  return new Promise<Finished>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let timedOut = false;
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGINT"); // lets Python unwind; SIGKILL if it does not
      setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
    }, options.timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, output, timedOut });
    });
  });
}

describe("jupyter_kernel_test conformance", () => {
  let tmp: string;

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tsloop-conformance-"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it(
    "passes every KernelTests test",
    async () => {
      expect(fs.existsSync(path.join(ROOT, "dist", "src", "cli", "main.js"))).toBe(true); // run `npm run build`

      const env: NodeJS.ProcessEnv = {
        ...process.env,
        JUPYTER_PATH: path.join(tmp, "share", "jupyter"),
        JUPYTER_DATA_DIR: path.join(tmp, "data"),
        JUPYTER_RUNTIME_DIR: path.join(tmp, "runtime"),
        JUPYTER_CONFIG_DIR: path.join(tmp, "config"),
        PYTHONDONTWRITEBYTECODE: "1",
        PYDEVD_DISABLE_FILE_VALIDATION: "1",
      };
      const installed = await run(process.execPath, [LAUNCHER, "install", "--prefix", tmp], {
        cwd: ROOT,
        env,
        timeoutMs: 30_000,
      });
      if (installed.code !== 0) throw new Error(`tsloop install failed (${installed.code}):\n${installed.output}`);

      const result = await run(PYTHON, ["-m", "unittest", "-v", "test_tsloop_kernel"], {
        cwd: __dirname,
        env,
        timeoutMs: RUN_TIMEOUT_MS,
      });
      const parsed = parseUnittest(result.output);

      const problems: string[] = [];
      if (result.timedOut) problems.push(`unittest did not finish within ${RUN_TIMEOUT_MS / 1000}s`);
      if (result.code !== 0) problems.push(`unittest exited with ${result.code ?? result.signal}`);
      problems.push(...parsed.fixtureErrors);
      for (const name of EXPECTED) {
        const test = parsed.tests.get(name);
        if (!test) problems.push(`${name}: not run`);
        else if (test.outcome === "skipped" && ALLOWED_SKIPS.has(name)) continue;
        else if (test.outcome !== "ok") problems.push(...test.lines.map((l) => `${name}: ${l}`), `${name}: ${test.outcome}`);
      }
      for (const test of parsed.tests.values()) {
        if (!EXPECTED.includes(test.name) && test.outcome !== "ok") problems.push(`${test.name}: ${test.outcome}`);
      }
      if (problems.length > 0) {
        const perTest = [...parsed.tests.values()].map((t) => `  ${t.outcome.padEnd(7)} ${t.name}`).join("\n");
        throw new Error(
          `KernelTests failed:\n${problems.map((p) => `  ${p}`).join("\n")}\n\nPer test:\n${perTest || "  (none ran)"}` +
            `\n\nunittest output (last 6000 chars):\n${result.output.slice(-6000)}`,
        );
      }
      expect(parsed.summary).toMatch(/^OK\b/);
    },
    RUN_TIMEOUT_MS + 60_000,
  );
});
