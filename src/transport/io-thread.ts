// The io thread (a worker): owns heartbeat, control and iopub, so the kernel answers heartbeats
// and control requests while a cell blocks the main thread. The main thread publishes through it.
import { parentPort, workerData } from "node:worker_threads";
import * as zmq from "zeromq";
import { decode, encode } from "../protocol/codec";
import { childOf, replyType } from "../protocol/header";
import { Envelope, Message } from "../protocol/message";
import { ReplayGuard, Signer } from "../protocol/signature";
import { log } from "../log";
import { endpoint, removeSocketFiles } from "./connection";
import { stopMainThread } from "./main-thread-stop";
import { flowSent } from "./output-flow";
import { PulseReader } from "./pulse";
import { SendQueue } from "./send-queue";
import { FromIoThread, IoThreadConfig, reviveBuffers, reviveMessage, ToIoThread } from "./thread-messages";

const config = workerData as IoThreadConfig;
const port = parentPort!;
const signer = new Signer(config.connection.key, config.connection.signature_scheme);
const replays = new ReplayGuard();
const pulse = new PulseReader(config.pulse);
/** How long a shutdown waits for the main thread to close before the process is killed. */
const SHUTDOWN_GRACE_MS = 5000;
const heartbeat = new zmq.Reply({ linger: 0 });
const control = new zmq.Router({ linger: 0 });
const iopub = new zmq.Publisher({ linger: 1000, sendHighWaterMark: 0 });
const iopubQueue = new SendQueue(iopub, (error) => log("iopub send failed:", error));
const controlQueue = new SendQueue(control, (error) => log("control send failed:", error));

function tell(message: FromIoThread): void {
  port.postMessage(message);
}

function publish(message: Message, size = 0): void {
  const sent = iopubQueue.send(encode(message, signer));
  if (size > 0) void sent.then(() => flowSent(config.flow, size));
}

function publishStatus(parent: Envelope, state: "busy" | "idle"): void {
  publish(childOf(parent, "status", { execution_state: state }, config.identity));
}

function replyOnControl(request: Envelope, content: Record<string, unknown>): void {
  const reply = childOf(request, replyType(request.header.msg_type), content, config.identity);
  void controlQueue.send(encode(reply, signer, request.identities));
}

/** Requests the io thread answers itself, because they must work while the main thread is blocked. */
const ownHandlers: Record<string, (request: Envelope) => void> = {
  kernel_info_request(request) {
    replyOnControl(request, { status: "ok", ...config.kernelInfo });
  },
  interrupt_request(request) {
    tell({ kind: "interrupt", envelope: request, at: Date.now() }); // handled late if the main thread is blocked
    replyOnControl(request, { status: "ok" });
    void stopBlockedMainThread();
  },
  shutdown_request(request) {
    const restart = Boolean((request.content as { restart?: unknown }).restart);
    replyOnControl(request, { status: "ok", restart });
    publish(childOf(request, "shutdown_reply", { status: "ok", restart }, config.identity));
    tell({ kind: "shutdown", restart });
    void stopBlockedMainThread();
    setTimeout(killIfStillRunning, SHUTDOWN_GRACE_MS).unref();
  },
};

/**
 * A main thread that is blocked (a cell's loop, also one in a timer or after an await) never sees
 * our message: terminate what it runs, but only if it is still the same blockage once paused.
 */
async function stopBlockedMainThread(): Promise<void> {
  const ticks = await pulse.blocked();
  if (ticks === undefined) return;
  const stillBlocked = async (clearStack: () => Promise<boolean>) =>
    pulse.ticks === ticks && ((await clearStack()) || pulse.cellRunning); // without the clear, only a cell's synchronous part is safe
  await stopMainThread(stillBlocked).catch((error) => log("stopping the main thread failed:", error));
}

/** The main thread did not close in time after a shutdown_request (blocked outside JavaScript). */
function killIfStillRunning(): void {
  if (Atomics.load(new Int32Array(config.closed), 0) === 1) return;
  log("shutdown: the main thread did not stop; killing the process");
  for (const socket of [heartbeat, control, iopub]) socket.close();
  removeSocketFiles(config.connection);
  process.kill(process.pid, "SIGKILL");
}

async function serveControl(): Promise<void> {
  for await (const frames of control) {
    const decoded = decode(frames as Buffer[], signer, replays);
    if (!decoded.ok) {
      log(`control: dropped a message: ${decoded.reason}`);
      continue;
    }
    const request = decoded.envelope;
    const own = ownHandlers[request.header.msg_type];
    if (!own) {
      tell({ kind: "control", envelope: request }); // the main thread publishes its own busy/idle
      continue;
    }
    publishStatus(request, "busy");
    own(request);
    publishStatus(request, "idle");
  }
}

async function serveHeartbeat(): Promise<void> {
  for await (const frames of heartbeat) await heartbeat.send(frames as Buffer[]);
}

async function close(): Promise<void> {
  await Promise.all([iopubQueue.drain(), controlQueue.drain()]);
  for (const socket of [heartbeat, control, iopub]) socket.close();
  const closed = new Int32Array(config.closed);
  Atomics.store(closed, 0, 1);
  Atomics.notify(closed, 0);
  tell({ kind: "closed" });
}

port.on("message", (message: ToIoThread) => {
  switch (message.kind) {
    case "publish":
      publish(reviveMessage(message.message), message.size);
      break;
    case "control-reply":
      void controlQueue.send(encode(reviveMessage(message.message), signer, reviveBuffers(message.identities)));
      break;
    case "close":
      void close();
      break;
  }
});

async function start(): Promise<void> {
  const info = config.connection;
  try {
    await heartbeat.bind(endpoint(info, info.hb_port));
    await control.bind(endpoint(info, info.control_port));
    await iopub.bind(endpoint(info, info.iopub_port));
  } catch (error) {
    tell({ kind: "failed", reason: `cannot bind: ${(error as Error).message}` });
    return;
  }
  tell({ kind: "ready" });
  serveHeartbeat().catch((error) => log("heartbeat stopped:", error));
  serveControl().catch((error) => log("control stopped:", error));
}

void start();
