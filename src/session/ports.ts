// The ports the session needs: Channels (implemented by the transport), Interpreter (implemented
// by the interpreter), Comms (implemented by src/comms/) and the CellPublisher it hands the
// interpreter for one request's outputs and comm messages. The session is tested with fakes of them.
import type { Envelope, KernelMessage, Message } from "../protocol/message";
import type { CommPublisher, ErrorContent, Metadata, MimeBundle, StreamName } from "../protocol/messages";

export type { CommPublisher, ErrorContent, Metadata, MimeBundle, StreamName } from "../protocol/messages";

export type RequestChannel = "shell" | "control";

export interface Channels {
  /** Publishes on iopub. What is published may wait until the loop turns, so that a request's
   * messages leave together (see flush). */
  publish(message: Message): void;
  /** What was published so far leaves now: called before code that may block this thread runs. */
  flush(): void;
  /** Sends a reply to the request's sender on the channel the request came from; resolves once it
   * is handed to ZeroMQ (so the request's idle can follow it). */
  reply(channel: RequestChannel, request: Envelope, message: Message): Promise<void>;
  /** Sends an input_request on stdin to the sender of `parent`; resolves with its input_reply. */
  requestInput(parent: Envelope, message: Message): Promise<Envelope>;
  /** The same, blocking this thread until the reply (a synchronous prompt()); returns its value,
   * or undefined when an interrupt or shutdown cancelled the wait. */
  requestInputNow(parent: Envelope, message: Message): string | undefined;
}

/** The comms, as the session hands them the comm messages that come in on shell (each with the
 * publisher of that request) and asks them for comm_info. */
export interface Comms {
  open(message: Envelope, publisher: CommPublisher): void;
  message(message: Envelope, publisher: CommPublisher): void;
  close(message: Envelope, publisher: CommPublisher): void;
  /** The open comms by id, only those of `targetName` when it is given. */
  info(targetName?: string): Record<string, { target_name: string }>;
}

/** The outputs and comm messages of one request (a cell), published as its children (xeus's
 * interpreter API). */
export interface CellPublisher extends CommPublisher {
  stream(name: StreamName, text: string): void;
  displayData(data: MimeBundle, metadata: Metadata, displayId?: string): void;
  updateDisplayData(data: MimeBundle, metadata: Metadata, displayId: string): void;
  clearOutput(wait: boolean): void;
  error(error: ErrorContent): void;
}

/** What the session asks the interpreter to run: one cell of an execute_request. */
export interface CellRequest {
  code: string;
  executionCount: number;
  silent: boolean;
  publisher: CellPublisher;
  stdin: CellStdin;
}

/** The frontend's stdin for one cell: a line of input, awaited (input()) or waited for
 * synchronously (prompt(); undefined when an interrupt cancelled the wait). */
export interface CellStdin {
  ask(prompt: string, password: boolean): Promise<string>;
  askNow(prompt: string, password: boolean): string | undefined;
}

export type CellOutcome = { status: "ok"; result?: { data: MimeBundle; metadata: Metadata } } | ({ status: "error" } & ErrorContent);

export type ExpressionValue = { status: "ok"; data: MimeBundle; metadata: Metadata } | ({ status: "error" } & ErrorContent);

/** implementation, language_info, banner, help_links: static, so the io thread can answer it. */
export type InterpreterInfo = Omit<KernelMessage.IInfoReply, "status" | "protocol_version">;

export interface Interpreter {
  kernelInfo(): InterpreterInfo;
  execute(cell: CellRequest): Promise<CellOutcome>;
  evaluateExpression(expression: string): Promise<ExpressionValue>;
  complete(code: string, cursorPos: number): Promise<KernelMessage.ICompleteReplyMsg["content"]>;
  inspect(code: string, cursorPos: number, detailLevel: 0 | 1): Promise<KernelMessage.IInspectReply>;
  isComplete(code: string): Promise<KernelMessage.IIsCompleteReplyMsg["content"]>;
  /** Releases what the interpreter holds before the process exits. */
  shutdown(): Promise<void>;
}
