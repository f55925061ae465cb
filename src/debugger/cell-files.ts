// Where the debugger says a cell's code lives: a file named by the hash of the code, as JupyterLab
// computes it from debugInfo's hashSeed, tmpFilePrefix and tmpFileSuffix. Both threads use it: the
// main thread names a cell's script so, the io thread maps breakpoints and frames by it.
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { murmur2 } from "./murmur2";

export const HASH_SEED = 0x7510b5;
export const FILE_PREFIX = join(tmpdir(), `tsloop_${process.pid}`) + sep;
export const FILE_SUFFIX = ".ts";

export function cellFile(code: string): string {
  return `${FILE_PREFIX}${murmur2(code, HASH_SEED)}${FILE_SUFFIX}`;
}
