// `tsloop install` / `tsloop uninstall`: write or remove <data dir>/kernels/<name>/ all at once
// (staged in a sibling temp dir, then renamed), so a failure leaves nothing half-written.
import * as fs from "node:fs";
import * as path from "node:path";
import { CliError } from "./errors";
import { isTsloopSpec, specFiles } from "./kernelspec";
import { dataDir, parseTargetArgs } from "./locations";

export function install(args: string[]): void {
  const { location, name } = parseTargetArgs("install", args);
  const files = specFiles();
  const kernels = path.join(dataDir(location), "kernels");
  const dest = path.join(kernels, name);
  const fail = (err: unknown): never => {
    const hint = location.kind === "system" && isPermission(err) ? " (try --user)" : "";
    throw new CliError(`tsloop install: cannot write ${dest}: ${reason(err)}${hint}`, 2);
  };

  let created: string | undefined;
  let staging: string | undefined;
  let backup: string | undefined;
  try {
    created = fs.mkdirSync(kernels, { recursive: true });
    staging = fs.mkdtempSync(path.join(kernels, `.${name}-install-`));
    for (const [file, data] of files) fs.writeFileSync(path.join(staging, file), data);
    if (fs.existsSync(dest)) {
      backup = `${staging}-old`;
      fs.renameSync(dest, backup);
    }
    fs.renameSync(staging, dest);
    staging = undefined;
  } catch (err) {
    if (staging) fs.rmSync(staging, { recursive: true, force: true });
    if (backup && !fs.existsSync(dest)) tryQuietly(() => fs.renameSync(backup!, dest));
    else if (created) tryQuietly(() => fs.rmSync(created!, { recursive: true, force: true }));
    return fail(err);
  }
  if (backup) fs.rmSync(backup, { recursive: true, force: true });
  console.log(`Installed kernelspec ${name} in ${dest}`);
}

export function uninstall(args: string[]): void {
  const { location, name } = parseTargetArgs("uninstall", args);
  const dest = path.join(dataDir(location), "kernels", name);
  if (!fs.existsSync(dest)) throw new CliError(`tsloop uninstall: no kernelspec '${name}' at ${dest}`, 1);
  if (!isTsloopSpec(dest)) {
    throw new CliError(`tsloop uninstall: ${dest} is not a tsloop kernelspec; not removing it`, 1);
  }
  try {
    fs.rmSync(dest, { recursive: true });
  } catch (err) {
    throw new CliError(`tsloop uninstall: cannot remove ${dest}: ${reason(err)}`, 1);
  }
  console.log(`Removed kernelspec ${name} from ${dest}`);
}

function isPermission(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === "EACCES" || code === "EPERM";
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    EACCES: "permission denied",
    EPERM: "operation not permitted",
    ENOTDIR: "a component of the path is not a directory",
    EEXIST: "a component of the path is a file",
    EROFS: "read-only file system",
    ENOSPC: "no space left on device",
  };
  return (e.code && known[e.code]) || String(e.message ?? err).split("\n")[0];
}

function tryQuietly(fn: () => void): void {
  try {
    fn();
  } catch {
    // best effort while undoing a failed install
  }
}
