// What a cell's `import` becomes: a loader defined here, in the kernel's module scope, because
// code evaluated in REPL mode cannot import (design notes §2). Specifiers resolve from `baseDir`
// (resolve.ts says how), so CommonJS and ESM-only packages both load.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createResolver, isBuiltin } from "./resolve";
import { locateSyntaxError } from "./syntax-location";

export type ModuleLoader = (specifier: string, options?: ImportCallOptions) => Promise<unknown>;

/** What `import.meta` is in a cell: the notebook's folder, and a file in it for the cell. */
export interface CellImportMeta {
  url: string;
  dirname: string;
  filename: string;
  resolve(specifier: string): string;
}

export interface CellModules {
  /** What a static `import` becomes (awaited; throws at once for a missing module). */
  load: ModuleLoader;
  /** `import(specifier, options)`: resolves as a static import does; never throws, rejects. */
  dynamicImport: (specifier: unknown, options?: ImportCallOptions) => Promise<unknown>;
  meta: CellImportMeta;
  require: NodeJS.Require;
}

/** `own` maps module names the kernel provides itself (e.g. "tsloop") to their loaded exports;
 * `cellFile` is the file `import.meta` names (the notebook's, when the frontend says which). */
export function createLoader(baseDir: string, own: Record<string, unknown> = {}, cellFile = join(baseDir, "__tsloop_cell__.ts")): CellModules {
  const resolver = createResolver(baseDir);
  // Resolution runs synchronously in the cell's own call, so a missing module's traceback names
  // the cell's line (an await before it would lose the cell's frame).
  const load: ModuleLoader = (specifier, options) => {
    if (isBuiltin(specifier)) return import(specifier);
    if (Object.hasOwn(own, specifier)) return Promise.resolve(own[specifier]);
    const waiting = resolver.ready();
    if (waiting) return waiting.then(() => load(specifier, options));
    return import(resolver.locate(specifier), options).then(withCommonJsNames, (error: unknown) => {
      locateSyntaxError(error);
      throw error;
    });
  };
  const requireOwn = (id: string): unknown => (Object.hasOwn(own, id) ? own[id] : resolver.requireFrom(id));
  const dynamicImport = (specifier: unknown, options?: ImportCallOptions): Promise<unknown> => {
    try {
      return load(String(specifier), options); // a computed specifier is made a string, as import() does
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const meta: CellImportMeta = { url: pathToFileURL(cellFile).href, dirname: baseDir, filename: cellFile, resolve: resolver.resolve };
  return { load, dynamicImport, meta, require: Object.assign(requireOwn, resolver.requireFrom) };
}

/** A CommonJS module's exports that Node's static analysis missed (`module.exports = { f: ... }`)
 * become named bindings too, as they are for a `.ts` file that tsc compiles to CommonJS. */
function withCommonJsNames(namespace: Record<string, unknown>): Record<string, unknown> {
  const exported = namespace.default;
  if (exported === null || (typeof exported !== "object" && typeof exported !== "function")) return namespace;
  const missing = Object.keys(exported).filter((key) => !(key in namespace));
  if (missing.length === 0) return namespace;
  const merged: Record<string, unknown> = { ...namespace };
  for (const key of missing) merged[key] = (exported as Record<string, unknown>)[key];
  return merged;
}
