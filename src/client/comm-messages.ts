// Comm messages from the client's side: comm_open, comm_msg and comm_close on shell (they have no
// reply, so each resolves with the iopub messages its request caused, through its idle), and the
// comm messages the kernel publishes on iopub, as they arrive.
import { randomUUID } from "node:crypto";
import { type Content, type Envelope, parentMsgId } from "../protocol/message";
import { withTimeout, type KernelClient } from "./kernel-client";

export interface CommSendOptions {
  metadata?: Content;
  buffers?: Buffer[];
  timeoutMs?: number;
}

/** Sends a message with no reply; resolves with the iopub messages parented to it, through its idle. */
export async function sendNoReply(kernel: KernelClient, msgType: string, content: Content, options: CommSendOptions = {}): Promise<Envelope[]> {
  const messages: Envelope[] = [];
  // The listener is in place before any answer can arrive: iopub is read on a later turn.
  const sent = kernel.send("shell", msgType, content, {}, { metadata: options.metadata ?? {}, buffers: options.buffers ?? [] });
  const stop = kernel.onIopub((m) => void (parentMsgId(m) === sent.header.msg_id && messages.push(m)));
  try {
    await withTimeout(kernel.idleOf(sent.header.msg_id), options.timeoutMs ?? 30000, `no idle for ${msgType}`);
    return messages;
  } finally {
    stop();
  }
}

export function commOpen(kernel: KernelClient, targetName: string, data: Content = {}, options: CommSendOptions & { commId?: string } = {}) {
  const commId = options.commId ?? randomUUID().replace(/-/g, "");
  return sendNoReply(kernel, "comm_open", { comm_id: commId, target_name: targetName, data }, options).then((messages) => ({ commId, messages }));
}

export function commMsg(kernel: KernelClient, commId: string, data: Content = {}, options: CommSendOptions = {}): Promise<Envelope[]> {
  return sendNoReply(kernel, "comm_msg", { comm_id: commId, data }, options);
}

export function commClose(kernel: KernelClient, commId: string, data: Content = {}, options: CommSendOptions = {}): Promise<Envelope[]> {
  return sendNoReply(kernel, "comm_close", { comm_id: commId, data }, options);
}

/** Every comm message the kernel publishes from now on (comm_open, comm_msg, comm_close), in order. */
export function recordComms(kernel: KernelClient): { messages: Envelope[]; stop(): void } {
  const messages: Envelope[] = [];
  const stop = kernel.onIopub((m) => void (m.header.msg_type.startsWith("comm_") && messages.push(m)));
  return { messages, stop };
}
