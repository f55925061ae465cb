// `tsloop run` end to end: temp notebooks run through the built CLI (a real kernel per notebook):
// printed outputs and late output, --write structure, --check pass/fail, exit codes 0/1/2.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../src/cli/run";
import { LAUNCHER, PYTHON, ROOT } from "./cli-helpers";

jest.setTimeout(60_000);
let tmp: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, "dist", "src", "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` first");
});
beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tsloop-run-"))));
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface CellSpec {
  source: string;
  metadata?: Record<string, unknown>;
  id?: string;
  outputs?: unknown[];
  execution_count?: number | null;
}

/** An output as a notebook file stores it (multi-line strings as lists of lines). */
interface OutputFile {
  output_type: string;
  name?: string;
  text?: string[];
  data?: Record<string, string[]>;
  metadata?: Record<string, unknown>;
  execution_count?: number | null;
  ename?: string;
  evalue?: string;
  traceback?: string[];
}

interface CellFile {
  id: string;
  cell_type: string;
  metadata: Record<string, unknown>;
  source: string[];
}

interface CodeCellFile extends CellFile {
  outputs: OutputFile[];
  execution_count: number | null;
}

/** A notebook file as notebook() writes it: a markdown cell, then the code cells. */
interface NotebookFile {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: [CellFile, ...CodeCellFile[]];
}

function notebook(name: string, cells: CellSpec[], minor = 5): string {
  const file = path.join(tmp, name);
  const nb = {
    nbformat: 4,
    nbformat_minor: minor,
    metadata: {},
    cells: [
      { cell_type: "markdown", metadata: {}, source: ["# A title\n", "some text"], ...(minor >= 5 ? { id: "md" } : {}) },
      ...cells.map((c, i) => ({
        cell_type: "code",
        metadata: c.metadata ?? {},
        source: c.source,
        outputs: c.outputs ?? [],
        execution_count: c.execution_count ?? null,
        ...(minor >= 5 ? { id: c.id ?? `cell-${i}` } : {}),
      })),
    ],
  };
  fs.writeFileSync(file, JSON.stringify(nb));
  return file;
}

