// The cell type checker: TypeScript 7's language server (type-server.ts) over the cells as
// modules (cell-history.ts). It starts with the kernel and answers in the order asked, so every
// cell is checked before it runs, the first one too: nothing is skipped while it warms up.
import { dirname, join } from "node:path";
import type { CellDiagnostic } from "../diagnostic";
import { parseCell } from "../syntax/parse";
import { debug } from "../log";
import { cellGlobalsDeclaration } from "./cell-globals";
import { CellHistory, HISTORY_MODULE } from "./cell-history";
import { CellDeclarations, declarationsOf } from "./declarations";
import { Position, ServerDiagnostic, TypeServer } from "./type-server";

export type { CellDiagnostic as CheckDiagnostic } from "../diagnostic";

export interface ServiceCompletion {
  name: string;
  /** The type in the words Jupyter frontends know: function, class, module, keyword, instance. */
  type: string;
}

const CHECKS_KEPT = 64;
const ERROR = 1;

/** TS7xxx: "… implicitly has an 'any' type" and kin. noImplicitAny stays on for its better inference
 * (`const xs = []` evolves instead of being never[]) but, as in a REPL, implicit any is allowed. */
const isImplicitAny = (code: number) => code >= 7000 && code < 8000;

export class Checker {
  private readonly cellFile: string;
  private readonly historyFile: string;
  private readonly history = new CellHistory();
  private server?: TypeServer;
  /** Every request to the server, in order: one cell document serves checks, completion and hover. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Counts the recorded cells that declared something: a check's answer holds while it stays. */
  private historyVersion = 0;
  private readonly checked = new Map<string, { historyVersion: number; found: CellDiagnostic[] }>();
  private failure?: string;
  private stopping = false;

  /** `cwd` is the notebook's folder (imports resolve from it, as for a file there). */
  constructor(private readonly cwd: string) {
    this.cellFile = join(cwd, "__tsloop_cell__.ts");
    this.historyFile = join(cwd, `${HISTORY_MODULE}.ts`);
  }

  /** Starts the language server (it loads the libraries and @types/node in the background). */
  start(): void {
    if (this.server) return;
    const srcDir = join(__dirname, "..");
    const globalsFile = join(this.cwd, "__tsloop_globals__.d.ts");
    const configFile = join(this.cwd, "tsconfig.json");
    // The config lists itself: an open file outside every project sends the server looking for
    // one in each ancestor folder (a repo's own tsconfig.json, hundreds of files) and then
    // building an inferred project for it; listed, the first check takes half the time.
    const roots = [nodeTypes(), globalsFile, this.historyFile, this.cellFile, configFile];
    const documents = new Map([
      [configFile, projectConfig(srcDir, roots)],
      [globalsFile, cellGlobalsDeclaration(srcDir)],
      [this.historyFile, this.history.historyText()],
      [this.cellFile, "export {};\n"],
    ]);
    this.server = new TypeServer(this.cwd, documents);
    // Warm: the first diagnostics load the libraries, so the first cell's check is a re-check.
    void this.exclusive((server) => server.diagnostics(this.cellFile));
  }

  /** The cell's type errors, positioned in the cell's own text ([] when it does not parse: the
   * transpiler reports that). */
  async check(code: string): Promise<CellDiagnostic[]> {
    const known = this.checked.get(code);
    if (known?.historyVersion === this.historyVersion) return known.found;
    const declarations = declarationsIn(code);
    if (!declarations) return [];
    const started = performance.now();
    const answer = await this.exclusive(async (server) => {
      server.set(this.cellFile, this.history.checkedText(code, declarations));
      return { items: await server.diagnostics(this.cellFile), historyVersion: this.historyVersion };
    });
    if (!answer) return [];
    debug(`type check: ${(performance.now() - started).toFixed(1)} ms`);
    const found = answer.items.filter((d) => isCellError(d, code)).map(toCellDiagnostic);
    this.remember(code, answer.historyVersion, found);
    return found;
  }

  /** Records a cell that ran, so later cells see its declarations (queued, not awaited). */
  commit(code: string): void {
    const declarations = declarationsIn(code);
    if (!declarations || (declarations.names.size === 0 && !declarations.augmentsGlobal)) return;
    void this.exclusive(async (server) => {
      const { opened, closed } = this.history.record(code, declarations);
      server.set(this.historyFile, this.history.historyText());
      server.set(join(this.cwd, `${opened.module}.ts`), opened.text);
      for (const module of closed) server.close(join(this.cwd, `${module}.ts`));
      this.historyVersion++;
      // Rebuild the program now, while the kernel answers the cell: the next check then changes
      // only the cell's text, the fast case (a few ms, against ~15 ms for a new module).
      await server.hover(this.cellFile, { line: 0, character: 0 });
    });
  }

