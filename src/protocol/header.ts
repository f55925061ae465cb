// The one header factory: every message tsloop sends is built here, as a child of its parent.
import { v4 as uuid } from "uuid";
import { Content, Header, Message } from "./message";

/** The messaging protocol version tsloop speaks: every header and kernel_info_reply say it. */
export const PROTOCOL_VERSION = "5.5";

export interface Identity {
  session: string;
  username: string;
}

export function newHeader(msgType: string, identity: Identity): Header {
  return {
    msg_id: uuid(),
    msg_type: msgType as Header["msg_type"],
    session: identity.session,
    username: identity.username,
    date: new Date().toISOString(),
    version: PROTOCOL_VERSION,
  };
}

/** A message answering or reporting on `parent` (its header becomes our parent_header). */
export function childOf<C extends Content>(
  parent: Pick<Message, "header"> | undefined,
  msgType: string,
  content: C,
  identity: Identity,
  metadata: Record<string, unknown> = {},
  buffers: Buffer[] = [],
): Message<C> {
  return {
    header: newHeader(msgType, identity),
    parent_header: parent ? parent.header : {},
    metadata,
    content,
    buffers,
  };
}

/** `execute_request` → `execute_reply`, as ipykernel derives reply types. */
export function replyType(requestType: string): string {
  return requestType.replace(/_request$/, "") + "_reply";
}
