// Start-up of one kernel, measured as a client sees it: from spawning the kernelspec argv to the
// kernel_info_reply, then to the first cell's execute_result, a cell with a type annotation sent
// the moment kernel_info is answered (tsloop checks every cell, that one too). Our sockets
// reconnect every 2 ms (ZeroMQ's default is 100 ms), so the figure is the kernel's, not the
// client's retry interval.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { v4 as uuid } from "uuid";
import * as zmq from "zeromq";
import { writeConnectionFile } from "../src/client/connection-file";
import { decode, encode } from "../src/protocol/codec";
import { childOf } from "../src/protocol/header";
import type { Envelope } from "../src/protocol/message";
import { Signer } from "../src/protocol/signature";
import { endpoint } from "../src/transport/connection";
import type { Peer } from "./peers";

export interface Startup {
  /** Seconds from spawn to kernel_info_reply. */
  kernelInfo: number;
  /** Seconds from spawn to the first checked cell's execute_result (its execute_reply if no result came). */
  firstResult: number;
}

interface Arrival {
  at: number;
  content: Record<string, unknown>;
}

export async function measureStartup(peer: Peer, timeoutMs = 30000): Promise<Startup> {
  const { dir, file, connection: info } = await writeConnectionFile("tcp", "tsloop-bench-");
  const signer = new Signer(info.key, info.signature_scheme);
  const identity = { session: uuid(), username: "tsloop-bench" };
  const dealer = new zmq.Dealer({ linger: 0, reconnectInterval: 2 });
  const sub = new zmq.Subscriber({ linger: 0, reconnectInterval: 2 });
  sub.subscribe();
  dealer.connect(endpoint(info, info.shell_port));
  sub.connect(endpoint(info, info.iopub_port));
  const received = new Map<string, (e: Envelope) => void>();
  const pump = async (socket: zmq.Dealer | zmq.Subscriber) => {
    try {
      for await (const frames of socket) {
        const decoded = decode(frames, signer);
        if (!decoded.ok) continue;
        for (const [, listener] of received) listener(decoded.envelope);
      }
    } catch {
      /* closed */
    }
  };
  const argv = peer.argv.map((arg) => arg.replace("{connection_file}", file));
  const start = performance.now();
  const child = spawn(argv[0], argv.slice(1), { cwd: peer.cwd, stdio: ["ignore", "ignore", "ignore"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void pump(dealer);
  void pump(sub);
  const timers: NodeJS.Timeout[] = [];
  const awaitMessage = (what: string, match: (e: Envelope) => boolean) =>
    new Promise<Arrival>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`start-up: no ${what} in ${timeoutMs} ms`)), timeoutMs);
      timers.push(timer);
      void exited.then(() => reject(new Error(`start-up: the kernel exited before its ${what}`)));
      received.set(what, (e) => {
        if (!match(e)) return;
        clearTimeout(timer);
        received.delete(what);
        resolve({ at: performance.now(), content: e.content });
      });
    });
  const parentIs = (e: Envelope, id: string) => (e.parent_header as { msg_id?: string }).msg_id === id;
  try {
    const infoRequest = childOf(undefined, "kernel_info_request", {}, identity);
    const infoReply = awaitMessage("kernel_info_reply", (e) => e.header.msg_type === "kernel_info_reply" && parentIs(e, infoRequest.header.msg_id));
    await dealer.send(encode(infoRequest, signer));
    const kernelInfo = (await infoReply).at;
    /** Sends a cell; its reply and its execute_result. */
    const execute = (code: string) => {
      const content = { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true };
      const request = childOf(undefined, "execute_request", content, identity);
      const isMine = (type: string) => (e: Envelope) => e.header.msg_type === type && parentIs(e, request.header.msg_id);
      const result = awaitMessage(`execute_result of ${request.header.msg_id}`, isMine("execute_result"));
      result.catch(() => undefined);
      const reply = awaitMessage(`execute_reply of ${request.header.msg_id}`, isMine("execute_reply"));
      return { result, reply: dealer.send(encode(request, signer)).then(() => reply) };
    };
    const first = execute(peer.snippets.firstCell);
    const replied = (await first.reply).at;
    // The result is published before the reply is sent; allow it a moment on the other socket.
    const resulted = await Promise.race([first.result.then((r) => r.at), new Promise<number>((r) => setTimeout(() => r(replied), 1000))]);
    return { kernelInfo: (kernelInfo - start) / 1000, firstResult: (resulted - start) / 1000 };
  } finally {
    timers.forEach(clearTimeout);
    received.clear();
    dealer.close();
    sub.close();
    child.kill("SIGKILL");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}
