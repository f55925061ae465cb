// TypeScript 7's native language server (`tsc --lsp --stdio`, a child process) holding the cells
// as in-memory documents. Nothing is written to disk: the project's tsconfig is a document too,
// beside the cells in the notebook's folder, so imports resolve from there as a file there would.
import { pathToFileURL } from "node:url";
import { LspConnection } from "./lsp-connection";
import { tsgoBinary, tsgoEnvironment } from "./tsgo";

export interface Position {
  line: number;
  character: number;
}

export interface ServerDiagnostic {
  range: { start: Position; end: Position };
  /** 1 error, 2 warning, 3 information, 4 hint */
  severity?: number;
  code?: number | string;
  message: string;
}

export interface ServerCompletion {
  label: string;
  /** The protocol's CompletionItemKind (2 method, 3 function, 7 class, …). */
  kind?: number;
  sortText?: string;
}

const uri = (path: string) => pathToFileURL(path).href;

export class TypeServer {
  private readonly connection: LspConnection;
  private readonly versions = new Map<string, number>();
  readonly ready: Promise<void>;

  /** Starts the server; `documents` (path → text) are open from the start. */
  constructor(cwd: string, documents: Map<string, string>) {
    this.connection = new LspConnection(tsgoBinary(), ["--lsp", "--stdio"], cwd, tsgoEnvironment());
    this.ready = this.initialize(cwd, documents);
    this.ready.catch(() => undefined); // awaited by every request; reported there
  }

  get pid(): number | undefined {
    return this.connection.pid;
  }

  /** Sets a document's text (opens it the first time). */
  set(path: string, text: string): void {
    const version = (this.versions.get(path) ?? 0) + 1;
    this.versions.set(path, version);
    if (version === 1) this.connection.notify("textDocument/didOpen", { textDocument: { uri: uri(path), languageId: languageOf(path), version, text } });
    else this.connection.notify("textDocument/didChange", { textDocument: { uri: uri(path), version }, contentChanges: [{ text }] });
  }

  close(path: string): void {
    if (!this.versions.delete(path)) return;
    this.connection.notify("textDocument/didClose", { textDocument: { uri: uri(path) } });
  }

  async diagnostics(path: string): Promise<ServerDiagnostic[]> {
    await this.ready;
    const report = await this.connection.request<{ items?: ServerDiagnostic[] }>("textDocument/diagnostic", { textDocument: { uri: uri(path) } });
    return report?.items ?? [];
  }

  async completions(path: string, position: Position): Promise<ServerCompletion[]> {
    await this.ready;
    const found = await this.connection.request<ServerCompletion[] | { items: ServerCompletion[] } | null>("textDocument/completion", {
      textDocument: { uri: uri(path) },
      position,
    });
    return Array.isArray(found) ? found : (found?.items ?? []);
  }

  /** The hover text at a position (markdown: the declaration in a code fence, then its docs), or undefined. */
  async hover(path: string, position: Position): Promise<string | undefined> {
    await this.ready;
    const found = await this.connection.request<{ contents?: { value?: string } | string } | null>("textDocument/hover", {
      textDocument: { uri: uri(path) },
      position,
    });
    const contents = found?.contents;
    return typeof contents === "string" ? contents : contents?.value;
  }

  stop(): Promise<void> {
    return this.connection.close();
  }

  private async initialize(cwd: string, documents: Map<string, string>): Promise<void> {
    await this.connection.request("initialize", {
      processId: process.pid,
      rootUri: uri(cwd),
      // Automatic type acquisition would start `npm install types-registry` in the notebook's
      // folder (network, ~80 MB, CPU at start-up): cells get the types that are installed.
      initializationOptions: { disableAutomaticTypeAcquisition: true },
      capabilities: {
        general: { positionEncodings: ["utf-16"] },
        textDocument: {
          diagnostic: { dynamicRegistration: false },
          completion: { completionItem: { snippetSupport: false } },
          hover: { contentFormat: ["markdown"] },
        },
      },
    });
    this.connection.notify("initialized", {});
    for (const [path, text] of documents) this.set(path, text);
  }
}

function languageOf(path: string): string {
  if (path.endsWith(".json")) return "json";
  return "typescript";
}
