// Where a cell's module specifier points, from the notebook's folder: a builtin is Node's; a path
// goes by CommonJS's rules (extensions and folders probed), its `?query` or `#hash` kept on the
// URL as Node keeps it (a new query loads a file again); a package goes by Node's ESM rules
// (`exports` and `imports` conditions), with CommonJS's rules as the fallback.
import { builtinModules, createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

type EsmResolve = (specifier: string, parent: string) => string;
let esmResolve: EsmResolve | undefined;
let loading: Promise<EsmResolve> | undefined;

/** import-meta-resolve is ESM-only, so it loads asynchronously: in the background from start-up. */
function loadEsmResolve(): Promise<EsmResolve> {
  loading ??= import("import-meta-resolve").then((m) => (esmResolve = m.resolve));
  return loading;
}

export interface CellResolver {
  /** Resolves once `locate` can follow Node's ESM rules (it loads in the background). */
  ready: () => Promise<void> | undefined;
  /** The URL an import of `specifier` loads; throws an error naming it when there is none. */
  locate: (specifier: string) => string;
  /** `import.meta.resolve`: as `locate`, but a path that names no file gives the URL it would
   * have, as in Node. */
  resolve: (specifier: string) => string;
  /** CommonJS's `require`, from the notebook's folder. */
  requireFrom: NodeJS.Require;
}

export function createResolver(baseDir: string): CellResolver {
  const parent = join(baseDir, "__tsloop_cell__.js");
  const parentUrl = pathToFileURL(parent).href;
  const requireFrom = createRequire(parent);
  void loadEsmResolve().catch(() => undefined);
  const fileUrl = (specifier: string) => pathToFileURL(requireFrom.resolve(specifier)).href;
  const pathUrl = (specifier: string) => {
    const at = specifier.search(/[?#]/);
    return at < 0 ? fileUrl(specifier) : fileUrl(specifier.slice(0, at)) + specifier.slice(at);
  };
  const packageUrl = (specifier: string) => (esmResolve ? esmResolve(specifier, parentUrl) : fileUrl(specifier));
  const locate = (specifier: string) => {
    if (isBuiltin(specifier)) return specifier.startsWith("node:") ? specifier : `node:${specifier}`;
    if (isPath(specifier)) return tryEach([() => pathUrl(specifier)], specifier, baseDir);
    return tryEach([() => packageUrl(specifier), () => fileUrl(specifier)], specifier, baseDir);
  };
  return {
    ready: () => (esmResolve ? undefined : loadEsmResolve().then(() => undefined)),
    locate,
    resolve: (specifier) =>
      isPath(specifier) ? tryEach([() => pathUrl(specifier), () => new URL(specifier, parentUrl).href], specifier, baseDir) : locate(specifier),
    requireFrom,
  };
}

/** A relative or absolute path ("./a", "../a", "/a", ".", ".."), not a package or a URL. */
function isPath(specifier: string): boolean {
  return /^(\.{1,2}(\/|$)|\/)/.test(specifier);
}

export function isBuiltin(specifier: string): boolean {
  return specifier.startsWith("node:") || builtinModules.includes(specifier);
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
