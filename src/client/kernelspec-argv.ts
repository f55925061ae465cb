// The argv a client starts a kernel with, from a kernelspec's kernel.json (as Jupyter does, with
// "node" meaning this Node and relative script paths made absolute).
import * as fs from "node:fs";
import * as path from "node:path";

/** The kernelspec argv of kernel.json under `root`: "node" → this Node, the script made absolute. */
export function kernelArgv(root: string): string[] {
  const file = path.join(root, "kernel.json");
  const spec = JSON.parse(fs.readFileSync(file, "utf8")) as { argv?: unknown };
  if (!Array.isArray(spec.argv) || spec.argv.length === 0 || !spec.argv.every((a) => typeof a === "string")) {
    throw new Error(`${file}: 'argv' must be a non-empty list of strings`);
  }
  return spec.argv.map((arg, i) => {
    if (i === 0) return arg === "node" ? process.execPath : arg;
    const looksLikePath = arg.includes("/") || /\.[cm]?js$/.test(arg);
    return looksLikePath && !path.isAbsolute(arg) && fs.existsSync(path.join(root, arg)) ? path.join(root, arg) : arg;
  });
}
