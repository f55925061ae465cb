// Type checks cells with the TypeScript language service (inside the checker worker). A cell is
// one module whose appended import brings in earlier cells' names from a history module, less
// the names the cell declares again, so re-declaring is allowed as the REPL allows it.
import { dirname, join } from "node:path";
import type * as TS from "typescript";
import { CellHistory } from "./cell-history";
import { cellGlobalsDeclaration } from "./cell-globals";
import { declaredNames, exportedNames } from "./declarations";
import { CellDiagnostic, toCellDiagnostic } from "../diagnostic";
import { ServiceHost } from "./service-host";

export type { CellDiagnostic as CheckDiagnostic } from "../diagnostic";

export interface ServiceCompletion {
  name: string;
  kind: string;
}

const HISTORY = "__tsloop_history__";

/** TS7xxx: "… implicitly has an 'any' type" and kin. noImplicitAny stays on for its better inference
 * (`const xs = []` evolves instead of being never[]) but, as in a REPL, implicit any is allowed. */
const isImplicitAny = (d: TS.Diagnostic) => d.code >= 7000 && d.code < 8000;

export class CellChecker {
  private readonly cellFile: string;
  private readonly historyFile: string;
  private readonly host: ServiceHost;
  private readonly service: TS.LanguageService;
  private readonly history: CellHistory;
  /** Counts the commits that changed what later cells see: a check's answer holds while it stays. */
  historyVersion = 0;

  /** `cwd` is the notebook's folder (imports resolve from it); `srcDir` holds the kernel's modules. */
  constructor(
    private readonly ts: typeof TS,
    cwd: string,
    srcDir: string,
  ) {
    this.cellFile = join(cwd, "__tsloop_cell__.ts");
    this.historyFile = join(cwd, `${HISTORY}.d.ts`);
    const globalsFile = join(cwd, "__tsloop_globals__.d.ts");
    this.history = new CellHistory(ts, `./${HISTORY}`);
    this.host = new ServiceHost(ts, cwd, compilerOptions(ts, srcDir), [nodeTypes()]);
    this.host.set(globalsFile, cellGlobalsDeclaration(srcDir));
    this.host.set(this.historyFile, this.history.text());
    this.service = ts.createLanguageService(this.host.host(), ts.createDocumentRegistry());
  }

  /** The cell's type errors, positioned in the cell's own text. */
  check(code: string): CellDiagnostic[] {
    this.load(code);
    return this.service
      .getSemanticDiagnostics(this.cellFile)
      .filter((d) => d.category === this.ts.DiagnosticCategory.Error && d.start !== undefined && d.start < code.length && !isImplicitAny(d))
      .map((d) => toCellDiagnostic(this.ts, d));
  }

  /** Records a cell that ran: its declarations become visible to later cells. */
  commit(code: string): void {
    if (!this.load(code)) return; // declares nothing: nothing to record
    const output = this.service.getEmitOutput(this.cellFile, true, true); // forced: also when some declaration cannot be named
    const dts = output.outputFiles.find((f) => f.name.endsWith(".d.ts"));
    if (!dts) return;
    this.history.commit(dts.text);
    this.host.set(this.historyFile, this.history.text());
    this.historyVersion++;
  }

  /** Completions at `position` in `code`, as the service finds them (names in scope or members). */
  completions(code: string, position: number): ServiceCompletion[] {
    this.load(code);
    const found = this.service.getCompletionsAtPosition(this.cellFile, position, {});
    return (found?.entries ?? [])
      .map((e) => ({ name: e.name, kind: e.kind, sort: e.sortText }))
      .sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0))
      .map(({ name, kind }) => ({ name, kind }));
  }

  /** The type and documentation of the name at `position`, as an editor's hover shows them. */
  quickInfo(code: string, position: number): string | undefined {
    this.load(code);
    const info =
      this.service.getQuickInfoAtPosition(this.cellFile, position) ??
      (position > 0 ? this.service.getQuickInfoAtPosition(this.cellFile, position - 1) : undefined);
    if (!info || info.kind === this.ts.ScriptElementKind.unknown) return undefined; // an unknown name is "any"
    const docs = this.ts.displayPartsToString(info.documentation);
    return [this.ts.displayPartsToString(info.displayParts), docs].filter(Boolean).join("\n");
  }

  /** The cell as the checker sees it: its text, then the import of earlier names and an export
   * list (so its declarations can be emitted). Returns whether the cell declares anything. */
  private load(code: string): boolean {
    const ts = this.ts;
    const parsed = ts.createSourceFile(this.cellFile, code, ts.ScriptTarget.ES2022, true);
    const declared = declaredNames(ts, parsed);
    const exported = exportedNames(ts, parsed);
    const earlier = this.history.importedNames().filter((name) => !declared.has(name));
    const imports = earlier.length > 0 ? `import { ${earlier.join(", ")} } from "./${HISTORY}";` : "";
    const exports = [...declared].filter((name) => !exported.has(name));
    this.host.set(this.cellFile, `${code}\n;${imports}\nexport { ${exports.join(", ")} };\n`);
    return declared.size > 0;
  }
}

function compilerOptions(ts: typeof TS, srcDir: string): TS.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext, // a module, so top-level await type-checks
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowJs: true, // a notebook's own .js/.mjs/.cjs files are typed from their code when a cell imports them
    lib: ["lib.esnext.d.ts"],
    types: [], // @types/node is a root file; other @types load only when imported
    strict: true, // its implicit-any errors are dropped (see isImplicitAny): untyped packages are `any`
    useUnknownInCatchVariables: false, // `catch (e)` gives `any`, as in a REPL
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    useDefineForClassFields: true,
    paths: { tsloop: [join(srcDir, "index")] }, // `import … from "tsloop"`: the kernel's own module
  };
}

/** @types/node (a dependency of tsloop), found from the kernel, not from the notebook's folder. */
function nodeTypes(): string {
  return join(dirname(require.resolve("@types/node/package.json")), "index.d.ts");
}
