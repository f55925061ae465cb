// What a cell's `import` becomes: a loader defined here, in the kernel's module scope, because
// code evaluated in REPL mode cannot import (design notes §2). Packages resolve from `baseDir`.
import { builtinModules, createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export type ModuleLoader = (specifier: string) => Promise<unknown>;

export function createLoader(baseDir: string): { load: ModuleLoader; require: NodeJS.Require } {
  const requireFrom = createRequire(join(baseDir, "__tsloop_cell__.js"));
  const load: ModuleLoader = async (specifier) => {
    if (specifier.startsWith("node:") || builtinModules.includes(specifier)) return import(specifier);
    let resolved: string;
    try {
      resolved = requireFrom.resolve(specifier);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
      const notFound = new Error(`Cannot find module '${specifier}' (looked in node_modules from ${baseDir} upwards)`);
      (notFound as NodeJS.ErrnoException).code = "ERR_MODULE_NOT_FOUND";
      throw notFound;
    }
    return import(pathToFileURL(resolved).href);
  };
  return { load, require: requireFrom };
}
