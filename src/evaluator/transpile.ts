// TypeScript cell → JavaScript that V8's REPL mode runs as a script: oxc parses the cell (syntax
// errors, the result statement, the spans scriptify rewrites module syntax by), then esbuild
// erases types and lowers what Node lacks (decorators, `using`) in its own service process.
import type * as Esbuild from "esbuild";
import type { CellDiagnostic } from "../diagnostic";
import { parseCell, Program } from "../syntax/parse";
import { scriptify } from "./scriptify";
import { lineTable } from "./source-map";
import { esbuildDiagnostics, parserDiagnostics } from "./syntax-errors";

export type { CellDiagnostic } from "../diagnostic";

export interface TranspiledCell {
  js: string;
  /** generated line → cell line, 0-based */
  lines: number[];
  /** The last statement is an expression, so its value is the cell's result. */
  hasResult: boolean;
  /** Every top-level statement is an expression: the cell declares no name (nothing for the
   * type checker to record). */
  onlyExpressions: boolean;
  diagnostics: CellDiagnostic[];
}

const OPTIONS: Esbuild.TransformOptions = {
  loader: "ts",
  target: "es2022", // Node 20: lowers standard decorators and `using`, keeps the rest as written
  // esbuild renames a nested name that shadows an outer one (`const f = wrap(function f() {})`
  // gets `function f2`): keepNames gives such functions and classes their own name back.
  keepNames: true,
  sourcemap: "external",
  sourcesContent: false,
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, verbatimModuleSyntax: true, experimentalDecorators: false } },
};

let esbuild: typeof Esbuild | undefined;

/** esbuild's JS API (~30 ms to load), required on first use so start-up never waits for it. */
export function loadEsbuild(): typeof Esbuild {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  esbuild ??= require("esbuild") as typeof Esbuild;
  return esbuild;
}

export async function transpileCell(code: string): Promise<TranspiledCell> {
  const { program, errors } = parseCell(code);
  const shape = resultShape(program);
  if (errors.length > 0) return failed(shape, parserDiagnostics(code, errors));
  let output: Esbuild.TransformResult;
  try {
    output = await loadEsbuild().transform(scriptify(code, program), OPTIONS);
  } catch (error) {
    const messages = (error as Esbuild.TransformFailure).errors;
    if (!Array.isArray(messages)) throw error;
    return failed(shape, esbuildDiagnostics(messages));
  }
  const map = JSON.parse(output.map) as { mappings: string };
  return { js: output.code, lines: lineTable(map.mappings), ...shape, diagnostics: [] };
}

/** Stops esbuild's service process (a later transform would start it again). */
export async function stopEsbuild(): Promise<void> {
  await esbuild?.stop();
}

function resultShape(program: Program): Pick<TranspiledCell, "hasResult" | "onlyExpressions"> {
  const last = program.body[program.body.length - 1];
  return {
    hasResult: last?.type === "ExpressionStatement",
    onlyExpressions: program.body.every((s) => s.type === "ExpressionStatement" || s.type === "EmptyStatement"),
  };
}

function failed(shape: Pick<TranspiledCell, "hasResult" | "onlyExpressions">, diagnostics: CellDiagnostic[]): TranspiledCell {
  return { js: "", lines: [], ...shape, diagnostics };
}
