// What VS Code's Jupyter extension hands @jupyterlab/services for a local kernel: a WebSocket-shaped
// object (the `WebSocket` constructor of ServerConnection.makeSettings) that carries no WebSocket
// at all. KernelConnection sends it whole messages (the serializer passes them through), and it maps
// each one by its channel onto a ZeroMQ socket, signed with the connection file's key; what the
// sockets receive comes back decoded, with its channel, through onmessage.
import { randomBytes } from "node:crypto";
import type { KernelMessage, ServerConnection } from "@jupyterlab/services";
import * as zmq from "zeromq";
import { decode, encode } from "../../src/protocol/codec";
import type { Message } from "../../src/protocol/message";
import { Signer } from "../../src/protocol/signature";
import { ConnectionInfo, endpoint } from "../../src/transport/connection";
import { SendQueue } from "../../src/transport/send-queue";

type Channel = "shell" | "control" | "stdin";
type Handler = ((event: Record<string, unknown>) => void) | null;

/** How long a new socket waits for the kernel's iopub_welcome before it reports a failed open. */
export const OPEN_TIMEOUT_MS = 60_000;

/** Messages go to the socket as they are: the socket encodes them for ZeroMQ itself. */
export const passThroughSerializer: ServerConnection.ISettings["serializer"] = {
  serialize: (msg) => msg as unknown as string,
  deserialize: (data) => data as unknown as KernelMessage.IMessage,
};

/** A `WebSocket` class whose instances talk ZeroMQ to the kernel of `connection`. */
export function zmqWebSocketClass(connection: ConnectionInfo): typeof WebSocket {
  class ZmqWebSocket {
    static readonly CONNECTING = 0;
    static readonly OPEN = 1;
    static readonly CLOSING = 2;
    static readonly CLOSED = 3;
    readonly protocol = "";
    binaryType = "arraybuffer";
    readyState = ZmqWebSocket.CONNECTING;
    onopen: Handler = null;
    onclose: Handler = null;
    onerror: Handler = null;
    onmessage: Handler = null;
    private readonly signer = new Signer(connection.key, connection.signature_scheme);
    private readonly dealers: Record<Channel, zmq.Dealer>;
    private readonly queues: Record<Channel, SendQueue>;
    private readonly iopub = new zmq.Subscriber({ linger: 0 });
    private readonly openTimer: NodeJS.Timeout;

    constructor(readonly url: string) {
      // stdin shares the shell's routing id: the kernel addresses an input_request to the shell's sender.
      const routing = `vscode-${randomBytes(6).toString("hex")}`;
      this.dealers = {
        shell: new zmq.Dealer({ routingId: routing, linger: 0 }),
        control: new zmq.Dealer({ routingId: `control-${routing}`, linger: 0 }),
        stdin: new zmq.Dealer({ routingId: routing, linger: 0 }),
      };
      const fail = (error: unknown) => this.onerror?.({ error });
      this.queues = {
        shell: new SendQueue(this.dealers.shell, fail),
        control: new SendQueue(this.dealers.control, fail),
        stdin: new SendQueue(this.dealers.stdin, fail),
      };
      const port = { shell: connection.shell_port, control: connection.control_port, stdin: connection.stdin_port };
      for (const channel of ["shell", "control", "stdin"] as const) {
        this.dealers[channel].connect(endpoint(connection, port[channel]));
        void this.read(this.dealers[channel], channel);
      }
      this.iopub.connect(endpoint(connection, connection.iopub_port));
      this.iopub.subscribe();
      void this.read(this.iopub, "iopub");
      this.openTimer = setTimeout(() => this.fail(`no iopub_welcome within ${OPEN_TIMEOUT_MS} ms`), OPEN_TIMEOUT_MS);
    }

    send(data: unknown): void {
      if (this.readyState !== ZmqWebSocket.OPEN) throw new Error("the ZeroMQ socket is not open");
      const message = data as KernelMessage.IMessage;
      const channel = message.channel as Channel;
      if (!(channel in this.queues)) throw new Error(`no ZeroMQ socket for the ${message.channel} channel`);
      void this.queues[channel].send(encode(message as unknown as Message, this.signer));
    }

    close(code = 1000, reason = ""): void {
      if (this.readyState === ZmqWebSocket.CLOSED) return;
      this.readyState = ZmqWebSocket.CLOSED;
      clearTimeout(this.openTimer);
      for (const socket of [...Object.values(this.dealers), this.iopub]) socket.close();
      setImmediate(() => this.onclose?.({ code, reason, wasClean: true }));
    }

    // The socket opens when the kernel's XPUB welcomes our subscription (protocol 5.5): from then
    // on nothing published is lost. The welcome itself stays here: services 7.6 has no such type.
    private opened(): void {
      clearTimeout(this.openTimer);
      this.readyState = ZmqWebSocket.OPEN;
      this.onopen?.({});
    }

    private fail(reason: string): void {
      this.onerror?.({ message: reason });
      this.close(1006, reason);
    }

    private async read(socket: zmq.Dealer | zmq.Subscriber, channel: Channel | "iopub"): Promise<void> {
      try {
        for await (const frames of socket) {
          const decoded = decode(frames, this.signer);
          if (!decoded.ok || this.readyState === ZmqWebSocket.CLOSED) continue;
          const { identities: _routing, ...message } = decoded.envelope;
          if ((message.header.msg_type as string) === "iopub_welcome") {
            if (this.readyState === ZmqWebSocket.CONNECTING) this.opened();
            continue;
          }
          if (this.readyState === ZmqWebSocket.OPEN) this.onmessage?.({ data: { ...message, channel } });
        }
      } catch {
        /* the socket was closed */
      }
    }
  }
  return ZmqWebSocket as unknown as typeof WebSocket;
}
