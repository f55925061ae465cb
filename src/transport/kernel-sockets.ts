// The kernel's sockets as seen from the main thread: the shell ROUTER here; heartbeat, control,
// iopub and stdin in the io thread. Implements the session's Channels port.
import { Worker } from "node:worker_threads";
import * as zmq from "zeromq";
import { encode } from "../protocol/codec";
import { Envelope, Message, parentMsgId } from "../protocol/message";
import type { MessageFactory } from "../protocol/messages";
import { ReplayGuard, Signer } from "../protocol/signature";
import { forwardWorkerLogs, log, WORKER_STDIO } from "../log";
import type { Channels, InterpreterInfo, RequestChannel } from "../session/ports";
import { ConnectionInfo, endpoint, removeSocketFiles, restrictSocketFiles } from "./connection";
import { DroppedOutput } from "./dropped-output";
import { estimateSize, OutputFlow } from "./output-flow";
import { SendQueue } from "./send-queue";
import { serveSocket } from "./serve-socket";
import { SyncInputSlot } from "./sync-input";
import { FromIoThread, IoThreadConfig, reviveEnvelope, ToIoThread } from "./thread-messages";

export interface SocketEvents {
  request(channel: RequestChannel, envelope: Envelope): void;
  /** `cell`: the cell that ran when the io thread got the request (see interrupt/interrupt.ts). */
  interrupt(cell: number): void;
  shutdown(restart: boolean): void;
}

export interface IoThreadOptions {
  /** The io thread's entry script (kernel/io-thread.js). */
  script: string;
  interpreterInfo: InterpreterInfo;
  /** The interrupt path's shared memory. */
  interrupts: SharedArrayBuffer;
}

export class KernelSockets implements Channels {
  private readonly signer: Signer;
  private readonly replays = new ReplayGuard();
  private readonly shell = new zmq.Router({ linger: 0 });
  private readonly shellQueue = new SendQueue(this.shell, (e) => log("shell send failed:", e));
  /** The input_requests waiting for their input_reply, by msg_id: cells in several shells may ask at once. */
  private readonly pendingInputs = new Map<string, (reply: Envelope) => void>();
  private readonly flow = new OutputFlow();
  private readonly dropped: DroppedOutput;
  private readonly closedFlag = new SharedArrayBuffer(4);
  private readonly syncInput = new SyncInputSlot();
  private ioThread?: Worker;
  private ioClosing = false;
  private outbox: ToIoThread[] = [];
  private closedThread?: Promise<void>;

  constructor(
    private readonly connection: ConnectionInfo,
    private readonly messages: MessageFactory,
  ) {
    this.signer = new Signer(connection.key, connection.signature_scheme);
    this.dropped = new DroppedOutput(messages);
  }

  /** Binds every socket; rejects with a readable reason when a port cannot be bound. */
  async open(io: IoThreadOptions, events: SocketEvents): Promise<void> {
    const info = this.connection;
    await this.shell.bind(endpoint(info, info.shell_port));
    restrictSocketFiles(info, ["shell_port"]);
    await this.startIoThread(io, events);
    void serveSocket("shell", this.shell, { signer: this.signer, replays: this.replays }, (envelope) => events.request("shell", envelope));
  }

  /** Publishes on iopub; waits while too much is in flight, drops stream output if iopub is stuck. */
  publish(message: Message): void {
    if (this.flow.full) this.flushOutbox(); // what waits in the outbox counts as in flight
    const moving = this.flow.waitForRoom();
    if (!moving && message.header.msg_type === "stream") return this.dropped.add(message);
    if (moving) for (const note of this.dropped.takeNotes()) this.postPublish(note);
    this.postPublish(message);
  }

  private postPublish(message: Message): void {
    const size = estimateSize(message);
    this.flow.add(size);
    this.post({ kind: "publish", message, size });
  }

  reply(channel: RequestChannel, request: Envelope, message: Message): Promise<void> {
    if (channel === "shell") return this.shellQueue.send(encode(message, this.signer, request.identities));
    // The io thread sends it before anything posted after it (an idle) is published.
    this.post({ kind: "control-reply", identities: request.identities, message });
    return Promise.resolve();
  }

