// The shape of a message as tsloop handles it: the protocol's own types, plus the routing
// identities of the ROUTER socket it came from.
import type { KernelMessage } from "@jupyterlab/services";

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
