// The main thread's side of the transpile worker: requests by id, plus a cache keyed by the
// cell's text, since re-running a cell is the most common thing a notebook does.
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { forwardWorkerLogs, WORKER_STDIO } from "../log";
import type { TranspiledCell } from "./transpile";

type Pending = { resolve(cell: TranspiledCell): void; reject(error: Error): void };
const CACHE_SIZE = 256;

export class Transpiler {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly cache = new Map<string, TranspiledCell>();

  /** Starts the worker now (it warms up in the background). */
  start(): void {
    if (this.worker) return;
    const worker = new Worker(join(__dirname, "transpile-worker.js"), WORKER_STDIO);
    forwardWorkerLogs(worker);
    worker.unref();
    worker.on("message", (reply: { id: number; ok: boolean; cell?: TranspiledCell; reason?: string }) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.ok) waiting?.resolve(reply.cell!);
      else waiting?.reject(new Error(reply.reason));
    });
    worker.on("error", (error) => this.failAll(error));
    worker.on("exit", () => {
      this.worker = undefined;
      this.failAll(new Error("the transpiler stopped"));
    });
    this.worker = worker;
  }

  async transpile(code: string): Promise<TranspiledCell> {
    const cached = this.cache.get(code);
    if (cached) return cached;
    this.start();
    const id = this.nextId++;
    const cell = await new Promise<TranspiledCell>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ id, code, fileName: "cell.ts" });
    });
    this.remember(code, cell);
    return cell;
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
  }

  private remember(code: string, cell: TranspiledCell): void {
    if (this.cache.size >= CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(code, cell);
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
