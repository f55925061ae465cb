// One kernel process per notebook (what `tsloop run` uses): started from a kernelspec argv with a
// warm type checker, executes cells one at a time with a timeout, reports every iopub message with
// its parent request, notices the process dying, and waits out late output.
import { performance } from "node:perf_hooks";
import { Envelope, parentMsgId } from "../protocol/message";
import { delay, KernelClient } from "./kernel-client";

/** How one cell's execute ended: replied (and idle), timed out (then interrupted), or the kernel died. */
export type CellRunOutcome =
  | { kind: "done"; reply: Envelope; wallSeconds: number }
  | { kind: "timeout"; wallSeconds: number; recovered: boolean }
  | { kind: "died"; wallSeconds: number; exit: string };

export class NotebookKernel {
  private lastMessageAt = performance.now();
  private exitCode: number | null | undefined;
  private exitDescription = "exited";
  private readonly exited: Promise<void>;

  private constructor(
    private readonly client: KernelClient,
    readonly info: Envelope,
  ) {
    client.onIopub(() => (this.lastMessageAt = performance.now()));
    const child = client.process!;
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null) {
        this.exitCode = child.exitCode;
        resolve();
      }
      child.once("exit", (code, signal) => {
        this.exitCode = code;
        this.exitDescription = signal ? `killed by ${signal}` : `exit code ${code}`;
        resolve();
      });
    });
  }

  /** Starts the kernel and waits for kernel_info; `stderr` receives the kernel's stderr. */
  static async start(argv: string[], cwd: string, stderr: (text: string) => void): Promise<NotebookKernel> {
    const client = await KernelClient.start({ argv, cwd, onStderr: stderr });
    try {
      const info = await client.ready();
      // One silent cell first: a kernel's first cell also waits for its start-up (the type checker's
      // server loading, ~0.3 s), and the lessons time their cells, so the notebook's first cell
      // should not carry that. Silent: no execute_input, no count, no history.
      await client.execute("0", { silent: true, store_history: false, stop_on_error: false });
      return new NotebookKernel(client, info);
    } catch (err) {
      client.close();
      throw err;
    }
  }

  onMessage(listener: (parentId: string | undefined, message: Envelope) => void): void {
    this.client.onIopub((message) => listener(parentMsgId(message), message));
  }

  /** Runs one cell: `onSent` gets the request's msg_id before any of its messages can arrive. */
  async execute(code: string, timeoutMs: number, onSent: (msgId: string) => void): Promise<CellRunOutcome> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    const sent = this.client.send("shell", "execute_request", {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: false,
    });
    onSent(sent.header.msg_id);
    // Our own timer (cleared when done), so a finished run never waits for a pending timeout.
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
    const outcome = Promise.all([this.client.reply(sent.header.msg_id), this.client.idleOf(sent.header.msg_id)]).then(([reply]) => ({
      kind: "done" as const,
      reply,
      wallSeconds: seconds(),
    }));
    const died = this.exited.then(() => ({ kind: "died" as const, wallSeconds: seconds(), exit: this.exitDescription }));
    const first = await Promise.race([outcome, died, timedOut]).finally(() => clearTimeout(timer));
    if (first) return first;
    return { kind: "timeout", wallSeconds: seconds(), recovered: await this.interrupt(sent.header.msg_id) };
  }

  /** Interrupts a cell that ran too long; true if the kernel went idle for it afterwards. */
  private async interrupt(msgId: string): Promise<boolean> {
    this.client.send("control", "interrupt_request", {});
    let timer: NodeJS.Timeout | undefined;
    const giveUp = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 5000)));
    const idle = this.client.idleOf(msgId).then(() => true);
    return Promise.race([idle, giveUp, this.exited.then(() => false)]).finally(() => clearTimeout(timer));
  }

  /** From now, waits until iopub has been quiet for `quietMs` (at most `capMs`), so late output arrives. */
  async settle(quietMs: number, capMs: number): Promise<void> {
    const deadline = performance.now() + capMs;
    this.lastMessageAt = performance.now();
    while (this.exitCode === undefined) {
      const now = performance.now();
      const quietUntil = this.lastMessageAt + quietMs;
      if (now >= quietUntil || now >= deadline) return;
      await delay(Math.min(quietUntil, deadline) - now + 1);
    }
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }

  async shutdown(): Promise<void> {
    await this.client.shutdown();
  }
}
