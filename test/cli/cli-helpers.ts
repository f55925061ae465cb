// Runs the built CLI (`node kernel/tsloop.js ...`) and the system Jupyter as child processes.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const LAUNCHER = path.join(ROOT, "kernel", "tsloop.js");
export const PYTHON = "/usr/bin/python3";

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function tsloop(args: string[], env: NodeJS.ProcessEnv = {}): Ran {
  if (!fs.existsSync(path.join(ROOT, "dist", "src", "cli", "main.js"))) {
    throw new Error("dist/ is missing: run `npm run build` (npm test does it first)");
  }
  const r = spawnSync(process.execPath, [LAUNCHER, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The kernelspecs of `jupyter kernelspec list --json`, by name. */
export type Kernelspecs = Record<string, { resource_dir: string; spec: { argv: string[] } }>;

/** `jupyter kernelspec list --json` (through the module: Debian ships the `jupyter-kernelspec` script separately). */
export function kernelspecList(env: NodeJS.ProcessEnv): Kernelspecs {
  const r = spawnSync(PYTHON, ["-m", "jupyter_client.kernelspecapp", "list", "--json"], {
    env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  if (r.status !== 0) throw new Error(`kernelspec list failed (${r.status}): ${r.stderr}`);
  return (JSON.parse(r.stdout) as { kernelspecs: Kernelspecs }).kernelspecs;
}
