// Where `install`/`uninstall` put the kernelspec, by jupyter_client's KernelSpecManager rules:
// default = SYSTEM_JUPYTER_PATH[0], --user = jupyter_data_dir(), --sys-prefix / --prefix = <prefix>/share/jupyter.
import * as os from "node:os";
import * as path from "node:path";
import { CliError } from "./errors";
import { pythonSysPrefix } from "./python-prefix";

export type Location = { kind: "system" } | { kind: "user" } | { kind: "sys-prefix" } | { kind: "prefix"; dir: string };

export interface SpecTarget {
  location: Location;
  name: string;
}

/** jupyter_client's kernel name rule (`_kernel_name_pat`). */
const KERNEL_NAME = /^[a-z0-9._-]+$/i;

export function parseTargetArgs(command: string, args: string[]): SpecTarget {
  let location: Location = { kind: "system" };
  let chosen: string | undefined;
  let name = "tsloop";
  const choose = (flag: string, loc: Location): void => {
    if (chosen) throw new CliError(`tsloop ${command}: ${flag} cannot be combined with ${chosen}`);
    chosen = flag;
    location = loc;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? splitOnce(arg) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || v === "") throw new CliError(`tsloop ${command}: ${flag} needs a value`);
      return v;
    };
    if (flag === "--user" && inline === undefined) choose(flag, { kind: "user" });
    else if (flag === "--sys-prefix" && inline === undefined) choose(flag, { kind: "sys-prefix" });
    else if (flag === "--prefix") choose(flag, { kind: "prefix", dir: value() });
    else if (flag === "--name") name = value();
    else throw new CliError(`tsloop ${command}: unexpected argument '${arg}' (see tsloop --help)`);
  }
  if (!KERNEL_NAME.test(name)) {
    throw new CliError(`tsloop ${command}: invalid kernel name '${name}' (use letters, digits, '.', '_', '-')`);
  }
  return { location, name };
}

/** The Jupyter data directory (the one holding `kernels/`) for a location. */
export function dataDir(location: Location, env: NodeJS.ProcessEnv = process.env): string {
  switch (location.kind) {
    case "system":
      return systemDataDir(env);
    case "user":
      return userDataDir(env);
    case "sys-prefix":
      return path.join(pythonSysPrefix(env), "share", "jupyter");
    case "prefix":
      return path.join(path.resolve(location.dir), "share", "jupyter");
  }
}

function systemDataDir(env: NodeJS.ProcessEnv): string {
  if (process.platform !== "win32") return "/usr/local/share/jupyter";
  if (env.PROGRAMDATA) return path.join(env.PROGRAMDATA, "jupyter");
  return path.join(pythonSysPrefix(env), "share", "jupyter");
}

function userDataDir(env: NodeJS.ProcessEnv): string {
  if (env.JUPYTER_DATA_DIR) return path.resolve(env.JUPYTER_DATA_DIR);
  const home = os.homedir();
  if (process.platform === "darwin") return path.join(home, "Library", "Jupyter");
  if (process.platform === "win32") {
    return env.APPDATA ? path.join(env.APPDATA, "jupyter") : path.join(home, ".jupyter", "data");
  }
  return path.join(env.XDG_DATA_HOME || path.join(home, ".local", "share"), "jupyter");
}

function splitOnce(arg: string): [string, string] {
  const at = arg.indexOf("=");
  return [arg.slice(0, at), arg.slice(at + 1)];
}
