// What the checker knows of the cells that ran: the latest declaration of each top-level name,
// taken from a cell's declaration (.d.ts) output and kept as the text of one module. Declared
// names live in its `declare global` block, so a later cell may assign an earlier `let` and may
// declare the name again (its module scope shadows the global); imports are re-exported.
import type * as TS from "typescript";
import { namesOf } from "./declarations";

export class CellHistory {
  /** name → the declaration statements of its latest cell (several for overloads or merges) */
  private readonly entries = new Map<string, string[]>();
  /** the names whose latest declaration is an import */
  private readonly imported = new Set<string>();
  /** `declare global { … }` blocks, by their text (they have no name to replace them by) */
  private readonly globals = new Set<string>();

  constructor(
    private readonly ts: typeof TS,
    private readonly selfSpecifier: string,
  ) {}

  /** The names a cell imports from the history (earlier cells' imports). */
  importedNames(): string[] {
    return [...this.imported];
  }

  /** The history module: earlier imports (re-exported), every other declaration made global. */
  text(): string {
    const imports: string[] = [];
    const declared: string[] = [];
    for (const [name, texts] of this.entries) (this.imported.has(name) ? imports : declared).push(...texts);
    const global = declared.map((text) => `  ${text.replace(/^declare\s+/, "")}`).join("\n");
    return `${[...imports, ...this.globals].join("\n")}\ndeclare global {\n${global}\n}\nexport { ${this.importedNames().join(", ")} };\n`;
  }

  /** Takes in one cell's declaration output: its names replace earlier declarations of them. */
  commit(dts: string): void {
    const ts = this.ts;
    const file = ts.createSourceFile("cell.d.ts", dts, ts.ScriptTarget.ES2022, true);
    const fresh = new Map<string, string[]>();
    for (const statement of file.statements) {
      for (const [name, text] of this.declarationsOf(file, statement)) fresh.set(name, [...(fresh.get(name) ?? []), text]);
    }
    for (const [name, texts] of fresh) {
      this.entries.delete(name); // re-inserted last, after what it may refer to
      this.entries.set(name, texts);
      if (texts.every((text) => text.startsWith("import "))) this.imported.add(name);
      else this.imported.delete(name);
    }
  }

  private declarationsOf(file: TS.SourceFile, statement: TS.Statement): Array<[string, string]> {
    const ts = this.ts;
    if (ts.isImportDeclaration(statement)) return this.importsOf(file, statement);
    if (ts.isVariableStatement(statement)) return variablesOf(ts, file, statement);
    if (ts.isModuleDeclaration(statement) && statement.flags & ts.NodeFlags.GlobalAugmentation) this.globals.add(statement.getText(file));
    const text = withoutExport(statement.getText(file));
    return namesOf(ts, statement).map((name) => [name, text]);
  }

  /** One import statement per name, so a later cell can replace one binding alone. */
  private importsOf(file: TS.SourceFile, node: TS.ImportDeclaration): Array<[string, string]> {
    const ts = this.ts;
    const from = node.moduleSpecifier.getText(file);
    const clause = node.importClause;
    const self = ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text === this.selfSpecifier;
    if (!clause || self) return []; // names of the history itself: they are declared in it already
    const type = clause.isTypeOnly ? "type " : "";
    const out: Array<[string, string]> = [];
    if (clause.name) out.push([clause.name.text, `import ${type}${clause.name.text} from ${from};`]);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) out.push([bindings.name.text, `import ${type}* as ${bindings.name.text} from ${from};`]);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const e of bindings.elements) out.push([e.name.text, `import ${type}{ ${e.getText(file)} } from ${from};`]);
    }
    return out;
  }
}

function variablesOf(ts: typeof TS, file: TS.SourceFile, statement: TS.VariableStatement): Array<[string, string]> {
  const flags = statement.declarationList.flags;
  const keyword = flags & ts.NodeFlags.Const ? "const" : flags & ts.NodeFlags.Let ? "let" : "var";
  return statement.declarationList.declarations.flatMap((d) =>
    ts.isIdentifier(d.name) ? [[d.name.text, `declare ${keyword} ${d.getText(file)};`] as [string, string]] : [],
  );
}

function withoutExport(text: string): string {
  return text.replace(/^export\s+(default\s+)?/, "");
}