  requestInput(parent: Envelope, message: Message): Promise<Envelope> {
    const reply = new Promise<Envelope>((resolve) => this.pendingInputs.set(message.header.msg_id, resolve));
    this.post({ kind: "input-request", identities: parent.identities, message, sync: false });
    return reply;
  }

  requestInputNow(parent: Envelope, message: Message): string | undefined {
    this.syncInput.arm();
    this.post({ kind: "input-request", identities: parent.identities, message, sync: true });
    this.flushOutbox(); // the loop cannot turn while this thread waits: what is queued goes now
    return this.syncInput.wait();
  }

  /** A reply goes to the input() it answers (one that names no request: the oldest); a stale one
   * (its cell was interrupted) is dropped. */
  private onInputReply(reply: Envelope): void {
    const id = parentMsgId(reply) ?? this.pendingInputs.keys().next().value;
    const resolve = id === undefined ? undefined : this.pendingInputs.get(id);
    if (!resolve) return log("stdin: dropped an input_reply that answers no waiting request");
    this.pendingInputs.delete(id!);
    resolve(reply);
  }

  /** Publishes the kernel's first status, `starting` (a child of no request). */
  announceStarting(): void {
    this.publish(this.messages.status(undefined, "starting"));
  }

  /** Flushes what is queued, closes every socket and stops the io thread. */
  async close(): Promise<void> {
    await this.shellQueue.drain();
    this.shell.close();
    this.post({ kind: "close" });
    await Promise.race([this.closedThread, new Promise((r) => setTimeout(r, 2000).unref())]);
    await this.ioThread?.terminate();
    removeSocketFiles(this.connection);
  }

  /** Closes every socket synchronously (for process.exit, which cannot wait): the io thread flushes iopub first. */
  closeNow(timeoutMs = 2000): void {
    this.shell.close();
    this.post({ kind: "close" });
    Atomics.wait(new Int32Array(this.closedFlag), 0, 0, timeoutMs);
    removeSocketFiles(this.connection);
  }

  /** What is queued for the io thread now goes out in one postMessage (one wake-up of the io thread). */
  flush(): void {
    this.flushOutbox();
  }

  /** Messages for the io thread go out together once the loop turns (a request's busy and
   * execute_input, or its result and idle): one postMessage, one wake-up of the io thread. The
   * session flushes before a cell runs, since the loop does not turn while a cell blocks it. */
  private post(message: ToIoThread): void {
    if (this.ioClosing) return;
    if (message.kind === "close") {
      this.flushOutbox();
      this.ioClosing = true;
      this.ioThread?.postMessage(message);
      return;
    }
    this.outbox.push(message);
    if (this.outbox.length === 1) setImmediate(() => this.flushOutbox());
  }

  private flushOutbox(): void {
    if (this.outbox.length === 0) return;
    const messages = this.outbox;
    this.outbox = [];
    this.ioThread?.postMessage(messages.length === 1 ? messages[0] : { kind: "batch", messages });
  }

  private startIoThread(io: IoThreadOptions, events: SocketEvents): Promise<void> {
    const config: IoThreadConfig = {
      connection: this.connection,
      identity: this.messages.identity,
      interpreterInfo: io.interpreterInfo,
      interrupts: io.interrupts,
      flow: this.flow.memory,
      closed: this.closedFlag,
      syncInput: this.syncInput.memory,
    };
    const worker = new Worker(io.script, { workerData: config, ...WORKER_STDIO });
    forwardWorkerLogs(worker);
    this.ioThread = worker;
    let closed: () => void;
    this.closedThread = new Promise((resolve) => (closed = resolve));
    return new Promise((resolve, reject) => {
      worker.on("error", (error) => {
        log("io thread failed:", error);
        reject(error);
      });
      worker.on("message", (message: FromIoThread) => {
        switch (message.kind) {
          case "ready":
            return resolve();
          case "failed":
            return reject(new Error(message.reason));
          case "control":
            return events.request("control", reviveEnvelope(message.envelope));
          case "input-reply":
            return this.onInputReply(reviveEnvelope(message.envelope));
          case "interrupt":
            return events.interrupt(message.cell);
          case "shutdown":
            return events.shutdown(message.restart);
          case "closed":
            return closed();
        }
      });
    });
  }
}
