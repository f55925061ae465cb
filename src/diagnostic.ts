// A TypeScript diagnostic positioned in a cell's own text: what the transpiler (syntax) and the
// checker (types) report, and what the error reports point at with a caret. A leaf module beside
// log.ts, so evaluator/ and language/, siblings that may not import each other, can both use it.
import type * as TS from "typescript";

export interface CellDiagnostic {
  line: number; // 0-based
  column: number; // 0-based
  code: number;
  message: string;
}

export function toCellDiagnostic(ts: typeof TS, d: TS.Diagnostic): CellDiagnostic {
  const position = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
  return { line: position.line, column: position.character, code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, "\n") };
}
