// The one parser of cell text (oxc's, native): the transpiler rewrites module syntax by its spans,
// the checker reads a cell's top-level declarations from it, is_complete reads its errors.
import type { parseSync, Program } from "oxc-parser" with { "resolution-mode": "import" };

export type { BindingPattern, Declaration, Node, Program, Statement } from "oxc-parser" with { "resolution-mode": "import" };
/** The node types, for code that reads a parsed cell (`Ast.ImportDeclaration`, …). */
export type * as Ast from "oxc-parser" with { "resolution-mode": "import" };

/** What the kernel uses of oxc-parser (an ESM package: types only here, the module is required). */
type Oxc = { parseSync: typeof parseSync };

/** A syntax error at an offset of the cell's text (UTF-16, as JavaScript strings index). */
export interface SyntaxProblem {
  message: string;
  start: number;
  end: number;
}

export interface ParsedCell {
  program: Program;
  errors: SyntaxProblem[];
}

let oxc: Oxc | undefined;

/** Loads the parser (~30 ms, synchronous: oxc-parser is ESM, which Node ≥ 20.19 can require).
 * Loaded on first use, or earlier through this, so the kernel's start-up never waits for it. */
export function loadParser(): Oxc {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  oxc ??= require("oxc-parser") as Oxc;
  return oxc;
}

/** Parses a cell as a TypeScript module (top-level await and import/export allowed). */
export function parseCell(code: string): ParsedCell {
  const result = loadParser().parseSync("cell.ts", code, { lang: "ts", sourceType: "module", range: false });
  const errors = result.errors.map((e) => {
    const label = e.labels[0];
    return { message: e.message, start: label?.start ?? code.length, end: label?.end ?? code.length };
  });
  return { program: result.program, errors };
}
