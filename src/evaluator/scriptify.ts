// Module syntax → script syntax for V8's REPL mode, as edits of the cell's own text by the
// parser's spans: imports become loader calls, `export` goes (an exported expression stays as
// an expression statement), `import(…)` and `import.meta` anywhere become the kernel's globals,
// and the cell's result expression is passed through an identity call.
import type { Ast, Program } from "../syntax/parse";
import { walk } from "../syntax/walk";
import { importAsBindings, requireBinding } from "./imports";
import { CELL_RESULT, DYNAMIC_IMPORT, IMPORT_META } from "./module-globals";
import { applyEdits, replace, TextEdit } from "./text-edits";

export function scriptify(code: string, program: Program): string {
  // The result's edits come first: applyEdits keeps the order of edits at one position.
  const edits = [...resultEdits(program), ...program.body.flatMap((statement) => statementEdits(code, statement))];
  if (code.includes("import")) edits.push(...moduleExpressionEdits(program));
  return edits.length === 0 ? code : applyEdits(code, edits);
}

function statementEdits(code: string, statement: Ast.Statement | Ast.Directive | Ast.ModuleDeclaration): TextEdit[] {
  const whole = (text: string) => [replace(statement.start, statement.end, text)];
  switch (statement.type) {
    case "ImportDeclaration":
      return whole(importAsBindings(code, statement));
    case "TSImportEqualsDeclaration":
      return statement.moduleReference.type === "TSExternalModuleReference" ? whole(requireBinding(code, statement)) : [];
    case "ExportNamedDeclaration":
      return statement.declaration ? [replace(statement.start, statement.declaration.start, "")] : whole("");
    case "ExportAllDeclaration":
    case "TSNamespaceExportDeclaration":
      return whole("");
    case "ExportDefaultDeclaration":
      return exportDefault(statement);
    case "TSExportAssignment":
      return asExpression(statement.start, statement.expression);
    default:
      return [];
  }
}

/** esbuild drops an expression statement it folds to a constant (`-1`, `!0`, `"ts" + "loop"`),
 * and the cell would lose its result: a call keeps it. A directive (`"use strict"`) stays one. */
function resultEdits(program: Program): TextEdit[] {
  const last = program.body[program.body.length - 1];
  if (last?.type !== "ExpressionStatement" || last.directive) return [];
  const { start, end } = last.expression;
  return [replace(start, start, `${CELL_RESULT}((`), replace(end, end, "))")];
}

/** A named function or class stays a declaration; anything else is the value of an expression. */
function exportDefault(statement: Ast.ExportDefaultDeclaration): TextEdit[] {
  const declaration = statement.declaration;
  const named = (declaration.type === "FunctionDeclaration" || declaration.type === "ClassDeclaration") && declaration.id !== null;
  if (named || declaration.type === "TSInterfaceDeclaration") return [replace(statement.start, declaration.start, "")];
  return asExpression(statement.start, declaration);
}

/** `export default {a: 1}` → `({a: 1})`: parenthesised, so an object is not read as a block. */
function asExpression(start: number, expression: { start: number; end: number }): TextEdit[] {
  return [replace(start, expression.start, "("), replace(expression.end, expression.end, ")")];
}

function moduleExpressionEdits(program: Program): TextEdit[] {
  const edits: TextEdit[] = [];
  walk(program, (node) => {
    if (node.type === "ImportExpression") edits.push(replace(node.start, node.start + "import".length, DYNAMIC_IMPORT));
    else if (node.type === "MetaProperty" && node.meta.name === "import") edits.push(replace(node.start, node.end, IMPORT_META));
  });
  return edits;
}
