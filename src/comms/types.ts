// The comms' types: the message a cell's callbacks get (as received), the data and buffers a cell
// sends, and the publisher comm messages leave through (protocol/'s typed calls).
import type { Message } from "../protocol/message";

export type { CommPublisher } from "../protocol/messages";

export type JsonObject = Record<string, unknown>;

/** Binary data a cell may send: a Buffer, any typed array or DataView, or an ArrayBuffer. */
export type BufferLike = ArrayBuffer | ArrayBufferView;

/** A comm message's content: the comm, its data, and on a comm_open the target. */
export interface CommMessageContent {
  comm_id: string;
  data: JsonObject;
  target_name?: string;
  target_module?: string;
}

/** A comm message as received (comm_open, comm_msg or comm_close): `message.content.data`,
 * `message.buffers` (Node Buffers), `message.header`, `message.metadata`, as ipykernel's callbacks
 * get it. */
export type CommMessage = Message<CommMessageContent>;

export type MessageCallback = (message: CommMessage) => unknown;
