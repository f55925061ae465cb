// What a cell's top-level statements declare, read from its syntax tree: each name and how later
// cells may see it. Variables become assignable globals of the history; every other declaration
// (functions, classes, types, enums, namespaces, imports) is imported from the cell that made it.
import type { BindingPattern, Declaration, Program, Statement } from "../syntax/parse";

/** "variable": a let or var (assignable); "constant": const or using; "binding": anything else. */
export type NameKind = "variable" | "constant" | "binding";

export interface CellDeclarations {
  /** name → how it is declared (several declarations of one name: "binding" wins, as imports carry every meaning) */
  names: Map<string, NameKind>;
  /** Names the cell exports itself (`export const x`, `export { x }`): not to export again. */
  exported: Set<string>;
  /** The cell has a `declare global { … }` block, which later cells see without naming it. */
  augmentsGlobal: boolean;
}

export function declarationsOf(program: Program): CellDeclarations {
  const found: CellDeclarations = { names: new Map(), exported: new Set(), augmentsGlobal: false };
  for (const statement of program.body) readStatement(statement, found);
  return found;
}

function readStatement(statement: Statement, found: CellDeclarations): void {
  if (statement.type === "ExportNamedDeclaration") {
    if (statement.declaration) declared(statement.declaration, found).forEach((name) => found.exported.add(name));
    if (!statement.source) for (const s of statement.specifiers) found.exported.add(nameOf(s.local));
    return;
  }
  if (statement.type === "ExportDefaultDeclaration") return;
  if (statement.type === "ImportDeclaration") {
    for (const specifier of statement.specifiers) add(found, specifier.local.name, "binding");
    return;
  }
  declared(statement, found);
}

/** Records the names one declaration makes; returns them. */
function declared(statement: Statement | Declaration, found: CellDeclarations): string[] {
  switch (statement.type) {
    case "VariableDeclaration": {
      const kind: NameKind = statement.kind === "let" || statement.kind === "var" ? "variable" : "constant";
      const names = statement.declarations.flatMap((d) => bindingNames(d.id));
      names.forEach((name) => add(found, name, kind));
      return names;
    }
    case "TSModuleDeclaration":
      if (statement.global) {
        found.augmentsGlobal = true;
        return [];
      }
      return statement.id.type === "Identifier" ? [add(found, statement.id.name, "binding")] : [];
    case "FunctionDeclaration":
    case "TSDeclareFunction":
    case "ClassDeclaration":
      return statement.id ? [add(found, statement.id.name, "binding")] : [];
    case "TSInterfaceDeclaration":
    case "TSTypeAliasDeclaration":
    case "TSEnumDeclaration":
    case "TSImportEqualsDeclaration":
      return [add(found, statement.id.name, "binding")];
    default:
      return [];
  }
}

function add(found: CellDeclarations, name: string, kind: NameKind): string {
  const before = found.names.get(name);
  found.names.set(name, before === "binding" || kind === "binding" ? "binding" : kind);
  return name;
}

function nameOf(node: { type: string; name?: string; value?: unknown }): string {
  return node.type === "Literal" ? String(node.value) : String(node.name);
}

function bindingNames(pattern: BindingPattern | { type: "RestElement"; argument: BindingPattern }): string[] {
  switch (pattern.type) {
    case "Identifier":
      return [pattern.name];
    case "AssignmentPattern":
      return bindingNames(pattern.left);
    case "RestElement":
      return bindingNames(pattern.argument);
    case "ArrayPattern":
      return pattern.elements.flatMap((e) => (e ? bindingNames(e) : []));
    case "ObjectPattern":
      return pattern.properties.flatMap((p) => bindingNames(p.type === "RestElement" ? p : p.value));
  }
}
