// The kernelspec tsloop installs: kernel.json (template from the checkout, argv made absolute)
// plus the logos from kernel/, exactly the files `jupyter kernelspec install` would copy.
import * as fs from "node:fs";
import * as path from "node:path";
import { CliError } from "./errors";
import { packageRoot } from "./package-root";

export const LOGOS = ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"] as const;

/** kernel.json for this checkout: runs this node binary, with the template's node flags, on this
 * checkout's launcher. */
export function kernelJson(root: string = packageRoot()): Record<string, unknown> {
  const template = JSON.parse(fs.readFileSync(path.join(root, "kernel.json"), "utf8")) as { argv?: unknown[] } & Record<string, unknown>;
  const launcher = path.resolve(root, "kernel", "tsloop.js");
  const nodeFlags = (template.argv ?? []).filter((arg): arg is string => typeof arg === "string" && arg.startsWith("--"));
  return { ...template, argv: [path.resolve(process.execPath), ...nodeFlags, launcher, "kernel", "{connection_file}"] };
}

/** File name in the kernelspec directory → contents. */
export function specFiles(root: string = packageRoot()): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const required of [path.join(root, "kernel", "tsloop.js"), ...LOGOS.map((l) => path.join(root, "kernel", l))]) {
    if (!fs.existsSync(required)) throw new CliError(`tsloop install: ${required} is missing from this checkout`, 1);
  }
  files.set("kernel.json", Buffer.from(JSON.stringify(kernelJson(root), null, 2) + "\n"));
  for (const logo of LOGOS) files.set(logo, fs.readFileSync(path.join(root, "kernel", logo)));
  return files;
}

/** True when kernel.json in `dir` runs tsloop (so uninstall never deletes another kernel). */
export function isTsloopSpec(dir: string): boolean {
  try {
    const spec = JSON.parse(fs.readFileSync(path.join(dir, "kernel.json"), "utf8")) as { argv?: unknown };
    return Array.isArray(spec.argv) && spec.argv.some((a) => typeof a === "string" && /(^|[\\/])tsloop(\.js)?$/.test(a));
  } catch {
    return false;
  }
}
