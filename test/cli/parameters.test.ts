// `tsloop run -p NAME VALUE` end to end through the built CLI: the injected-parameters cell papermill
// would write (place, tag, declarations), the values the later cells see, the warnings, bad usage.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LAUNCHER, ROOT } from "./cli-helpers";

jest.setTimeout(90_000);
let tmp: string;

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, "dist", "src", "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` first");
});
beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tsloop-params-"))));
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface SavedCell {
  cell_type: string;
  metadata: { tags?: string[] };
  source: string[];
  outputs?: Array<{ output_type: string; text?: string[] }>;
}

function notebook(name: string, cells: Array<{ source: string; tags?: string[] }>): string {
  const file = path.join(tmp, name);
  const nb = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [
      { id: "md", cell_type: "markdown", metadata: {}, source: "# Sizes" },
      ...cells.map((c, i) => ({
        id: `c${i}`,
        cell_type: "code",
        metadata: c.tags ? { tags: c.tags } : {},
        source: c.source,
        outputs: [],
        execution_count: null,
      })),
    ],
  };
  fs.writeFileSync(file, JSON.stringify(nb));
  return file;
}

function run(args: string[]) {
  const r = spawnSync(process.execPath, [LAUNCHER, "run", ...args], { cwd: tmp, encoding: "utf8", timeout: 80_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const saved = (file: string) => (JSON.parse(fs.readFileSync(file, "utf8")) as { cells: SavedCell[] }).cells;
const sourceOf = (cell: SavedCell) => cell.source.join("");
const stdoutOf = (cell: SavedCell) => (cell.outputs ?? []).map((o) => (o.text ?? []).join("")).join("");

const PARAMETERS = "const size: number = 3;\nlet label = 'small';";
const REPORT = "console.log(typeof size, size * 2, typeof label, label, JSON.stringify(extra))";

describe("tsloop run -p", () => {
  it("injects a tagged cell after the parameters cell, declared as that cell declares each name, and re-runs replace it", () => {
    const file = notebook("sizes.ipynb", [{ source: "const extra = null;" }, { source: PARAMETERS, tags: ["parameters"] }, { source: REPORT }]);
    const args = ["--write", "-p", "size", "21", "-p", "label", "wide", "-p", "extra", '{"k":[1,"two"]}', "-p", "size", "40", "sizes.ipynb"];
    const first = run(args);
    expect(first.stderr).toBe("tsloop run: sizes.ipynb: warning: the 'parameters' cell does not declare 'extra' (injected anyway)\n");
    expect(first.status).toBe(0);
    const cells = saved(file);
    expect(cells.map((c) => c.metadata.tags ?? [])).toEqual([[], [], ["parameters"], ["injected-parameters"], []]);
    // The last value of a name given twice wins; the const keeps its type, the let stays a let.
    expect(sourceOf(cells[3])).toBe('// Parameters\nconst size: number = 40;\nlet label = "wide";\nconst extra = {"k":[1,"two"]};\n');
    expect(stdoutOf(cells[4])).toBe('number 80 string wide {"k":[1,"two"]}\n');

    // A JSON string stays a string; the written notebook's injected cell is replaced, not doubled.
    const again = run(["--write", "-p", "size", "5", "-p", "label", '"7"', "sizes.ipynb"]);
    expect(again.status).toBe(0);
    const rerun = saved(file);
    expect(rerun.filter((c) => c.metadata.tags?.includes("injected-parameters"))).toHaveLength(1);
    expect(sourceOf(rerun[3])).toBe('// Parameters\nconst size: number = 5;\nlet label = "7";\n');
    expect(stdoutOf(rerun[4])).toBe("number 10 string 7 null\n");
  });

  it("without a parameters cell warns and injects first; a value of the wrong type fails the type check of the injected cell", () => {
    const file = notebook("plain.ipynb", [{ source: "console.log(typeof n, n)" }]);
    const r = run(["--write", "-p", "n", "hello", "plain.ipynb"]);
    expect(r.stderr).toBe("tsloop run: plain.ipynb: warning: no cell is tagged 'parameters': the parameters go into a first cell\n");
    expect(r.status).toBe(0);
    const cells = saved(file);
    expect(cells[0]).toMatchObject({ cell_type: "code", metadata: { tags: ["injected-parameters"] } });
    expect(sourceOf(cells[0])).toBe('// Parameters\nconst n = "hello";\n');
    expect(stdoutOf(cells[2])).toBe("string hello\n");

    notebook("typed.ipynb", [{ source: PARAMETERS, tags: ["parameters"] }]);
    const typed = run(["-p", "size", "big", "typed.ipynb"]);
    expect(typed.status).toBe(1);
    expect(typed.stdout).toContain("error TS2322: Type 'string' is not assignable to type 'number'.");
  });

  it("refuses -p without a name and a value, or with a name no cell can declare", () => {
    for (const args of [["-p", "size"], ["-p"], ["--parameters=size", "3", "x.ipynb"]]) {
      const r = run(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^tsloop run: (-p|--parameters) (needs a name and a value|takes NAME and VALUE as two arguments) \(see tsloop run --help\)\n$/);
    }
    expect(run(["-p", "2x", "3", "x.ipynb"])).toMatchObject({
      status: 2,
      stderr: "tsloop run: -p: '2x' is not a name a cell can declare (see tsloop run --help)\n",
    });
    expect(run(["--help"]).stdout).toContain("-p, --parameters NAME VALUE");
  });
});
