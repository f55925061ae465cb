// The globals the rewritten cell uses: the static imports' loader, `import(specifier, options)`
// and the `import.meta` of a cell (kernel/globals.ts installs them), and the identity its result
// expression goes through (the Runner installs it).
export const LOADER = "__tsloop_import";
export const DYNAMIC_IMPORT = "__tsloop_dynamic_import";
export const IMPORT_META = "__tsloop_import_meta";
export const CELL_RESULT = "__tsloop_result";
