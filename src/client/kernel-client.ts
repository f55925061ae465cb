// A small Jupyter client over raw ZeroMQ: starts a kernel process from a kernelspec argv (or
// connects to one), sends requests and collects each request's iopub messages until idle.
// Used by `tsloop run` and by the tests that talk to the real kernel process.
import { ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { v4 as uuid } from "uuid";
import * as zmq from "zeromq";
import { decode, encode } from "../protocol/codec";
import { childOf, Identity } from "../protocol/header";
import { Content, Envelope, Message, parentMsgId } from "../protocol/message";
import { Signer } from "../protocol/signature";
import { ConnectionInfo, endpoint } from "../transport/connection";
import { SendQueue } from "../transport/send-queue";
import { writeConnectionFile } from "./connection-file";

export type RequestChannelName = "shell" | "control";

export interface RequestOutcome {
  reply: Envelope;
  /** Every iopub message whose parent is the request, up to and including status idle. */
  messages: Envelope[];
}

export interface StartOptions {
  argv: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  transport?: "tcp" | "ipc";
  /** Kernel stderr goes here (default: ignored). */
  onStderr?: (text: string) => void;
}

type Waiter = { msgId: string; resolve(envelope: Envelope): void };

/** Where a shell request runs: the main shell, or the subshell of this id. */
export interface Destination {
  subshellId?: string;
}

export class KernelClient {
  readonly identity: Identity = { session: uuid(), username: "tsloop-client" };
  readonly signer: Signer;
  private readonly sockets: { shell: zmq.Dealer; control: zmq.Dealer; stdin: zmq.Dealer; iopub: zmq.Subscriber };
  private readonly queues: Record<"shell" | "control" | "stdin", SendQueue>;
  private readonly replyWaiters: Waiter[] = [];
  private readonly iopubListeners = new Set<(message: Envelope) => void>();
  private readonly exited: Promise<number | null>;
  /** The first iopub_welcome (protocol 5.5): from then on our iopub subscription is live. */
  readonly welcomed: Promise<Envelope>;
  onInputRequest?: (request: Envelope) => string | Promise<string>;

  private constructor(
    readonly connection: ConnectionInfo,
    readonly process?: ChildProcess,
    private readonly tempDir?: string,
  ) {
    this.signer = new Signer(connection.key, connection.signature_scheme);
    const routing = randomBytes(8).toString("hex");
    this.sockets = {
      shell: new zmq.Dealer({ routingId: `shell-${routing}`, linger: 0 }),
      control: new zmq.Dealer({ routingId: `control-${routing}`, linger: 0 }),
      stdin: new zmq.Dealer({ routingId: `shell-${routing}`, linger: 0 }),
      iopub: new zmq.Subscriber({ linger: 0 }),
    };
    const onError = () => undefined;
    this.queues = {
      shell: new SendQueue(this.sockets.shell, onError),
      control: new SendQueue(this.sockets.control, onError),
      stdin: new SendQueue(this.sockets.stdin, onError),
    };
    this.exited = process ? new Promise((resolve) => process.once("exit", (code) => resolve(code))) : new Promise(() => undefined);
    // A string compare: @jupyterlab/services 7.6's message types have no iopub_welcome yet.
    this.welcomed = this.nextIopub((m) => (m.header.msg_type as string) === "iopub_welcome");
  }

  /** Writes a connection file, spawns argv (with {connection_file} filled in) and connects. */
  static async start(options: StartOptions): Promise<KernelClient> {
    const { dir, file, connection } = await writeConnectionFile(options.transport ?? "tcp");
    const argv = options.argv.map((arg) => arg.replace("{connection_file}", file));
    // JPY_PARENT_PID, as jupyter_client sets it: a kernel that watches it exits when we die.
    const env = { JPY_PARENT_PID: String(process.pid), ...(options.env ?? process.env) };
    const child = spawn(argv[0], argv.slice(1), { cwd: options.cwd, env, stdio: ["ignore", "ignore", "pipe"] });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => options.onStderr?.(text));
    const client = new KernelClient(connection, child, dir);
    await client.connect();
    return client;
  }

  static async attach(connection: ConnectionInfo): Promise<KernelClient> {
    const client = new KernelClient(connection);
    await client.connect();
    return client;
  }

  private async connect(): Promise<void> {
    const info = this.connection;
    this.sockets.shell.connect(endpoint(info, info.shell_port));
    this.sockets.control.connect(endpoint(info, info.control_port));
    this.sockets.stdin.connect(endpoint(info, info.stdin_port));
    this.sockets.iopub.connect(endpoint(info, info.iopub_port));
    this.sockets.iopub.subscribe();
    void this.readReplies(this.sockets.shell);
    void this.readReplies(this.sockets.control);
    void this.readStdin();
    void this.readIopub();
  }

  /** Waits until the kernel answers kernel_info and its iopub reaches us (the slow-joiner gap). A 5.5
   * kernel's iopub_welcome says our subscription is live, and then one kernel_info's reply and idle
   * will come; an older kernel is probed with kernel_info until a probe's idle reaches us. */
  async ready(timeoutMs = 20000): Promise<Envelope> {
    const deadline = Date.now() + timeoutMs;
    let welcomed = false;
    void this.welcomed.then(() => (welcomed = true));
    while (Date.now() < deadline) {
      const live = welcomed;
      const sent = this.send("shell", "kernel_info_request", {});
      const answered = Promise.all([this.reply(sent.header.msg_id), this.idleOf(sent.header.msg_id)]).then(([reply]) => reply);
      // Not welcomed yet: probe again in a while, or at once when the welcome comes.
      const again = live ? pause(deadline - Date.now()) : Promise.race([pause(PROBE_MS), this.welcomed]);
      const reply = await Promise.race([answered, again.then(() => undefined), this.exited.then(() => undefined)]);
      if (reply) return reply;
      if (this.process && this.process.exitCode !== null) throw new Error(`the kernel exited with code ${this.process.exitCode}`);
    }
    throw new Error("the kernel did not answer kernel_info in time");
  }

  /** Sends a message; `to.subshellId` names the subshell a shell request runs in (JEP 91). */
  /** `extra`: metadata and buffers (a comm message's). */
  send(
    channel: RequestChannelName | "stdin",
    msgType: string,
    content: Content,
    to: Destination = {},
    extra: Partial<Pick<Message, "metadata" | "buffers">> = {},
  ): Message {
    const message = { ...childOf(undefined, msgType, content, this.identity), ...extra };
    if (to.subshellId !== undefined) message.header.subshell_id = to.subshellId;
    void this.queues[channel].send(encode(message, this.signer));
    return message;
  }

  /** Sends a request; resolves with its reply and the iopub messages it caused (through idle). */
  async request(channel: RequestChannelName, msgType: string, content: Content, timeoutMs = 60000, to: Destination = {}): Promise<RequestOutcome> {
    const sent = this.send(channel, msgType, content, to);
    return this.outcomeOf(sent.header.msg_id, timeoutMs);
  }

  /** Sends an execute_request (the usual fields, `options` over them) and returns at once. */
  sendExecute(code: string, options: Content = {}, to: Destination = {}): Message {
    const content = { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: Boolean(this.onInputRequest), stop_on_error: true };
    return this.send("shell", "execute_request", { ...content, ...options }, to);
  }

  async execute(code: string, options: Content = {}, timeoutMs = 60000, to: Destination = {}): Promise<RequestOutcome> {
    return this.outcomeOf(this.sendExecute(code, options, to).header.msg_id, timeoutMs);
  }

  async outcomeOf(msgId: string, timeoutMs = 60000): Promise<RequestOutcome> {
    const messages: Envelope[] = [];
    const collect = (m: Envelope) => parentMsgId(m) === msgId && messages.push(m);
    this.iopubListeners.add(collect);
    try {
      const [reply] = await withTimeout(Promise.all([this.reply(msgId), this.idleOf(msgId)]), timeoutMs, `no reply or idle for ${msgId}`);
      return { reply, messages };
    } finally {
      this.iopubListeners.delete(collect);
    }
  }

  reply(msgId: string): Promise<Envelope> {
    return new Promise((resolve) => this.replyWaiters.push({ msgId, resolve }));
  }

  /** Resolves when a status idle with this parent arrives. */
  idleOf(msgId: string): Promise<Envelope> {
    return this.nextIopub((m) => m.header.msg_type === "status" && m.content.execution_state === "idle" && parentMsgId(m) === msgId);
  }

  nextIopub(match: (message: Envelope) => boolean): Promise<Envelope> {
    return new Promise((resolve) => {
      const listener = (message: Envelope) => {
        if (!match(message)) return;
        this.iopubListeners.delete(listener);
        resolve(message);
      };
      this.iopubListeners.add(listener);
    });
  }

  onIopub(listener: (message: Envelope) => void): () => void {
    this.iopubListeners.add(listener);
    return () => this.iopubListeners.delete(listener);
  }

  /** Sends raw frames on a channel (tests of malformed input). */
  sendRaw(channel: RequestChannelName, frames: Buffer[]): Promise<void> {
    return this.queues[channel].send(frames);
  }

  /** Waits for the kernel process to exit; resolves with its exit code. */
  waitForExit(timeoutMs = 10000): Promise<number | null> {
    return withTimeout(this.exited, timeoutMs, "the kernel did not exit");
  }

  /** Asks the kernel to shut down, then closes our sockets; kills the process if it lingers. */
  async shutdown(): Promise<void> {
    if (this.process && this.process.exitCode === null && this.process.signalCode === null) {
      this.send("control", "shutdown_request", { restart: false });
      await this.waitForExit(5000).catch(() => this.process?.kill("SIGKILL"));
    }
    this.close();
  }

  close(): void {
    for (const socket of Object.values(this.sockets)) socket.close();
    if (this.process && this.process.exitCode === null) this.process.kill("SIGKILL");
    if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
  }

  private async readReplies(socket: zmq.Dealer): Promise<void> {
    try {
      for await (const frames of socket) {
        const decoded = decode(frames, this.signer);
        if (!decoded.ok) continue;
        const parentId = parentMsgId(decoded.envelope);
        const index = this.replyWaiters.findIndex((w) => w.msgId === parentId);
        if (index >= 0) this.replyWaiters.splice(index, 1)[0].resolve(decoded.envelope);
      }
    } catch {
      /* closed */
    }
  }

  private async readStdin(): Promise<void> {
    try {
      for await (const frames of this.sockets.stdin) {
        const decoded = decode(frames, this.signer);
        if (!decoded.ok || decoded.envelope.header.msg_type !== "input_request") continue;
        void this.answerInput(decoded.envelope); // not awaited: cells in two shells may ask at once
      }
    } catch {
      /* closed */
    }
  }

  private async answerInput(request: Envelope): Promise<void> {
    const value = this.onInputRequest ? await this.onInputRequest(request) : "";
    const reply = childOf(request, "input_reply", { value }, this.identity);
    void this.queues.stdin.send(encode(reply, this.signer));
  }

  private async readIopub(): Promise<void> {
    try {
      for await (const frames of this.sockets.iopub) {
        const decoded = decode(frames, this.signer);
        if (!decoded.ok) continue;
        for (const listener of [...this.iopubListeners]) listener(decoded.envelope);
      }
    } catch {
      /* closed */
    }
  }
}

/** How long ready() waits for a probe's reply and idle before it sends another. */
const PROBE_MS = 500;

/** A delay that does not keep the process alive by itself. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
