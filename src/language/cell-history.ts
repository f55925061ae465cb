// What the checker knows of the cells that ran. Each recorded cell stays a module of its own
// (its text as it ran, importing the earlier names it uses from the cells that declared them, and
// exporting its own), so its types stay those it had, whatever later cells redeclare. One history
// module holds the latest declaration of every name: variables as globals typed by the cell that
// declared them (a later cell may assign a `let`; the checker resolves a global only when a cell
// uses it), everything else re-exported for the cell being checked to import. That cell imports
// one module whatever the history holds, so between two checks only its own text changes, which
// the language server re-checks fast.
import type { CellDeclarations, NameKind } from "./declarations";

export const HISTORY_MODULE = "__tsloop_history__";
const CELL_MODULE = "__tsloop_cell_";

export interface RecordedCell {
  /** The module's name, without extension, beside the cell being checked. */
  module: string;
  text: string;
}

interface Recorded extends RecordedCell {
  /** The modules it imports from. */
  uses: Set<string>;
  augmentsGlobal: boolean;
}

type Earlier = Array<[name: string, module: string]>;

const IDENTIFIER = /[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*/g;

export class CellHistory {
  /** name → its latest declaration: how it was declared and in which recorded cell */
  private readonly latest = new Map<string, { kind: NameKind; module: string }>();
  private readonly cells = new Map<string, Recorded>();
  private nextCell = 1;

  /** The text to check for a cell: its code, then an import of the earlier names it does not
   * declare again (variables are globals), then an export of its own names. */
  checkedText(code: string, declarations: CellDeclarations): string {
    const earlier: Earlier = [...this.latest]
      .filter(([name, at]) => at.kind === "binding" && !declarations.names.has(name))
      .map(([name]) => [name, HISTORY_MODULE]);
    return moduleText(code, earlier, declarations);
  }

  /** Records a cell that ran. Returns its module, and the modules no cell needs any more. */
  record(code: string, declarations: CellDeclarations): { opened: RecordedCell; closed: string[] } {
    const used = new Set(code.match(IDENTIFIER) ?? []);
    const earlier: Earlier = [...this.latest].filter(([name]) => used.has(name) && !declarations.names.has(name)).map(([name, at]) => [name, at.module]);
    const module = `${CELL_MODULE}${this.nextCell++}`;
    const cell: Recorded = {
      module,
      text: moduleText(code, earlier, declarations),
      uses: new Set(earlier.map(([, from]) => from)),
      augmentsGlobal: declarations.augmentsGlobal,
    };
    this.cells.set(module, cell);
    for (const [name, kind] of declarations.names) {
      this.latest.delete(name); // re-inserted last, so the history lists names in the order they came
      this.latest.set(name, { kind, module });
    }
    return { opened: cell, closed: this.forgetUnused() };
  }

  /** The history module: the latest variables as globals, every other latest name re-exported
   * from the cell that declared it, and the cells that augment the global scope (nothing else
   * would keep them in the program). */
  historyText(): string {
    const byModule = new Map<string, string[]>();
    const globals: string[] = [];
    for (const [name, at] of this.latest) {
      if (at.kind === "binding") byModule.set(at.module, [...(byModule.get(at.module) ?? []), name]);
      else globals.push(`  ${at.kind === "variable" ? "let" : "const"} ${name}: typeof import("./${at.module}").${name};`);
    }
    const exports = [...byModule].map(([module, names]) => `export { ${names.join(", ")} } from "./${module}";`);
    const augmenting = [...this.cells.values()].filter((c) => c.augmentsGlobal).map((c) => `import "./${c.module}";`);
    return [...augmenting, ...exports, "declare global {", ...globals, "}", "export {};", ""].join("\n");
  }

  /** Drops the recorded cells that neither hold a latest declaration, nor augment the global
   * scope, nor are imported by such a cell (directly or not). */
  private forgetUnused(): string[] {
    const needed = new Set<string>();
    const visit = (module: string) => {
      if (needed.has(module)) return;
      needed.add(module);
      this.cells.get(module)?.uses.forEach(visit);
    };
    for (const at of this.latest.values()) visit(at.module);
    for (const cell of this.cells.values()) if (cell.augmentsGlobal) visit(cell.module);
    const unused = [...this.cells.keys()].filter((module) => !needed.has(module));
    unused.forEach((module) => this.cells.delete(module));
    return unused;
  }
}

/** A cell as a module: its code, then imports of `earlier` names and an export of its own names,
 * on lines after the code, so the cell's lines and columns stay its own. */
function moduleText(code: string, earlier: Earlier, declarations: CellDeclarations): string {
  const byModule = new Map<string, string[]>();
  for (const [name, module] of earlier) byModule.set(module, [...(byModule.get(module) ?? []), name]);
  const imports = [...byModule].map(([module, names]) => `import { ${names.join(", ")} } from "./${module}";`).join(" ");
  const exports = [...declarations.names.keys()].filter((name) => !declarations.exported.has(name));
  return `${code}\n;${imports}\nexport { ${exports.join(", ")} };\n`;
}
