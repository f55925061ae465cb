// The io thread's sockets (it runs in a worker, started by kernel-sockets.ts): heartbeat, control,
// iopub and stdin, so heartbeats are echoed, control requests are read and a synchronous prompt()
// gets its reply while a cell blocks the main thread, and every new iopub subscriber gets its
// iopub_welcome. It only moves messages: what a control request means is the caller's (kernel/io-thread.ts).
import { parentPort, workerData } from "node:worker_threads";
import * as zmq from "zeromq";
import { encode } from "../protocol/codec";
import { Envelope, Message, parentMsgId } from "../protocol/message";
import { MessageFactory } from "../protocol/messages";
import { ReplayGuard, Signer } from "../protocol/signature";
import { log } from "../log";
import { endpoint, removeSocketFiles, restrictSocketFiles } from "./connection";
import { copyingSends } from "./copied-frames";
import { flowSent } from "./output-flow";
import { SendQueue } from "./send-queue";
import { serveSocket } from "./serve-socket";
import { SyncInputSlot } from "./sync-input";
import { FromIoThread, IoThreadConfig, reviveBuffers, reviveMessage, ToIoThread } from "./thread-messages";

/** How long a shutdown waits for the main thread to close before the process is killed. */
const SHUTDOWN_GRACE_MS = 5000;
/** How long a close waits for the read loops to end (they end on the next turns of the loop). */
const READ_LOOPS_END_MS = 500;
/** The first byte of a subscription an XPUB socket receives (0 is an unsubscription). */
const SUBSCRIBE = 1;

export class IoThread {
  readonly config = workerData as IoThreadConfig;
  private readonly port = parentPort!;
  private readonly signer = new Signer(this.config.connection.key, this.config.connection.signature_scheme);
  private readonly replays = new ReplayGuard();
  private readonly heartbeat = new zmq.Reply({ linger: 0 });
  private readonly control = new zmq.Router({ linger: 0 });
  // XPUB (protocol 5.5), so subscriptions reach us; verbosity "allSubs" (ZMQ_XPUB_VERBOSE) passes a
  // repeated subscription too, else a second client subscribing to "" would never get its welcome.
  private readonly iopub = new zmq.XPublisher({ linger: 1000, sendHighWaterMark: 0, verbosity: "allSubs" });
  private readonly messages = new MessageFactory(this.config.identity);
  private readonly iopubQueue = new SendQueue(copyingSends(this.iopub), (error) => log("iopub send failed:", error));
  private readonly controlQueue = new SendQueue(copyingSends(this.control), (error) => log("control send failed:", error));
  private readonly stdin = new zmq.Router({ linger: 0 });
  private readonly stdinQueue = new SendQueue(copyingSends(this.stdin), (error) => log("stdin send failed:", error));
  private readonly syncInput = new SyncInputSlot(this.config.syncInput);
  /** The msg_id of the input_request the main thread waits on synchronously. */
  private syncRequestId?: string;
  /** Settles once every socket's read loop has ended (after close). */
  private readLoops: Promise<unknown> = Promise.resolve();

  /** Binds the sockets, then serves: `onControl` gets every authenticated control request. */
  async start(onControl: (request: Envelope) => void): Promise<void> {
    this.port.on("message", (message: ToIoThread) => this.fromMain(message));
    const info = this.config.connection;
    try {
      await this.heartbeat.bind(endpoint(info, info.hb_port));
      await this.control.bind(endpoint(info, info.control_port));
      await this.iopub.bind(endpoint(info, info.iopub_port));
      await this.stdin.bind(endpoint(info, info.stdin_port));
      restrictSocketFiles(info, ["hb_port", "control_port", "iopub_port", "stdin_port"]);
    } catch (error) {
      return this.tell({ kind: "failed", reason: `cannot bind: ${(error as Error).message}` });
    }
    this.tell({ kind: "ready" });
    const auth = { signer: this.signer, replays: this.replays };
    this.readLoops = Promise.all([
      this.serveHeartbeat().catch((error) => log("heartbeat stopped:", error)),
      serveSocket("control", this.control, auth, onControl),
      serveSocket("stdin", this.stdin, auth, (reply) => this.onInputReply(reply)),
      this.welcomeSubscribers().catch((error) => log("iopub subscriptions stopped:", error)),
    ]);
  }

