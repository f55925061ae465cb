// The globals the rewritten module syntax of a cell uses (kernel/globals.ts installs them): the
// static imports' loader, `import(specifier, options)`, and the `import.meta` of a cell.
export const LOADER = "__tsloop_import";
export const DYNAMIC_IMPORT = "__tsloop_dynamic_import";
export const IMPORT_META = "__tsloop_import_meta";
