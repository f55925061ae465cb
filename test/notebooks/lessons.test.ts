// The main job on the lesson notebooks: `tsloop run --check` re-runs all of them through the
// kernel and every mirrored cell matches cells.json (timing included).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../support/kernel";
import { mirroredCells } from "./lesson-cells";

it("mirrors every cells.json entry exactly once", () => {
  const ids = mirroredCells().map((c) => c.id);
  const expected = (JSON.parse(readFileSync(join(ROOT, "notebooks", "cells.json"), "utf8")) as { id: string }[]).map((e) => e.id);
  expect([...ids].sort()).toEqual([...expected].sort());
  expect(new Set(ids).size).toBe(ids.length);
});

it("tsloop run --check reports all lesson cells matching", () => {
  const run = spawnSync(process.execPath, ["kernel/tsloop.js", "run", "--check", "-q"], { cwd: ROOT, encoding: "utf8", timeout: 240000 });
  if (run.status !== 0) console.log(run.stdout, run.stderr);
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/9 notebooks, \d+ cells, 0 mismatches, 20 of 20 mirrored lesson cells matching/);
}, 250000);
