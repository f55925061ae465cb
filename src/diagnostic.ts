// A diagnostic positioned in a cell's own text: what the transpiler (syntax) and the checker
// (types) report, and what the error reports point at with a caret. A leaf module beside
// log.ts, so evaluator/ and language/, siblings that may not import each other, can both use it.

export interface CellDiagnostic {
  line: number; // 0-based
  column: number; // 0-based
  /** The checker's TS error code; 0 for a syntax error (the parser and esbuild number none). */
  code: number;
  message: string;
}

export function cellDiagnostic(line: number, column: number, code: number, message: string): CellDiagnostic {
  return { line, column, code, message };
}

/** The shapes of TypeScript's API that toCellDiagnostic reads, so this leaf loads no compiler. */
interface DiagnosticApi {
  flattenDiagnosticMessageText(messageText: never, newLine: string): string;
}
interface CompilerDiagnostic {
  file?: { getLineAndCharacterOfPosition(position: number): { line: number; character: number } };
  start?: number;
  code: number;
  messageText: unknown;
}

/** A TypeScript compiler diagnostic as a CellDiagnostic (for the classic checker). */
export function toCellDiagnostic(ts: DiagnosticApi, d: CompilerDiagnostic): CellDiagnostic {
  const position = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
  return cellDiagnostic(position.line, position.character, d.code, ts.flattenDiagnosticMessageText(d.messageText as never, "\n"));
}
