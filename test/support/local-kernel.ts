// A kernel launched the way VS Code's Jupyter extension launches a local one, with no server: a
// connection file of our own, the kernelspec's argv, and the launcher itself interrupting (by the
// kernelspec's interrupt_mode) and restarting (shutdown_request with restart, then the same argv
// on the same connection file again, so the client's sockets find the new process on the same ports).
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { writeConnectionFile } from "../../src/client/connection-file";
import { KernelClient } from "../../src/client/kernel-client";
import type { ConnectionInfo } from "../../src/transport/connection";
import { kernelArgv, ROOT } from "./kernel";

/** The fields of kernel.json a launcher reads. */
export interface Kernelspec {
  argv: string[];
  display_name: string;
  interrupt_mode?: "signal" | "message";
}

export const CONTROL_REPLY_MS = 20_000;

export class LocalKernel {
  private child!: ChildProcess;
  private exited!: Promise<void>;
  /** The kernel's stderr over every process it ran in, for a failing test's message. */
  stderr = "";

  private constructor(
    readonly spec: Kernelspec,
    readonly connection: ConnectionInfo,
    private readonly connectionFile: string,
    private readonly dir: string,
  ) {}

  static async start(): Promise<LocalKernel> {
    const spec = JSON.parse(fs.readFileSync(path.join(ROOT, "kernel.json"), "utf8")) as Kernelspec;
    const { dir, file, connection } = await writeConnectionFile("tcp", "tsloop-vscode-");
    const kernel = new LocalKernel(spec, connection, file, dir);
    kernel.spawn();
    return kernel;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** interrupt_mode "message": an interrupt_request on control, answered before this resolves; else SIGINT. */
  async interrupt(): Promise<void> {
    if (this.spec.interrupt_mode !== "message") {
      this.child.kill("SIGINT");
      return;
    }
    await this.control("interrupt_request", {});
  }

  /** Asks the process to end for a restart, waits for it to exit, and starts the argv again. */
  async restart(): Promise<void> {
    await this.control("shutdown_request", { restart: true });
    await this.exit(CONTROL_REPLY_MS);
    this.spawn();
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      await this.control("shutdown_request", { restart: false }).catch(() => undefined);
      await this.exit(5_000).catch(() => this.child.kill("SIGKILL"));
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private spawn(): void {
    const argv = kernelArgv().map((arg) => arg.replace("{connection_file}", this.connectionFile));
    this.child = spawn(argv[0], argv.slice(1), {
      cwd: ROOT,
      env: { ...process.env, JPY_PARENT_PID: String(process.pid) },
      stdio: ["ignore", "ignore", "pipe"],
    });
    this.child.stderr!.setEncoding("utf8");
    this.child.stderr!.on("data", (text: string) => (this.stderr = (this.stderr + text).slice(-4000)));
    const child = this.child;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
  }

  private exit(ms: number): Promise<void> {
    return bounded(this.exited, ms, "the kernel's exit");
  }

  /** A control request from the launcher's own socket (as a server sends one), waiting for its reply. */
  private async control(msgType: string, content: Record<string, unknown>): Promise<void> {
    const client = await KernelClient.attach(this.connection);
    try {
      const sent = client.send("control", msgType, content);
      await bounded(client.reply(sent.header.msg_id), CONTROL_REPLY_MS, `the ${msgType}'s reply`);
    } finally {
      client.close();
    }
  }
}

/** `promise`, or a rejection naming `what` after `ms`. */
function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
