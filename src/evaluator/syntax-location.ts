// Where a module that failed to parse went wrong. V8 keeps a SyntaxError's file, line and caret
// hidden on the error; Node writes them at the head of its stack when it prints an uncaught error
// and when `require` fails, but not when an ES module's import rejects. Its own function for that
// is internal, and resolves only under --expose-internals, which the kernelspec passes; without
// the flag the error stays as Node gives it.

type Decorate = (error: unknown) => void;
/** Node's internal helpers; it resolves only under --expose-internals. */
const NODE_INTERNAL_UTIL = "internal/util";
let decorate: Decorate | null | undefined;

/** Writes the file, line and caret at the head of a SyntaxError's stack, as Node prints it. */
export function locateSyntaxError(error: unknown): void {
  if ((error as { name?: unknown } | null)?.name !== "SyntaxError") return;
  decorate ??= nodeDecorate();
  decorate?.(error);
}

function nodeDecorate(): Decorate | null {
  if (!process.execArgv.includes("--expose-internals")) return null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module, there only with the flag
    const util = require(NODE_INTERNAL_UTIL) as { decorateErrorStack?: Decorate };
    return typeof util.decorateErrorStack === "function" ? util.decorateErrorStack : null;
  } catch {
    return null;
  }
}

/** The location at the head of a stack (`file:///…/a.mjs:3` or `/…/a.cjs:3`, the source line, the
 * caret under it), as Node writes it; undefined when the stack starts with the error's name. */
export function sourceArrow(stack: string): { file: string; line: number; source: string; caret: string } | undefined {
  const match = /^(\S.*):(\d+)\n(.*)\n( *\^+) *\n/.exec(stack);
  if (!match) return undefined;
  return { file: match[1], line: Number(match[2]), source: match[3], caret: match[4] };
}

/** Whether an error's stack starts with the file and line it is about (a module's SyntaxError). */
export function namesItsSource(error: unknown): boolean {
  const stack = (error as { stack?: unknown } | null)?.stack;
  return typeof stack === "string" && sourceArrow(stack) !== undefined;
}
