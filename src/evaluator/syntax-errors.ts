// Syntax errors of a cell as diagnostics on its own line and column: the parser's (oxc, by
// offset), else esbuild's (by line). Neither numbers its errors, so the code is 0.
import type { Message } from "esbuild";
import { cellDiagnostic, CellDiagnostic } from "../diagnostic";
import type { SyntaxProblem } from "../syntax/parse";
import { positionAt } from "../syntax/position";

export function parserDiagnostics(code: string, problems: SyntaxProblem[]): CellDiagnostic[] {
  return problems.map((problem) => {
    const { line, column } = positionAt(code, problem.start);
    return cellDiagnostic(line, column, 0, worded(code, problem));
  });
}

/** oxc says only "Unexpected token": name the token, or say the cell ended too soon. */
function worded(code: string, problem: SyntaxProblem): string {
  if (problem.message !== "Unexpected token") return problem.message;
  const token = code.slice(problem.start, problem.end);
  return problem.start >= code.trimEnd().length || token.trim() === "" ? "Unexpected end of input" : `Unexpected token \`${token}\``;
}

/** esbuild's errors (a failed transform); its columns count UTF-8 bytes of the line. */
export function esbuildDiagnostics(errors: Message[]): CellDiagnostic[] {
  return errors.map((error) => {
    const at = error.location;
    if (!at) return cellDiagnostic(0, 0, 0, error.text);
    const column = Buffer.from(at.lineText).subarray(0, at.column).toString().length;
    return cellDiagnostic(at.line - 1, column, 0, error.text);
  });
}
