// JSON-RPC over a child's stdio, framed as the language server protocol frames it
// (`Content-Length` headers). Requests resolve with their result; the server's own requests
// (configuration, capability registration, progress) get an empty answer.
import { ChildProcess, spawn } from "node:child_process";

type Pending = { resolve(result: unknown): void; reject(error: Error): void };
type Incoming = { id?: number | string; method?: string; params?: unknown; result?: unknown; error?: { message: string } };

const HEADER_END = "\r\n\r\n";

export class LspConnection {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private buffer: Buffer = Buffer.alloc(0);
  private closed?: Error;

  constructor(binary: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
    this.child = spawn(binary, args, { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout!.on("data", (chunk: Buffer) => this.receive(chunk));
    this.child.stderr!.resume(); // its log: drained, not shown
    this.child.stdin!.on("error", () => undefined); // a dead server: reported by "exit"
    this.child.on("error", (error) => this.fail(error));
    this.child.on("exit", (code, signal) => this.fail(new Error(`the language server exited (${signal ?? code})`)));
    this.child.unref();
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) (stream as unknown as { unref?(): void })?.unref?.();
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  request<T>(method: string, params: unknown): Promise<T> {
    if (this.closed) return Promise.reject(this.closed);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve, reject });
      this.write({ jsonrpc: "2.0", id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    if (!this.closed) this.write({ jsonrpc: "2.0", method, params });
  }

  /** Asks the server to exit, and makes sure it does. */
  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.race([this.request("shutdown", null).catch(() => undefined), new Promise((r) => setTimeout(r, 500).unref())]);
    this.notify("exit", null);
    this.fail(new Error("the language server was stopped"));
    this.child.kill();
  }

  private write(message: object): void {
    const body = JSON.stringify(message);
    this.child.stdin!.write(`Content-Length: ${Buffer.byteLength(body)}${HEADER_END}${body}`);
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf(HEADER_END);
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: *(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString("latin1"))?.[1] ?? NaN);
      const start = headerEnd + HEADER_END.length;
      if (Number.isNaN(length)) return this.fail(new Error("the language server sent a frame without Content-Length"));
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString("utf8");
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(JSON.parse(body) as Incoming);
    }
  }

  private dispatch(message: Incoming): void {
    if (message.method !== undefined) {
      // The server's request: answer so it goes on (configuration wants one entry per item).
      if (message.id !== undefined) this.write({ jsonrpc: "2.0", id: message.id, result: answerFor(message) });
      return;
    }
    const waiting = this.pending.get(message.id as number);
    if (!waiting) return;
    this.pending.delete(message.id as number);
    if (message.error) waiting.reject(new Error(message.error.message));
    else waiting.resolve(message.result);
  }

  private fail(error: Error): void {
    this.closed ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

function answerFor(message: Incoming): unknown {
  if (message.method === "workspace/configuration") return ((message.params as { items?: unknown[] })?.items ?? []).map(() => null);
  return null;
}
