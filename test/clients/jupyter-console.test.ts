// Debian's jupyter console in a tmux pane, with tsloop's kernelspec installed into a temp prefix:
// a function typed line by line runs only once it is complete (is_complete_request), Tab
// completes a member, and printed output, results and errors show on the terminal. The tests
// share one console, in order, as a person at the terminal would use it. (Its Ctrl-C does not
// interrupt even ipykernel in console 6.4.4, so there is no interrupt test here.)
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../support/kernel";
import { TmuxPane } from "../support/tmux-pane";

// Bounds for a loaded 2-core machine: the console and the kernel start, and the first cell waits
// for the type checker's start-up.
const START_MS = 90_000;
const CELL_MS = 60_000;

let dir: string;
let pane: TmuxPane;

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;
const CONTINUATION = /^ +\.\.\.:/gm;
const prompt = (n: number) => (text: string) => new RegExp(`^In \\[${n}\\]: *$`, "m").test(text);

/** Ends the input at prompt `n` with `last` and Enter; resolves, once prompt n + 1 shows, with the pane from In [n] on. */
async function finish(n: number, last: string, what: string): Promise<string> {
  pane.line(last);
  const text = await pane.waitFor(prompt(n + 1), CELL_MS, what);
  return text.slice(text.lastIndexOf(`In [${n}]:`));
}

beforeAll(async () => {
  for (const program of ["tmux", "jupyter-console"]) {
    if (spawnSync("which", [program]).status !== 0)
      throw new Error(`${program} is not installed: run bash test/jupyter-stack.sh (Debian's jupyter-console and tmux)`);
  }
  dir = mkdtempSync(join(tmpdir(), "tsloop-console-"));
  const install = spawnSync(process.execPath, ["kernel/tsloop.js", "install", "--prefix", dir], { cwd: ROOT, encoding: "utf8" });
  expect(install.status).toBe(0);
  const env = {
    JUPYTER_PATH: join(dir, "share", "jupyter"),
    JUPYTER_DATA_DIR: join(dir, "data"),
    JUPYTER_RUNTIME_DIR: join(dir, "runtime"),
    JUPYTER_CONFIG_DIR: join(dir, "config"),
    IPYTHONDIR: join(dir, "ipython"),
  };
  pane = TmuxPane.start("jupyter console --kernel tsloop", env);
  await pane.waitFor(prompt(1), START_MS, "the console's first prompt");
}, START_MS + 10_000);

afterAll(async () => {
  if (pane) {
    pane.line("exit"); // the console shuts its kernel down and ends, and with it the session
    await pane.waitForExit(10_000);
    pane.close();
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the banner is tsloop's kernel_info", () => {
  expect(pane.text()).toMatch(/^tsloop \d+\.\d+\.\d+: TypeScript on one shared event loop \(Node\.js v\d+/m);
});

test(
  "a function typed line by line runs only when it is complete",
  async () => {
    pane.line("function multiply(a: number, b: number) {");
    await pane.waitFor((t) => count(t, CONTINUATION) === 1, CELL_MS, "a continuation prompt after the first line");
    pane.line("const product = a * b");
    await pane.waitFor((t) => count(t, CONTINUATION) === 2, CELL_MS, "a continuation prompt after the second line");
    pane.line("return product");
    await pane.waitFor((t) => count(t, CONTINUATION) === 3, CELL_MS, "a continuation prompt after the third line");
    expect(pane.text()).not.toMatch(/^In \[2\]/m); // nothing ran yet
    await finish(1, "}", "the prompt after the function ran");
    expect(await finish(2, "multiply(6, 7)", "the call's result")).toMatch(/^In \[2\]: multiply\(6, 7\)\nOut\[2\]: 42\n/);
  },
  4 * CELL_MS,
);

test(
  "Tab completes a member of a value declared in an earlier cell",
  async () => {
    await finish(3, 'const greeting = "hello"', "the declaration ran");
    pane.type("greeting.toUpperC");
    pane.key("Tab");
    await pane.waitFor((t) => /^In \[4\]: greeting\.toUpperCase$/m.test(t), CELL_MS, "the completed member");
    expect(await finish(4, "()", "the completed call's result")).toMatch(/^In \[4\]: greeting\.toUpperCase\(\)\nOut\[4\]: 'HELLO'\n/);
  },
  3 * CELL_MS,
);

test(
  "printed output and an error with its traceback show, and the console goes on",
  async () => {
    expect(await finish(5, 'console.log("printed by cell", 5)', "the printing cell")).toMatch(
      /^In \[5\]: console\.log\("printed by cell", 5\)\nprinted by cell 5\n/,
    );
    const error = await finish(6, 'throw new RangeError("console boom")', "the prompt after the error");
    expect(error).toMatch(/Cell In\[6\], line 1/);
    expect(error).toMatch(/^RangeError: console boom$/m);
    expect(await finish(7, "multiply(2, 21)", "a cell after the error")).toContain("Out[7]: 42");
  },
  4 * CELL_MS,
);
