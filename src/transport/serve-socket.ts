// The read loop of a request socket: every frame set is decoded and authenticated; what fails is
// logged and dropped, and one bad message or failing handler never stops the loop.
import type * as zmq from "zeromq";
import { decode } from "../protocol/codec";
import type { Envelope } from "../protocol/message";
import type { ReplayGuard, Signer } from "../protocol/signature";
import { log } from "../log";

export async function serveSocket(
  name: string,
  socket: zmq.Router,
  auth: { signer: Signer; replays: ReplayGuard },
  onMessage: (envelope: Envelope) => void,
): Promise<void> {
  try {
    for await (const frames of socket) {
      const decoded = decode(frames, auth.signer, auth.replays);
      if (!decoded.ok) {
        log(`${name}: dropped a message: ${decoded.reason}`);
        continue;
      }
      try {
        onMessage(decoded.envelope);
      } catch (error) {
        log(`${name}: handling a message failed:`, error);
      }
    }
  } catch (error) {
    if (!socket.closed) log(`${name} stopped:`, error);
  }
}
