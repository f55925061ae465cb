// The main thread's side of the checker worker: starts it in the background, sends requests by
// id, and knows when it is warm. Nothing here loads TypeScript, so the main thread stays free.
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { debug, forwardWorkerLogs, WORKER_STDIO } from "../log";
import type { CheckDiagnostic, ServiceCompletion } from "./cell-checker";

export type { CheckDiagnostic, ServiceCompletion } from "./cell-checker";

type Pending = { resolve(value: unknown): void; reject(error: Error): void };
type Reply = { ready?: true; id?: number; ok?: boolean; value?: unknown; reason?: string };

/** The answer of a checker that is not warm yet (or stopped): the cell runs unchecked. */
export const NOT_READY = Symbol("checker not ready");

const CHECKS_KEPT = 64;

export class Checker {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private warm = false;
  private started = false;
  /** Cells that ran before the worker started, to record first. */
  private readonly early: string[] = [];
  /** The checker's history version as of its last answered commit, and the commits not answered yet. */
  private historyVersion = 0;
  private commitsInFlight = 0;
  /** A cell's errors hold while no commit changed the history: re-running a cell is not re-checked. */
  private readonly checked = new Map<string, { historyVersion: number; found: CheckDiagnostic[] }>();

  constructor(private readonly cwd: string) {}

  /** Starts the worker now; it warms up in the background. */
  start(): void {
    if (this.worker || this.started) return;
    this.started = true;
    const worker = new Worker(join(__dirname, "checker-worker.js"), { workerData: { cwd: this.cwd }, ...WORKER_STDIO });
    forwardWorkerLogs(worker);
    worker.unref();
    worker.on("message", (reply: Reply) => this.receive(reply));
    worker.on("error", (error) => this.failAll(error));
    worker.on("exit", () => {
      this.worker = undefined;
      this.warm = false;
      this.failAll(new Error("the checker stopped"));
    });
    this.worker = worker;
    for (const code of this.early.splice(0)) this.commit(code);
  }

  /** The cell's type errors, or NOT_READY while the checker is not warm yet. It never waits for
   * the warm-up (1–3 s of CPU): waiting would add that to the first cell of every notebook run. */
  async check(code: string): Promise<CheckDiagnostic[] | typeof NOT_READY> {
    if (!this.warm) {
      debug("type check skipped: the checker is still warming up");
      return NOT_READY;
    }
    const known = this.commitsInFlight === 0 ? this.checked.get(code) : undefined;
    if (known?.historyVersion === this.historyVersion) return known.found;
    const started = performance.now();
    const answer = (await this.request({ kind: "check", code })) as { diagnostics: CheckDiagnostic[]; historyVersion: number };
    debug(`type check: ${(performance.now() - started).toFixed(1)} ms`);
    // Requests are answered in order: with no commit in flight, the answer is as of the latest one.
    if (this.commitsInFlight === 0 && answer.historyVersion === this.historyVersion) this.remember(code, answer.historyVersion, answer.diagnostics);
    return answer.diagnostics;
  }

  /** Tells the checker a cell ran, so later cells see its declarations (queued, not awaited). */
  commit(code: string): void {
    if (!this.worker) return void (this.started || this.early.push(code));
    this.commitsInFlight++;
    this.request({ kind: "commit", code })
      .then(
        (version) => (this.historyVersion = version as number),
        () => undefined,
      )
      .finally(() => this.commitsInFlight--);
  }

  private remember(code: string, historyVersion: number, found: CheckDiagnostic[]): void {
    if (this.checked.size >= CHECKS_KEPT) this.checked.delete(this.checked.keys().next().value!);
    this.checked.set(code, { historyVersion, found });
  }

  /** Completions from the service, or NOT_READY while it is cold (never waits for it). */
  async completions(code: string, position: number): Promise<ServiceCompletion[] | typeof NOT_READY> {
    if (!this.warm) return NOT_READY;
    return (await this.request({ kind: "complete", code, position })) as ServiceCompletion[];
  }

  /** The type at `position` (quick info), or undefined when cold or nothing is there. */
  async quickInfo(code: string, position: number): Promise<string | undefined> {
    if (!this.warm) return undefined;
    return (await this.request({ kind: "info", code, position })) as string | undefined;
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
  }

  private request(message: Record<string, unknown>): Promise<unknown> {
    if (!this.worker) return Promise.reject(new Error("the checker is not running"));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ id, ...message });
    });
  }

  private receive(reply: Reply): void {
    if (reply.ready) {
      this.warm = true;
      return;
    }
    const waiting = this.pending.get(reply.id!);
    this.pending.delete(reply.id!);
    if (reply.ok) waiting?.resolve(reply.value);
    else waiting?.reject(new Error(reply.reason));
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
