// What the checker knows of the cells that ran. Each recorded cell stays a module of its own
// (its text as it ran, importing the earlier names it uses from the cells that declared them, and
// exporting its own), so its types stay those it had, whatever later cells redeclare. A new cell
// sees the latest declaration of every name: variables as globals of one history file (so it may
// assign a `let`), everything else through an import from the cell that declared it.
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

const IDENTIFIER = /[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*/g;

export class CellHistory {
  /** name → its latest declaration: how it was declared and in which recorded cell */
  private readonly latest = new Map<string, { kind: NameKind; module: string }>();
  private readonly cells = new Map<string, Recorded>();
  private nextCell = 1;

  /** The text to check for a cell: its code, then imports of the earlier names it does not
   * declare again (variables come from the history's globals), then an export of its own names. */
  checkedText(code: string, declarations: CellDeclarations): string {
    const earlier = [...this.latest].filter(([name, at]) => at.kind === "binding" && !declarations.names.has(name));
    return this.moduleText(code, earlier, declarations);
  }

  /** Records a cell that ran. Returns the module to open and the modules no longer needed. */
  record(code: string, declarations: CellDeclarations): { opened: RecordedCell; closed: string[] } {
    const used = new Set(code.match(IDENTIFIER) ?? []);
    const earlier = [...this.latest].filter(([name]) => used.has(name) && !declarations.names.has(name));
    const module = `${CELL_MODULE}${this.nextCell++}`;
    const cell: Recorded = {
      module,
      text: this.moduleText(code, earlier, declarations),
      uses: new Set(earlier.map(([, at]) => at.module)),
      augmentsGlobal: declarations.augmentsGlobal,
    };
    this.cells.set(module, cell);
    for (const [name, kind] of declarations.names) {
      this.latest.delete(name); // re-inserted last, so the history lists names in the order they came
      this.latest.set(name, { kind, module });
    }
    return { opened: cell, closed: this.forgetUnused() };
  }

  /** The history module: the latest variables as globals typed by the cells that declared them,
   * and an import of each cell that augments the global scope (nothing else would load it). */
  historyText(): string {
    const augmenting = [...this.cells.values()].filter((c) => c.augmentsGlobal).map((c) => `import "./${c.module}";`);
    const globals = [...this.latest]
      .filter(([, at]) => at.kind !== "binding")
      .map(([name, at]) => `  ${at.kind === "variable" ? "let" : "const"} ${name}: typeof import("./${at.module}").${name};`);
    return [...augmenting, "declare global {", ...globals, "}", "export {};", ""].join("\n");
  }

  private moduleText(code: string, earlier: Array<[string, { module: string }]>, declarations: CellDeclarations): string {
    const byModule = new Map<string, string[]>();
    for (const [name, at] of earlier) byModule.set(at.module, [...(byModule.get(at.module) ?? []), name]);
    const imports = [...byModule].map(([module, names]) => `import { ${names.join(", ")} } from "./${module}";`).join(" ");
    const exports = [...declarations.names.keys()].filter((name) => !declarations.exported.has(name));
    // After the code, on lines of their own, so the cell's lines and columns stay its own.
    return `${code}\n;${imports}\nexport { ${exports.join(", ")} };\n`;
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
    const closed = [...this.cells.keys()].filter((module) => !needed.has(module));
    closed.forEach((module) => this.cells.delete(module));
    return closed;
  }
}
