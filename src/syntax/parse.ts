// The one parser of cell text (oxc's, native): the transpiler rewrites module syntax by its spans,
// the checker reads a cell's top-level declarations from it, is_complete reads its errors.
import { parseSync } from "oxc-parser";
import type { Program } from "oxc-parser";

export type { BindingPattern, Declaration, Program, Statement } from "oxc-parser";

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

/** Parses a cell as a TypeScript module (top-level await and import/export allowed). */
export function parseCell(code: string): ParsedCell {
  const result = parseSync("cell.ts", code, { lang: "ts", sourceType: "module", range: false });
  const errors = result.errors.map((e) => {
    const label = e.labels[0];
    return { message: e.message, start: label?.start ?? code.length, end: label?.end ?? code.length };
  });
  return { program: result.program, errors };
}
