// The lesson notebooks executed by Debian's nbclient (`python3 -m nbconvert --execute`) against
// the installed kernelspec, as CI systems and papermill do; mirrored cells match cells.json.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Envelope } from "../../src/protocol/message";
import { ROOT } from "../support/kernel";
import { checkExecuted, lessonNotebooks, mirroredCells } from "./lesson-cells";

type Output = { output_type: string; name?: string; text?: string | string[]; ename?: string; evalue?: string };
type Cell = { cell_type: string; metadata: { tsloop?: { mirrors?: string }; execution?: Record<string, string> }; outputs?: Output[] };

let dir: string;
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

/** nbformat outputs as the iopub messages the check reads. */
function asMessages(outputs: Output[]): Envelope[] {
  return outputs.map((o) => ({
    header: { msg_type: o.output_type === "stream" ? "stream" : o.output_type },
    content: { name: o.name, text: Array.isArray(o.text) ? o.text.join("") : o.text, ename: o.ename, evalue: o.evalue },
  }) as unknown as Envelope);
}

it("nbconvert --execute runs every lesson notebook with the tsloop kernelspec", () => {
  expect(lessonNotebooks().map((f) => basename(f))).toHaveLength(9);
  dir = mkdtempSync(join(tmpdir(), "tsloop-nbclient-"));
  const install = spawnSync(process.execPath, ["kernel/tsloop.js", "install", "--prefix", dir], { cwd: ROOT, encoding: "utf8" });
  expect(install.status).toBe(0);
  const out = join(dir, "out");
  const env = { ...process.env, JUPYTER_PATH: join(dir, "share", "jupyter"), JUPYTER_DATA_DIR: join(dir, "data"), JUPYTER_RUNTIME_DIR: join(dir, "runtime") };
  const run = spawnSync("/usr/bin/python3", ["-m", "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
    "--ExecutePreprocessor.kernel_name=tsloop", "--ExecutePreprocessor.timeout=120", "--output-dir", out, ...lessonNotebooks()],
  { cwd: ROOT, env, encoding: "utf8", timeout: 280000 });
  expect({ status: run.status, stderr: run.status === 0 ? "" : run.stderr.slice(-3000) }).toEqual({ status: 0, stderr: "" });

  const byId = new Map(mirroredCells().map((c) => [c.id, c]));
  const problems: string[] = [];
  let checked = 0;
  for (const notebook of lessonNotebooks()) {
    const executed = JSON.parse(readFileSync(join(out, basename(notebook)), "utf8")) as { cells: Cell[]; metadata: { kernelspec?: { name: string } } };
    expect(executed.metadata.kernelspec?.name).toBe("tsloop");
    for (const cell of executed.cells) {
      const id = cell.metadata.tsloop?.mirrors;
      if (cell.cell_type !== "code" || !id) continue;
      const timing = cell.metadata.execution ?? {};
      const wall = (Date.parse(timing["shell.execute_reply"]) - Date.parse(timing["iopub.execute_input"])) / 1000;
      const failures = checkExecuted(byId.get(id)!, asMessages(cell.outputs ?? []), wall);
      failures.forEach((f) => problems.push(`${id}: ${f.rule}: ${f.message}`));
      checked++;
    }
  }
  expect(problems).toEqual([]);
  expect(checked).toBe(20);
}, 300000);
