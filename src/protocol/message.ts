// The shape of a message as tsloop handles it: the protocol's own types, plus the routing
// identities of the ROUTER socket it came from.
// The messages module alone, not the package's index: the cells' checker reads these types
// (through the cell globals), and the index would load ~200 declaration files more (settings
// schemas, Yjs, React's types), a third of its cold start.
// The rest of tsloop takes KernelMessage from here.
import type * as KernelMessage from "@jupyterlab/services/lib/kernel/messages";
export type { KernelMessage };

export type Header = KernelMessage.IHeader<KernelMessage.MessageType>;
export type Content = Record<string, unknown>;

/** A decoded Jupyter message (no channel: the socket it travels on says that). */
export interface Message<C = Content> {
  header: Header;
  parent_header: Header | Record<string, never>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Buffer[];
}

/** A message with the identities that route a reply back to its sender. */
export interface Envelope<C = Content> extends Message<C> {
  identities: Buffer[];
}

/** The msg_id of the message this one answers or belongs to (its parent), if it names one. */
export function parentMsgId(message: Pick<Message, "parent_header">): string | undefined {
  const id = (message.parent_header as { msg_id?: unknown } | undefined)?.msg_id;
  return typeof id === "string" && id !== "" ? id : undefined;
}
