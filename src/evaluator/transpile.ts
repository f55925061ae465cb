// TypeScript cell → JavaScript that V8's REPL mode runs as a script: types erased, imports turned
// into awaited loader calls (a REPL evaluation cannot import), `import()` and `import.meta` into
// the kernel's own (a script has neither), `export` dropped, lines mapped.
import type * as TS from "typescript";
import { CellDiagnostic, toCellDiagnostic } from "../diagnostic";
import { lineTable } from "./source-map";

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

/** The globals the rewritten imports use (kernel/globals.ts installs them): the static imports'
 * loader, `import(specifier, options)`, and the `import.meta` of a cell. */
export const LOADER = "__tsloop_import";
export const DYNAMIC_IMPORT = "__tsloop_dynamic_import";
export const IMPORT_META = "__tsloop_import_meta";

export function transpileCell(ts: typeof TS, code: string, fileName: string): TranspiledCell {
  let hasResult = false;
  let onlyExpressions = true;
  const noteResult: TS.TransformerFactory<TS.SourceFile> = () => (file) => {
    const last = file.statements[file.statements.length - 1];
    hasResult = last !== undefined && ts.isExpressionStatement(last);
    onlyExpressions = file.statements.every((s) => ts.isExpressionStatement(s) || ts.isEmptyStatement(s));
    return file;
  };
  const output = ts.transpileModule(code, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      verbatimModuleSyntax: true, // keep imports a later cell may use; drop only `import type`
      sourceMap: true,
      inlineSources: false,
      removeComments: false,
      esModuleInterop: true,
      experimentalDecorators: false,
      useDefineForClassFields: true,
    },
    transformers: { before: [noteResult, moduleExpressions(ts)], after: [scriptify(ts)] },
  });
  const diagnostics = (output.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error).map((d) => toCellDiagnostic(ts, d));
  const js = output.outputText.replace(/\n?\/\/# sourceMappingURL=.*\s*$/, "\n").replace(/^export \{\};\s*$/m, "");
  const map = output.sourceMapText ? (JSON.parse(output.sourceMapText) as { mappings: string }) : { mappings: "" };
  return { js, lines: lineTable(map.mappings), hasResult, onlyExpressions, diagnostics };
}

/** Rewrites `import(…)` and `import.meta`, wherever they stand, into the kernel's globals. */
function moduleExpressions(ts: typeof TS): TS.TransformerFactory<TS.SourceFile> {
  return (context) => {
    const f = context.factory;
    const visit = (node: TS.Node): TS.Node => {
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        return f.createCallExpression(f.createIdentifier(DYNAMIC_IMPORT), undefined, ts.visitNodes(node.arguments, visit, ts.isExpression));
      }
      if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword) return f.createIdentifier(IMPORT_META);
      return ts.visitEachChild(node, visit, context);
    };
    return (file) => ts.visitEachChild(file, visit, context);
  };
}

/** Rewrites module syntax into script syntax, statement by statement, at the top level. */
function scriptify(ts: typeof TS): TS.TransformerFactory<TS.SourceFile> {
  return (context) => (file) => {
    const f = context.factory;
    const statements = file.statements.flatMap((statement): TS.Statement[] => {
      if (ts.isImportDeclaration(statement)) return importAsBindings(ts, f, statement);
      if (ts.isImportEqualsDeclaration(statement)) return requireBinding(ts, f, statement);
      if (ts.isExportDeclaration(statement)) return [];
      if (ts.isExportAssignment(statement)) return [f.createExpressionStatement(statement.expression)];
      return [withoutExport(ts, f, statement)];
    });
    return f.updateSourceFile(file, statements);
  };
}

function loadCall(f: TS.NodeFactory, specifier: TS.Expression): TS.Expression {
  return f.createAwaitExpression(f.createCallExpression(f.createIdentifier(LOADER), undefined, [specifier]));
}

function constStatement(ts: typeof TS, f: TS.NodeFactory, name: string | TS.BindingName, value: TS.Expression): TS.Statement {
  return f.createVariableStatement(
    undefined,
    f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, value)], ts.NodeFlags.Const),
  );
}

function importAsBindings(ts: typeof TS, f: TS.NodeFactory, node: TS.ImportDeclaration): TS.Statement[] {
  const clause = node.importClause;
  const load = loadCall(f, node.moduleSpecifier);
  if (!clause) return [f.createExpressionStatement(load)];
  if (clause.isTypeOnly) return [];
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) {
    const statements = [constStatement(ts, f, bindings.name.text, load)];
    if (clause.name) statements.push(constStatement(ts, f, clause.name.text, f.createPropertyAccessExpression(bindings.name, "default")));
    return statements;
  }
  const elements: TS.BindingElement[] = [];
  if (clause.name) elements.push(f.createBindingElement(undefined, "default", clause.name.text));
  for (const element of bindings && ts.isNamedImports(bindings) ? bindings.elements : []) {
    if (element.isTypeOnly) continue;
    elements.push(f.createBindingElement(undefined, element.propertyName, element.name.text));
  }
  if (elements.length === 0) return [f.createExpressionStatement(load)];
  return [constStatement(ts, f, f.createObjectBindingPattern(elements), load)];
}

function requireBinding(ts: typeof TS, f: TS.NodeFactory, node: TS.ImportEqualsDeclaration): TS.Statement[] {
  if (node.isTypeOnly || !ts.isExternalModuleReference(node.moduleReference)) return [];
  const call = f.createCallExpression(f.createIdentifier("require"), undefined, [node.moduleReference.expression]);
  return [constStatement(ts, f, node.name.text, call)];
}

function withoutExport(ts: typeof TS, f: TS.NodeFactory, statement: TS.Statement): TS.Statement {
  const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
  if (!modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return statement;
  const kept = modifiers.filter((m) => m.kind !== ts.SyntaxKind.ExportKeyword && m.kind !== ts.SyntaxKind.DefaultKeyword);
  if (ts.isVariableStatement(statement)) return f.updateVariableStatement(statement, kept, statement.declarationList);
  if (ts.isFunctionDeclaration(statement)) {
    const s = statement;
    return f.updateFunctionDeclaration(s, kept, s.asteriskToken, s.name, s.typeParameters, s.parameters, s.type, s.body);
  }
  if (ts.isClassDeclaration(statement)) {
    const s = statement;
    return f.updateClassDeclaration(s, kept, s.name, s.typeParameters, s.heritageClauses, s.members);
  }
  return statement;
}
