// Every message the kernel sends, built here from typed parts: status, replies, the outputs of a
// cell (stream, display_data, update_display_data, clear_output, error, execute_result), the comm
// messages (comm_open, comm_msg, comm_close) and the stdin, broadcast and iopub welcome messages.
// Headers come from header.ts; no other module names a msg_type.
import { childOf, Identity, replyType } from "./header";
import type { Content, KernelMessage, Message } from "./message";

type Parent = Pick<Message, "header">;
export type MimeBundle = Record<string, unknown>;
export type Metadata = Record<string, unknown>;
export type StreamName = "stdout" | "stderr";
export type ExecutionState = "busy" | "idle" | "starting";

/** A comm_open's content: the comm, the target it opens, its data. */
export type CommOpenContent = {
  comm_id: string;
  target_name: string;
  data: Content;
  target_module?: string;
};

/** A comm_msg's or comm_close's content. */
export type CommContent = {
  comm_id: string;
  data: Content;
};

/** What a comm message carries beside its content. */
export interface CommExtras {
  metadata: Metadata;
  buffers: Buffer[];
}

/** The typed calls comm messages are published through, each as a child of one request (the
 * session's publishers implement it; src/comms/ sends through it). */
export interface CommPublisher {
  commOpen(content: CommOpenContent, extras: CommExtras): void;
  commMsg(content: CommContent, extras: CommExtras): void;
  commClose(content: CommContent, extras: CommExtras): void;
}

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** Builds the kernel's messages as children of their parent request, all with one identity. */
export class MessageFactory {
  constructor(readonly identity: Identity) {}

  status(parent: Parent | undefined, state: ExecutionState): Message {
    const content: KernelMessage.IStatusMsg["content"] = { execution_state: state };
    return childOf(parent, "status", content, this.identity);
  }

  /** The reply to `request` (`x_request` → `x_reply`). */
  reply(request: Parent, content: Content, metadata: Metadata = {}): Message {
    return childOf(request, replyType(request.header.msg_type), content, this.identity, metadata);
  }

  /** The error reply a request with a malformed content gets (nothing of it ran). */
  badRequest(request: Parent, reason: string): Message {
    return this.reply(request, { status: "error", ename: "BadRequest", evalue: reason, traceback: [] });
  }

  stream(parent: Parent, name: StreamName, text: string): Message {
    const content: KernelMessage.IStreamMsg["content"] = { name, text };
    return childOf(parent, "stream", content, this.identity);
  }

  displayData(parent: Parent, data: MimeBundle, metadata: Metadata, displayId?: string): Message {
    return childOf(parent, "display_data", { data, metadata, transient: displayId ? { display_id: displayId } : {} }, this.identity);
  }

  updateDisplayData(parent: Parent, data: MimeBundle, metadata: Metadata, displayId: string): Message {
    return childOf(parent, "update_display_data", { data, metadata, transient: { display_id: displayId } }, this.identity);
  }

  clearOutput(parent: Parent, wait: boolean): Message {
    const content: KernelMessage.IClearOutputMsg["content"] = { wait };
    return childOf(parent, "clear_output", content, this.identity);
  }

  error(parent: Parent, error: ErrorContent): Message {
    const { ename, evalue, traceback } = error;
    return childOf(parent, "error", { ename, evalue, traceback }, this.identity);
  }

  executeInput(parent: Parent, code: string, executionCount: number): Message {
    const content: KernelMessage.IExecuteInputMsg["content"] = { code, execution_count: executionCount };
    return childOf(parent, "execute_input", content, this.identity);
  }

  executeResult(parent: Parent, executionCount: number, data: MimeBundle, metadata: Metadata): Message {
    return childOf(parent, "execute_result", { execution_count: executionCount, data, metadata }, this.identity);
  }

  /** shutdown_reply is also broadcast on iopub, so every client learns of the shutdown. */
  shutdownBroadcast(request: Parent, restart: boolean): Message {
    return childOf(request, "shutdown_reply", { status: "ok", restart }, this.identity);
  }

  commOpen(parent: Parent, content: CommOpenContent, extras: CommExtras): Message {
    return childOf(parent, "comm_open", content, this.identity, extras.metadata, extras.buffers);
  }

  commMsg(parent: Parent, content: CommContent, extras: CommExtras): Message {
    return childOf(parent, "comm_msg", content, this.identity, extras.metadata, extras.buffers);
  }

  commClose(parent: Parent, content: CommContent, extras: CommExtras): Message {
    return childOf(parent, "comm_close", content, this.identity, extras.metadata, extras.buffers);
  }

  /** What iopub sends a new subscriber (JEP 65): the topic it subscribed to ("" for everything); a
   * child of no request. */
  /** A debugger event (DAP) on iopub, as a child of the debug_request that caused it. */
  debugEvent(parent: Parent | undefined, event: Content): Message {
    return childOf(parent, "debug_event", event, this.identity);
  }

  iopubWelcome(subscription: string): Message {
    return childOf(undefined, "iopub_welcome", { subscription }, this.identity);
  }

  inputRequest(parent: Parent, prompt: string, password: boolean): Message {
    const content: KernelMessage.IInputRequestMsg["content"] = { prompt, password };
    return childOf(parent, "input_request", content, this.identity);
  }
}
