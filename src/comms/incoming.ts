// The comm messages that come in on shell (the session's Comms port): comm_open runs its target's
// handler (an unknown target gets a comm_close), comm_msg and comm_close reach the comm's callbacks.
// A message without a string comm_id (or target_name) is logged and ignored: comm messages have no reply.
import type { Envelope } from "../protocol/message";
import { log } from "../log";
import { closedByFrontend, deliver } from "./comm";
import { whileHandling } from "./outlet";
import type { CommRegistry } from "./registry";
import type { CommMessage, CommPublisher, JsonObject } from "./types";

/** The message as cells see it: no routing identities, data always an object. */
function received(envelope: Envelope): CommMessage | undefined {
  const { header, parent_header, metadata, content, buffers } = envelope;
  if (typeof content.comm_id !== "string") return void log(`${header.msg_type} without a string comm_id: ignored`);
  const data = content.data !== null && typeof content.data === "object" && !Array.isArray(content.data) ? (content.data as JsonObject) : {};
  return { header, parent_header, metadata, content: { ...content, comm_id: content.comm_id, data }, buffers };
}

export class IncomingComms {
  constructor(private readonly registry: CommRegistry) {}

  open(envelope: Envelope, publisher: CommPublisher): void {
    const message = received(envelope);
    const targetName = envelope.content.target_name;
    if (!message) return;
    const handler = typeof targetName === "string" ? this.registry.target(targetName) : undefined;
    if (!handler) {
      log(`comm_open to unknown target ${JSON.stringify(targetName)}: closed`);
      return publisher.commClose({ comm_id: message.content.comm_id, data: {} }, { metadata: {}, buffers: [] });
    }
    const comm = this.registry.add(targetName as string, message.content.comm_id);
    whileHandling(publisher, () => handler(comm, message));
  }

  message(envelope: Envelope, publisher: CommPublisher): void {
    const message = received(envelope);
    const comm = message && this.registry.get(message.content.comm_id);
    if (message && !comm) return log(`comm_msg for unknown comm ${message.content.comm_id}: ignored`);
    if (comm && message) whileHandling(publisher, () => comm[deliver](message));
  }

  close(envelope: Envelope, publisher: CommPublisher): void {
    const message = received(envelope);
    const comm = message && this.registry.get(message.content.comm_id);
    if (comm && message) whileHandling(publisher, () => comm[closedByFrontend](message));
  }

  info(targetName?: string): Record<string, { target_name: string }> {
    return this.registry.info(targetName);
  }
}
