// How strictly a cell is type-checked: the kernel-wide TSLOOP_TYPECHECK setting, overridden for
// one cell by a first-line directive `// @tsloop-check off|warn|error`.
export type CheckMode = "off" | "warn" | "error";

const MODES: readonly string[] = ["off", "warn", "error"];
const DIRECTIVE = /^\s*\/\/\s*@tsloop-check\s+(\w+)/;

/** The kernel's default from TSLOOP_TYPECHECK (unset or unknown: "error"). */
export function kernelCheckMode(env: NodeJS.ProcessEnv = process.env): CheckMode {
  const value = (env.TSLOOP_TYPECHECK ?? "").trim().toLowerCase();
  return MODES.includes(value) ? (value as CheckMode) : "error";
}

/** The mode for one cell: its directive on the first line when it has one, else the kernel's. */
export function cellCheckMode(code: string, kernelMode: CheckMode): CheckMode {
  const value = DIRECTIVE.exec(code.split("\n", 1)[0])?.[1]?.toLowerCase();
  return value && MODES.includes(value) ? (value as CheckMode) : kernelMode;
}
