// The two ports the session needs: Channels (implemented by the transport) and Interpreter
// (implemented by the interpreter). The session is tested with fakes of both.
import type { KernelMessage } from "@jupyterlab/services";
import type { Content, Envelope, Message } from "../protocol/message";

export type RequestChannel = "shell" | "control";

export interface Channels {
  /** Publishes on iopub. */
  publish(message: Message): void;
  /** Sends a reply to the request's sender on the channel the request came from. */
  reply(channel: RequestChannel, request: Envelope, message: Message): void;
  /** Sends an input_request on stdin to the sender of `parent`; resolves with its input_reply. */
  requestInput(parent: Envelope, message: Message): Promise<Envelope>;
}

/** Publishes messages that are children of one request (a cell's outputs). */
export interface CellPublisher {
  publish(msgType: string, content: Content, metadata?: Record<string, unknown>, buffers?: Buffer[]): void;
}

export interface CellRun {
  code: string;
  executionCount: number;
  silent: boolean;
  storeHistory: boolean;
  allowStdin: boolean;
  request: Envelope;
  publisher: CellPublisher;
  /** Asks the frontend for a line of input (stdin channel). */
  input(prompt: string, password: boolean): Promise<string>;
}

export type MimeBundle = Record<string, unknown>;

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

export type ExecuteOutcome =
  | { status: "ok"; result?: { data: MimeBundle; metadata: Record<string, unknown> } }
  | ({ status: "error" } & ErrorContent);

export type ExpressionValue =
  | { status: "ok"; data: MimeBundle; metadata: Record<string, unknown> }
  | ({ status: "error" } & ErrorContent);

export interface Interpreter {
  /** implementation, language_info, banner, help_links (static, so control can answer it). */
  kernelInfo(): Omit<KernelMessage.IInfoReply, "status" | "protocol_version">;
  execute(run: CellRun): Promise<ExecuteOutcome>;
  evaluateExpression(expression: string): Promise<ExpressionValue>;
  complete(code: string, cursorPos: number): Promise<KernelMessage.ICompleteReplyMsg["content"]>;
  inspect(code: string, cursorPos: number, detailLevel: 0 | 1): Promise<KernelMessage.IInspectReply>;
  isComplete(code: string): Promise<KernelMessage.IIsCompleteReplyMsg["content"]>;
  /** Stops the running cell if any (the io thread already stopped blocked code); an interrupt
   * requested (epoch ms) before the running cell started is stale and ignored. */
  interrupt(requestedAt?: number): void;
  /** Releases what the interpreter holds before the process exits. */
  shutdown(): Promise<void>;
}
