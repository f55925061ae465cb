// sys.prefix for --sys-prefix: asked from the Python that runs `jupyter` on PATH (its shebang),
// because that is the installation whose `jupyter kernelspec list` should see the kernel.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { CliError } from "./errors";

/** Interpreter command (with args) to ask: $TSLOOP_PYTHON, else jupyter's shebang, else python3. */
export function jupyterPython(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.TSLOOP_PYTHON) return [env.TSLOOP_PYTHON];
  const jupyter = findOnPath("jupyter", env);
  const shebang = jupyter ? readShebang(jupyter) : undefined;
  if (shebang) return shebang;
  return [process.platform === "win32" ? "python" : "python3"];
}

export function pythonSysPrefix(env: NodeJS.ProcessEnv = process.env): string {
  const [cmd, ...args] = jupyterPython(env);
  try {
    const out = execFileSync(cmd, [...args, "-c", "import sys; print(sys.prefix)"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      env,
    });
    const prefix = out.trim();
    if (prefix) return prefix;
  } catch {
    // reported below
  }
  throw new CliError(`tsloop: --sys-prefix: could not ask '${[cmd, ...args].join(" ")}' for sys.prefix`);
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

function readShebang(file: string): string[] | undefined {
  let head: string;
  try {
    const fd = fs.openSync(file, "r");
    const buf = Buffer.alloc(256);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    fs.closeSync(fd);
    head = buf.subarray(0, n).toString("utf8").split("\n")[0];
  } catch {
    return undefined;
  }
  if (!head.startsWith("#!")) return undefined;
  const parts = head.slice(2).trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return undefined;
  // `#!/usr/bin/env python3` → run `python3` (env's own flags such as -S are not supported).
  if (path.basename(parts[0]) !== "env") return parts;
  const interpreter = parts.slice(1).find((p) => !p.startsWith("-"));
  return interpreter ? [interpreter] : undefined;
}