  /** Completions at `position` in `code`: names in scope there, or members after a dot. */
  async completions(code: string, position: number): Promise<ServiceCompletion[]> {
    const found = await this.atPosition(code, position, (server, at) => server.completions(this.cellFile, at));
    return (found ?? [])
      .map((item) => ({ name: item.label, type: jupyterType(item.kind), sort: item.sortText ?? item.label }))
      .sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0))
      .map(({ name, type }) => ({ name, type }));
  }

  /** The type and documentation of the name at `position`, as an editor's hover shows them. */
  async quickInfo(code: string, position: number): Promise<string | undefined> {
    const text = await this.atPosition(code, position, async (server, at) => {
      const here = await server.hover(this.cellFile, at);
      return here ?? (at.character > 0 ? server.hover(this.cellFile, { line: at.line, character: at.character - 1 }) : undefined);
    });
    return text ? hoverText(text) : undefined;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.server?.stop();
  }

  /** Puts `code` in the cell document and asks at `position` (an offset in `code`). */
  private atPosition<T>(code: string, position: number, ask: (server: TypeServer, at: Position) => Promise<T>): Promise<T | undefined> {
    // Code being typed often does not parse yet: it still gets the earlier names.
    const declarations = declarationsIn(code) ?? NO_DECLARATIONS;
    return this.exclusive((server) => {
      server.set(this.cellFile, this.history.checkedText(code, declarations));
      return ask(server, positionOf(code, position));
    });
  }

  /** Runs `work` after every earlier request; undefined (and a note on stderr, once) when the server failed. */
  private exclusive<T>(work: (server: TypeServer) => Promise<T>): Promise<T | undefined> {
    this.start();
    const server = this.server!;
    const run = this.queue.then(async () => {
      try {
        await server.ready;
        return await work(server);
      } catch (error) {
        this.reportFailure(error);
        return undefined;
      }
    });
    this.queue = run;
    return run;
  }

  private reportFailure(error: unknown): void {
    const message = (error as Error)?.message ?? String(error);
    if (this.stopping || this.failure === message) return;
    this.failure = message;
    process.stderr.write(`tsloop: the type checker failed, cells run unchecked: ${message}\n`);
  }

  private remember(code: string, historyVersion: number, found: CellDiagnostic[]): void {
    if (this.checked.size >= CHECKS_KEPT) this.checked.delete(this.checked.keys().next().value!);
    this.checked.set(code, { historyVersion, found });
  }
}

const NO_DECLARATIONS: CellDeclarations = { names: new Map(), exported: new Set(), augmentsGlobal: false };

/** What a cell declares, or undefined when it does not parse (the transpiler reports that). */
function declarationsIn(code: string): CellDeclarations | undefined {
  const parsed = parseCell(code);
  return parsed.errors.length > 0 ? undefined : declarationsOf(parsed.program);
}

/** An error of the cell's own text (not of the lines the checker appends). */
function isCellError(d: ServerDiagnostic, code: string): boolean {
  const number = Number(d.code);
  return d.severity === ERROR && !isImplicitAny(number) && offsetOf(code, d.range.start) < code.length;
}

function toCellDiagnostic(d: ServerDiagnostic): CellDiagnostic {
  return { line: d.range.start.line, column: d.range.start.character, code: Number(d.code), message: d.message };
}

function positionOf(code: string, offset: number): Position {
  const before = code.slice(0, offset).split("\n");
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function offsetOf(code: string, at: Position): number {
  let offset = 0;
  for (let line = 0; line < at.line; line++) {
    const next = code.indexOf("\n", offset);
    if (next < 0) return code.length + 1;
    offset = next + 1;
  }
  return offset + at.character;
}

/** A hover as `inspect` shows it: the declaration (without the "(alias)" and import lines an
 * imported name gets), then its docs; undefined for a name the checker does not know ("any"). */
function hoverText(markdown: string): string | undefined {
  const fence = /^```\w*\n([\s\S]*?)\n```\n*/.exec(markdown);
  const declaration = (fence?.[1] ?? "")
    .replace(/^\(alias\) /, "")
    .split("\n")
    .filter((line) => !/^import /.test(line))
    .join("\n")
    .trim();
  if (!fence || declaration === "any") return undefined;
  const docs = markdown.slice(fence[0].length).trim();
  return [declaration, docs].filter(Boolean).join("\n");
}

/** The protocol's completion kinds in the words Jupyter frontends know (ipykernel's, from jedi). */
function jupyterType(kind: number | undefined): string {
  if (kind === 2 || kind === 3 || kind === 4) return "function"; // method, function, constructor
  if (kind === 7 || kind === 8 || kind === 13 || kind === 22 || kind === 25) return "class"; // class, interface, enum, struct, type parameter
  if (kind === 9) return "module";
  if (kind === 14) return "keyword";
  return "instance";
}

/** The project, as tsconfig.json: what the cells are checked with. */
function projectConfig(srcDir: string, files: string[]): string {
  const compilerOptions = {
    target: "es2022",
    module: "esnext", // a module, so top-level await type-checks
    moduleResolution: "bundler", // a package's `exports` and `imports` maps, as the kernel's loader follows them
    customConditions: ["node"], // with "import" and "types": the conditions Node's import() matches, so the checker reads the file that runs
    allowJs: true, // a notebook's own .js/.mjs/.cjs files are typed from their code when a cell imports them
    lib: ["esnext"],
    types: [], // @types/node is a root file; other @types load only when imported
    strict: true, // its implicit-any errors are dropped (see isImplicitAny): untyped packages are `any`
    useUnknownInCatchVariables: false, // `catch (e)` gives `any`, as in a REPL
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    useDefineForClassFields: true,
    noEmit: true,
    paths: { tsloop: [join(srcDir, "index")] }, // `import … from "tsloop"`: the kernel's own module
  };
  return JSON.stringify({ compilerOptions, files, typeAcquisition: { enable: false } });
}

/** @types/node (a dependency of tsloop), found from the kernel, not from the notebook's folder. */
function nodeTypes(): string {
  return join(dirname(require.resolve("@types/node/package.json")), "index.d.ts");
}
