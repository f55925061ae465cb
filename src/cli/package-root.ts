// Finds this checkout (tsloop's package.json next to kernel/tsloop.js) from the running file, so the
// CLI works from dist/src/cli (built) and src/cli (ts-jest); tsc's copy in dist/package.json is skipped.
import * as fs from "node:fs";
import * as path from "node:path";

let cached: string | undefined;

export function packageRoot(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    const launcher = path.join(dir, "kernel", "tsloop.js");
    if (fs.existsSync(manifest) && fs.existsSync(launcher) && readJson(manifest).name === "tsloop") return (cached = dir);
    if (path.dirname(dir) === dir) throw new Error(`tsloop's package.json not found above ${__dirname}`);
  }
}

export function packageVersion(): string {
  return String(readJson(path.join(packageRoot(), "package.json")).version);
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
}