function run(args: string[]) {
  const r = spawnSync(process.execPath, [LAUNCHER, "run", ...args], { cwd: tmp, encoding: "utf8", timeout: 50_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BASIC: CellSpec[] = [
  { source: 'console.log("hi")' },
  { source: 'setTimeout(() => console.log("late from two"), 150);\n"two"' },
  { source: "await new Promise((r) => setTimeout(r, 400));\nconsole.log('three done')" },
  { source: 'throw new TypeError("boom")' },
  { source: "   " },
];

describe("tsloop run", () => {
  it("prints each cell with its outputs, late output and a progress line", () => {
    notebook("basic.ipynb", BASIC);
    const r = run(["basic.ipynb"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1); // the TypeError cell is not expected to fail
    expect(r.stdout).toContain('=== basic.ipynb ===\n\nIn [1]: console.log("hi")\nhi\n');
    expect(r.stdout).toContain('In [2]: setTimeout(() => console.log("late from two"), 150);\n   ...: "two"\nOut[2]: \'two\'\n');
    // The timer of In [2] fires while In [3] awaits: printed after In [3], labelled.
    expect(r.stdout).toContain("three done\n\n[late output of In [2]]\nlate from two\n");
    expect(r.stdout).toMatch(/In \[4\]: throw new TypeError\("boom"\)\n-+\nTypeError +Traceback \(most recent call last\)\n/);
    expect(r.stdout).toContain("TypeError: boom\n");
    expect(r.stdout).not.toContain("\x1b["); // not a terminal: ANSI stripped
    expect(r.stdout).not.toContain("In [5]"); // the blank cell is not run
    expect(r.stdout).toMatch(/\nbasic\.ipynb: 4 cells, 1 error, \d+\.\d s\n/);
    expect(r.stdout.trimEnd().split("\n").pop()).toBe("1 notebook, 4 cells, 1 error");
  });

  it("--write saves nbformat 4.5 with ids, outputs in nbformat shape and late output on its cell", () => {
    const file = notebook("write.ipynb", BASIC, 4);
    const r = run(["--write", "write.ipynb"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("saved write.ipynb\n");
    const text = fs.readFileSync(file, "utf8");
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.startsWith('{\n "cells": [\n  {\n   "cell_type": "markdown",')).toBe(true); // indent 1, sorted keys
    const nb = JSON.parse(text) as NotebookFile;
    expect([nb.nbformat, nb.nbformat_minor]).toEqual([4, 5]);
    expect(nb.metadata.kernelspec).toEqual({ name: "tsloop", display_name: "TypeScript (tsloop)", language: "typescript" });
    expect(nb.metadata.language_info).toMatchObject({ name: "typescript", file_extension: ".ts" });
    const ids = nb.cells.map((c) => c.id);
    expect(new Set(ids).size).toBe(6);
    for (const id of ids) expect(id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
    const [md, one, two, three, four, blank] = nb.cells;
    expect(md.source).toEqual(["# A title\n", "some text"]);
    expect(one).toMatchObject({ execution_count: 1, outputs: [{ output_type: "stream", name: "stdout", text: ["hi\n"] }], source: ['console.log("hi")'] });
    expect(two.execution_count).toBe(2);
    expect(two.outputs).toEqual([
      { output_type: "execute_result", execution_count: 2, data: { "text/plain": ["'two'"] }, metadata: {} },
      { output_type: "stream", name: "stdout", text: ["late from two\n"] },
    ]);
    expect(three.outputs).toEqual([{ output_type: "stream", name: "stdout", text: ["three done\n"] }]);
    expect(four.outputs).toHaveLength(1);
    expect(four.outputs[0]).toMatchObject({ output_type: "error", ename: "TypeError", evalue: "boom" });
    expect(four.outputs[0].traceback?.join("\n")).toContain("\x1b["); // the file keeps ANSI, like nbconvert
    expect(blank).toMatchObject({ execution_count: null, outputs: [] });
  });

  it("--write output is valid for nbformat and byte-identical to nbformat's own writer", () => {
    const probe = spawnSync(PYTHON, ["-c", "import nbformat"]);
    if (probe.status !== 0) return console.warn("nbformat not installed: skipping the nbformat cross-check");
    notebook("nbf.ipynb", [...BASIC, { source: "display.svg('<svg xmlns=\"http://www.w3.org/2000/svg\"/>'); 'a\\nb'" }], 4);
    const outDir = path.join(tmp, "out");
    const r = run(["--output-dir", outDir, "nbf.ipynb"]);
    expect(r.stdout).toContain("[image/svg+xml, 41 B]\nOut[5]: 'a\\nb'\n");
    const script = [
      "import nbformat, sys",
      "text = open(sys.argv[1], encoding='utf-8').read()",
      "nb = nbformat.reads(text, as_version=4)",
      "nbformat.validate(nb)",
      "sys.exit(0 if nbformat.writes(nb) + '\\n' == text else 3)",
    ].join("\n");
    const check = spawnSync(PYTHON, ["-c", script, path.join(outDir, "nbf.ipynb")], { encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
    expect((JSON.parse(fs.readFileSync(path.join(tmp, "nbf.ipynb"), "utf8")) as NotebookFile).nbformat_minor).toBe(4); // original untouched
  });

  it("exits 2 for a missing file, a non-JSON file and nbformat 3, and still runs the good notebook", () => {
    notebook("good.ipynb", [{ source: 'console.log("still ran")' }]);
    fs.writeFileSync(path.join(tmp, "broken.ipynb"), "{ this is not json");
    fs.writeFileSync(path.join(tmp, "old.ipynb"), JSON.stringify({ nbformat: 3, nbformat_minor: 0, metadata: {}, worksheets: [] }));
    const r = run(["missing.ipynb", "broken.ipynb", "old.ipynb", "good.ipynb"]);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      "tsloop run: missing.ipynb: no such file",
      expect.stringMatching(/^tsloop run: broken\.ipynb: not a JSON file \(.+\)$/),
      "tsloop run: old.ipynb: unsupported nbformat 3 (tsloop run reads nbformat 4 only)",
    ]);
    expect(r.stdout).toContain("still ran\n");
    expect(r.stdout).toMatch(/good\.ipynb: 1 cell, 0 errors, /);
    expect(r.stdout).toContain("1 notebook, 1 cell, 0 errors, 3 unreadable");
  });

  it("exits 2 for an empty directory, bad options; --help exits 0", () => {
    fs.mkdirSync(path.join(tmp, "empty"));
    expect(run(["empty"])).toMatchObject({ status: 2, stderr: "tsloop run: empty: no *.ipynb files in this directory\n" });
    const unknownOption = run(["--frobnicate"]);
    expect(unknownOption.status).toBe(2);
    expect(unknownOption.stderr).toContain("unknown option '--frobnicate'");
    expect(run(["--timeout", "soon", "x.ipynb"]).status).toBe(2);
    const help = run(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tsloop run \[options\] \[paths\.\.\.\]/);
    expect(help.stdout).toContain("--expectations FILE");
  });

  it("main() can be called with captured output and returns the exit code", async () => {
    notebook("inproc.ipynb", [{ source: "console.log(6 * 7)" }]);
    let out = "";
    let err = "";
    const code = await main(["inproc.ipynb"], { stdout: { write: (t) => void (out += t) }, stderr: { write: (t) => void (err += t) }, cwd: tmp });
    expect({ code, err }).toEqual({ code: 0, err: "" });
    expect(out).toContain("In [1]: console.log(6 * 7)\n42\n");
    expect(process.exitCode ?? 0).toBe(0); // only the real CLI sets it
  });
});

describe("tsloop run --check", () => {
  const sleep = "const sleep = (s: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, s * 1000);";
  const expectations = (file: string, gap: number) =>
    fs.writeFileSync(
      path.join(tmp, file),
      JSON.stringify([
        {
          id: "ticks",
          recorded_output: [0, 1, 2].map((i) => `tick ${(1554695117.5 + i * gap).toFixed(4)}`).join("\n"),
          normalize: ["timestamps"],
          timing: 3 * gap,
        },
        { id: "any-order", recorded_output: "start\nb done\na done\nend", normalize: ["unordered-lines:2-3"], timing: null },
        {
          id: "raises",
          recorded_output: "before\n\n\nStopIteration: 5",
          is_error: true,
          error_name: "StopIteration",
          error_value: "5",
          normalize: [],
          timing: null,
        },
      ]),
    );
  const cells = (storedText: string): CellSpec[] => [
    { source: `${sleep}\nfor (let i = 0; i < 3; i++) { console.log("tick", Date.now() / 1000); sleep(0.3); }`, metadata: { tsloop: { mirrors: "ticks" } } },
    {
      source:
        "console.log('start');\nawait Promise.all(['a', 'b'].map((n) => new Promise<void>((r) => setTimeout(() => (console.log(n + ' done'), r()), 20))));\nconsole.log('end')",
      metadata: { tsloop: { mirrors: "any-order" } },
    },
    { source: "console.log('before'); const e = new Error('5'); e.name = 'StopIteration'; throw e", metadata: { tsloop: { mirrors: "raises" } } },
    {
      source: "console.log('stable'); 1 + 1",
      execution_count: 1,
      outputs: [
        { output_type: "stream", name: "stdout", text: [storedText] },
        { output_type: "execute_result", execution_count: 1, metadata: {}, data: { "text/plain": "2" } },
      ],
    },
    {
      source: "console.log(Math.random())",
      execution_count: 2,
      outputs: [{ output_type: "stream", name: "stdout", text: "0.123\n" }],
      metadata: { tsloop: { check: false } },
    },
    { source: "console.log('never stored')" },
  ];

  it("passes when every cell matches its expectation or stored output", () => {
    notebook("ok.ipynb", cells("stable\n"));
    expectations("exp.json", 0.3);
    const r = run(["--check", "--expectations", "exp.json", "ok.ipynb"]);
    expect(r.stdout).not.toContain("MISMATCH");
    expect(r.stdout).toMatch(/ok\.ipynb: 6 cells, 1 error \(1 expected\), 0 mismatches, /);
    expect(r.stdout.trimEnd().split("\n").pop()).toBe("1 notebook, 6 cells, 0 mismatches, 3 of 3 mirrored lesson cells matching, 1 error (1 expected)");
    expect(r).toMatchObject({ status: 0, stderr: "" });
  });

  it("fails with a readable report: rule, expected and actual lines", () => {
    notebook("bad.ipynb", [...cells("unstable\n"), { source: "console.log('x')", metadata: { tsloop: { mirrors: "nobody" } } }]);
    expectations("exp.json", 1); // 1 s gaps and timing 3 s, but the cell sleeps 0.3 s
    const r = run(["--check", "--expectations", "exp.json", "bad.ipynb"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("MISMATCH bad.ipynb In [1] (cell 2) against expectation 'ticks'\n  timestamps: gap 1 (timestamp 1 to 2) is 0.30");
    expect(r.stdout).toMatch(/ {2}timing: the cell took \d+\.\d\d s, expected 3 s ± 0\.5\n/);
    expect(r.stdout).toContain("    - tick 1554695117.5000\n");
    expect(r.stdout).toContain(
      "MISMATCH bad.ipynb In [4] (cell 5) against stored outputs\n  stored stdout: the stdout text differs from the stored output\n    --- expected\n    +++ actual\n    - unstable\n    + stable\n",
    );
    expect(r.stdout).toContain("MISMATCH bad.ipynb In [7] (cell 8) against expectation 'nobody'\n  mirrors: no entry 'nobody' in the expectations\n");
    expect(r.stdout).not.toMatch(/against expectation '(any-order|raises)'/);
    expect(r.stdout).toMatch(/bad\.ipynb: 7 cells, 1 error \(1 expected\), 3 mismatches, /);
  });

  it("fails when unordered lines differ outside their range, or an expected error is missing", () => {
    const exp = [
      { id: "any-order", recorded_output: "start\nb done\na done\nfinish", normalize: ["unordered-lines:2-3"] },
      { id: "raises", recorded_output: "before\nStopIteration: 5", is_error: true, error_name: "StopIteration", error_value: "5" },
    ];
    fs.writeFileSync(path.join(tmp, "exp.json"), JSON.stringify(exp));
    notebook("order.ipynb", [cells("")[1], { source: "console.log('before')", metadata: { tsloop: { mirrors: "raises" } } }]);
    const r = run(["--check", "--expectations", "exp.json", "order.ipynb"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("  lines: line 4 differs\n    --- expected\n    +++ actual\n      start\n      b done\n      a done\n    - finish\n    + end\n");
    expect(r.stdout).toContain("  is_error: expected the cell to end with StopIteration: 5, but it raised no error\n");
  });

  it("without paths runs the package's notebooks/ sorted, and reports expectations no notebook mirrors", () => {
    // A copy of the package (built dist/, launcher, kernel.json) whose notebooks/ folder the test owns.
    const repo = path.join(tmp, "repo");
    for (const entry of ["dist", "kernel", "kernel.json", "package.json"]) fs.cpSync(path.join(ROOT, entry), path.join(repo, entry), { recursive: true });
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(repo, "node_modules"));
    const runRepo = (args: string[]) =>
      spawnSync(process.execPath, [path.join(repo, "kernel", "tsloop.js"), "run", ...args], { cwd: repo, encoding: "utf8", timeout: 50_000 });

    const none = runRepo([]);
    expect(none.status).toBe(2);
    expect(none.stderr).toBe(`tsloop run: no notebooks found in ${path.join(repo, "notebooks")}\n`);

    fs.mkdirSync(path.join(repo, "notebooks"));
    const exp = ["one", "two", "three"].map((id) => ({ id, recorded_output: id }));
    fs.writeFileSync(path.join(repo, "notebooks", "cells.json"), JSON.stringify(exp));
    for (const [name, id] of [
      ["b.ipynb", "two"],
      ["a.ipynb", "one"],
    ]) {
      const file = notebook(name, [{ source: `console.log("${id}")`, metadata: { tsloop: { mirrors: id } } }]);
      fs.renameSync(file, path.join(repo, "notebooks", name));
    }
    const r = runRepo(["--check", "--quiet"]);
    expect(r.stdout.split("\n")).toEqual([
      expect.stringMatching(/^notebooks\/a\.ipynb: 1 cell, 0 errors, 0 mismatches, /),
      expect.stringMatching(/^notebooks\/b\.ipynb: 1 cell, 0 errors, 0 mismatches, /),
      "MISMATCH no notebook mirrors 1 expectation: three",
      "2 notebooks, 2 cells, 1 mismatch, 2 of 2 mirrored lesson cells matching, 0 errors",
      "",
    ]);
    expect(r.status).toBe(1);
  });

  it("in an installed package (no tools/), --check exits 2 with one line and a run without it still works", () => {
    const pkg = path.join(tmp, "pkg");
    for (const entry of ["dist", "kernel", "kernel.json", "package.json", "notebooks/cells.json"])
      fs.cpSync(path.join(ROOT, entry), path.join(pkg, entry), { recursive: true });
    fs.rmSync(path.join(pkg, "dist", "tools"), { recursive: true, force: true });
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(pkg, "node_modules"));
    notebook("x.ipynb", [{ source: "console.log('ran')" }]);
    const runPkg = (args: string[]) =>
      spawnSync(process.execPath, [path.join(pkg, "kernel", "tsloop.js"), "run", ...args], { cwd: tmp, encoding: "utf8", timeout: 50_000 });

    const checked = runPkg(["--check", "x.ipynb"]);
    expect(checked).toMatchObject({ status: 2, stdout: "" });
    expect(checked.stderr).toBe(
      `tsloop run: --check needs the lesson tooling of a tsloop checkout (${path.join(pkg, "dist", "tools", "lessons", "notebook-check.js")} is missing; npm run build makes it)\n`,
    );
    const plain = runPkg(["x.ipynb"]);
    expect(plain).toMatchObject({ status: 0, stderr: "" });
    expect(plain.stdout.trimEnd().split("\n").pop()).toBe("1 notebook, 1 cell, 0 errors");
  });

  it("exits 2 when the expectations file is missing", () => {
    notebook("x.ipynb", [{ source: "1" }]);
    const r = run(["--check", "--expectations", "nope.json", "x.ipynb"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("nope.json: no such file");
  });
});
