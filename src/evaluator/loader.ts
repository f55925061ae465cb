// What a cell's `import` becomes: a loader defined here, in the kernel's module scope, because
// code evaluated in REPL mode cannot import (design notes §2). Packages resolve from `baseDir`
// with Node's own ESM rules (exports conditions), so CommonJS and ESM-only packages both load.
import { builtinModules, createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
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

type Resolve = (specifier: string, parent: string) => string;
let esmResolve: Resolve | undefined;
let loading: Promise<Resolve> | undefined;

/** import-meta-resolve is ESM-only, so it loads asynchronously: in the background from start-up. */
function resolver(): Promise<Resolve> {
  loading ??= import("import-meta-resolve").then((m) => (esmResolve = m.resolve));
  return loading;
}

/** `own` maps module names the kernel provides itself (e.g. "tsloop") to their loaded exports;
 * `cellFile` is the file `import.meta` names (the notebook's, when the frontend says which). */
export function createLoader(baseDir: string, own: Record<string, unknown> = {}, cellFile = join(baseDir, "__tsloop_cell__.ts")): CellModules {
  const parent = join(baseDir, "__tsloop_cell__.js");
  const parentUrl = pathToFileURL(parent).href;
  const requireFrom = createRequire(parent);
  void resolver().catch(() => undefined);
  // Resolution runs synchronously in the cell's own call, so a missing module's traceback names
  // the cell's line (an await before it would lose the cell's frame).
  const load: ModuleLoader = (specifier, options) => {
    if (isBuiltin(specifier)) return import(specifier);
    if (Object.hasOwn(own, specifier)) return Promise.resolve(own[specifier]);
    if (!esmResolve) return resolver().then(() => load(specifier, options));
    return import(locate(esmResolve, specifier), options).then(withCommonJsNames, (error: unknown) => {
      locateSyntaxError(error);
      throw error;
    });
  };
  /** Paths by CommonJS rules (extensions and folders probed), a `?query` or `#hash` kept on the
   * URL as Node keeps it (a new query loads a file again); packages by Node's ESM rules (exports
   * conditions), with CommonJS rules as the fallback. */
  const locate = (resolve: Resolve, specifier: string): string => {
    if (isPath(specifier)) return tryEach([() => pathUrl(specifier)], specifier, baseDir);
    return tryEach([() => resolve(specifier, parentUrl), () => fileUrl(specifier)], specifier, baseDir);
  };
  const fileUrl = (specifier: string) => pathToFileURL(requireFrom.resolve(specifier)).href;
  const pathUrl = (specifier: string) => {
    const at = specifier.search(/[?#]/);
    return at < 0 ? fileUrl(specifier) : fileUrl(specifier.slice(0, at)) + specifier.slice(at);
  };
  const requireOwn = (id: string): unknown => (Object.hasOwn(own, id) ? own[id] : requireFrom(id));
  const dynamicImport = (specifier: unknown, options?: ImportCallOptions): Promise<unknown> => {
    try {
      return load(String(specifier), options); // a computed specifier is made a string, as import() does
    } catch (error) {
      return Promise.reject(error);
    }
  };
  const meta: CellImportMeta = {
    url: pathToFileURL(cellFile).href,
    dirname: baseDir,
    filename: cellFile,
    resolve: (specifier) => {
      if (isBuiltin(specifier)) return specifier.startsWith("node:") ? specifier : `node:${specifier}`;
      // A path that names no file still resolves, to the URL it would have, as in Node.
      if (isPath(specifier)) return tryEach([() => pathUrl(specifier), () => new URL(specifier, parentUrl).href], specifier, baseDir);
      return esmResolve ? locate(esmResolve, specifier) : tryEach([() => fileUrl(specifier)], specifier, baseDir);
    },
  };
  return { load, dynamicImport, meta, require: Object.assign(requireOwn, requireFrom) };
}

/** A relative or absolute path ("./a", "../a", "/a", ".", ".."), not a package or a URL. */
function isPath(specifier: string): boolean {
  return /^(\.{1,2}(\/|$)|\/)/.test(specifier);
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith("node:") || builtinModules.includes(specifier);
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

/** The first resolution that succeeds; else the first one's error, worded for the user. */
function tryEach(resolutions: Array<() => string>, specifier: string, baseDir: string): string {
  let first: unknown;
  for (const resolution of resolutions) {
    try {
      return resolution();
    } catch (error) {
      first ??= error;
    }
  }
  throw notFound(first, specifier, baseDir);
}

function notFound(error: unknown, specifier: string, baseDir: string): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") return error;
  const where = isPath(specifier)
    ? `no such file from the notebook's folder (${baseDir})`
    : "not in node_modules of the notebook's folder or any folder above it";
  const named = new Error(`Cannot find module '${specifier}': ${where}`);
  (named as NodeJS.ErrnoException).code = "ERR_MODULE_NOT_FOUND";
  return named;
}
