// The names a cell's top-level statements declare (variables, functions, classes, types, enums,
// namespaces, imports), read from a parsed source file; used to model cells for the checker.
import type * as TS from "typescript";

/** Every name one top-level statement declares (empty for expressions, `declare global`, …). */
export function namesOf(ts: typeof TS, statement: TS.Statement): string[] {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap((d) => bindingNames(ts, d.name));
  if (ts.isImportDeclaration(statement)) return importNames(ts, statement);
  if (ts.isImportEqualsDeclaration(statement)) return [statement.name.text];
  if (ts.isModuleDeclaration(statement))
    return ts.isIdentifier(statement.name) && !(statement.flags & ts.NodeFlags.GlobalAugmentation) ? [statement.name.text] : [];
  const named =
    ts.isFunctionDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isEnumDeclaration(statement);
  return named && statement.name ? [statement.name.text] : [];
}

/** The names a whole file declares at the top level. */
export function declaredNames(ts: typeof TS, file: TS.SourceFile): Set<string> {
  return new Set(file.statements.flatMap((s) => namesOf(ts, s)));
}

/** Names the file already exports itself (`export const x`, `export { x }`). */
export function exportedNames(ts: typeof TS, file: TS.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of file.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const e of statement.exportClause.elements) names.add((e.propertyName ?? e.name).getText(file));
    } else if (hasExport(ts, statement)) namesOf(ts, statement).forEach((n) => names.add(n));
  }
  return names;
}

export function hasExport(ts: typeof TS, statement: TS.Statement): boolean {
  const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
  return modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
}

function bindingNames(ts: typeof TS, name: TS.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(ts, e.name)));
}

function importNames(ts: typeof TS, node: TS.ImportDeclaration): string[] {
  const clause = node.importClause;
  if (!clause) return [];
  const names = clause.name ? [clause.name.text] : [];
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
  if (bindings && ts.isNamedImports(bindings)) names.push(...bindings.elements.map((e) => e.name.text));
  return names;
}
