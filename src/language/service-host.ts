// A LanguageServiceHost over a few in-memory files (the cell, the history, the globals) and the
// disk for everything else; versions let the service reuse every file that did not change.
import type * as TS from "typescript";

export class ServiceHost {
  private readonly files = new Map<string, { text: string; version: number }>();
  private readonly snapshots = new Map<string, TS.IScriptSnapshot | undefined>();

  constructor(
    private readonly ts: typeof TS,
    private readonly cwd: string,
    private readonly options: TS.CompilerOptions,
    private readonly roots: string[],
  ) {}

  /** Sets an in-memory file's text; the version changes only when the text does. */
  set(fileName: string, text: string): void {
    const file = this.files.get(fileName);
    if (file?.text === text) return;
    this.files.set(fileName, { text, version: (file?.version ?? 0) + 1 });
  }

  host(): TS.LanguageServiceHost {
    const ts = this.ts;
    return {
      getCompilationSettings: () => this.options,
      getScriptFileNames: () => [...this.roots, ...this.files.keys()],
      getScriptVersion: (name) => String(this.files.get(name)?.version ?? 0),
      getScriptSnapshot: (name) => this.snapshot(name),
      getCurrentDirectory: () => this.cwd,
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      fileExists: (name) => this.files.has(name) || ts.sys.fileExists(name),
      readFile: (name, encoding) => this.files.get(name)?.text ?? ts.sys.readFile(name, encoding),
      readDirectory: ts.sys.readDirectory.bind(ts.sys),
      directoryExists: ts.sys.directoryExists.bind(ts.sys),
      getDirectories: ts.sys.getDirectories.bind(ts.sys),
      realpath: ts.sys.realpath?.bind(ts.sys),
      useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
    };
  }

  private snapshot(name: string): TS.IScriptSnapshot | undefined {
    const file = this.files.get(name);
    if (file) return this.ts.ScriptSnapshot.fromString(file.text);
    if (!this.snapshots.has(name)) {
      const text = this.ts.sys.readFile(name);
      this.snapshots.set(name, text === undefined ? undefined : this.ts.ScriptSnapshot.fromString(text));
    }
    return this.snapshots.get(name);
  }
}