  tell(message: FromIoThread): void {
    this.port.postMessage(message);
  }

  publish(message: Message, size = 0): void {
    const sent = this.iopubQueue.send(encode(message, this.signer));
    if (size > 0) void sent.then(() => flowSent(this.config.flow, size));
  }

  /** Resolves once the reply is handed to ZeroMQ. */
  replyOnControl(request: Envelope, message: Message): Promise<void> {
    return this.controlQueue.send(encode(message, this.signer, request.identities));
  }

  /** Wakes a main thread blocked in a synchronous prompt() (an interrupt or shutdown came). */
  cancelSyncInput(): void {
    this.syncInput.cancel();
  }

  /** After a shutdown request: if the main thread has not closed in time (blocked outside
   * JavaScript), the process is killed. */
  killAfterGrace(): void {
    setTimeout(() => this.killIfStillRunning(), SHUTDOWN_GRACE_MS).unref();
  }

  private killIfStillRunning(): void {
    if (Atomics.load(new Int32Array(this.config.closed), 0) === 1) return;
    log("shutdown: the main thread did not stop; killing the process");
    for (const socket of [this.heartbeat, this.control, this.iopub, this.stdin]) socket.close();
    removeSocketFiles(this.config.connection);
    process.kill(process.pid, "SIGKILL");
  }

  private fromMain(message: ToIoThread): void {
    switch (message.kind) {
      case "publish":
        return this.publish(reviveMessage(message.message), message.size);
      case "control-reply":
        return void this.controlQueue.send(encode(reviveMessage(message.message), this.signer, reviveBuffers(message.identities)));
      case "input-request":
        if (message.sync) this.syncRequestId = message.message.header.msg_id;
        return void this.stdinQueue.send(encode(reviveMessage(message.message), this.signer, reviveBuffers(message.identities)));
      case "batch":
        return message.messages.forEach((each) => this.fromMain(each));
      case "close":
        return void this.close();
    }
  }

  /** An input_reply to the request a synchronous prompt() waits on goes to its slot (a reply
   * that names no parent counts as that one); any other is posted to the main thread. */
  private onInputReply(reply: Envelope): void {
    const parent = parentMsgId(reply);
    if (this.syncInput.waiting && (parent === undefined || parent === this.syncRequestId)) {
      const value = reply.content.value;
      this.syncInput.answer(typeof value === "string" ? value : "");
    } else this.tell({ kind: "input-reply", envelope: reply });
  }

  /** Each subscription gets an iopub_welcome under its own topic, so the client knows from when on
   * it receives what the kernel publishes (JEP 65). */
  private async welcomeSubscribers(): Promise<void> {
    for await (const [frame] of this.iopub) {
      if (frame?.[0] !== SUBSCRIBE) continue;
      const topic = frame.subarray(1);
      void this.iopubQueue.send(encode(this.messages.iopubWelcome(topic.toString("utf8")), this.signer, topic.length > 0 ? [topic] : []));
    }
  }

  private async serveHeartbeat(): Promise<void> {
    const echo = copyingSends(this.heartbeat);
    for await (const frames of this.heartbeat) await echo.send(frames);
  }

  private async close(): Promise<void> {
    this.syncInput.cancel();
    await Promise.all([this.iopubQueue.drain(), this.controlQueue.drain(), this.stdinQueue.drain()]);
    for (const socket of [this.heartbeat, this.control, this.iopub, this.stdin]) socket.close();
    // A read still pending in ZeroMQ when the thread ends is settled from native code into a
    // stopped thread, which aborts the process: closed means the reads have ended too.
    await Promise.race([this.readLoops, new Promise((r) => setTimeout(r, READ_LOOPS_END_MS))]);
    const closed = new Int32Array(this.config.closed);
    Atomics.store(closed, 0, 1);
    Atomics.notify(closed, 0);
    this.tell({ kind: "closed" });
  }
}
