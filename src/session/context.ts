// What a request handler may use. Every handler gets a RequestContext (each thread implements
// one); the main thread's handlers also get the session's state.
import type { Envelope, Message } from "../protocol/message";
import type { MessageFactory } from "../protocol/messages";
import type { History } from "./history";
import type { CellPublisher, Comms, Interpreter, InterpreterInfo, RequestChannel } from "./ports";
import type { Subshells } from "./subshells";

/** What the kernel does for the requests that must work while the main thread is blocked. */
export interface KernelActions {
  info(): InterpreterInfo;
  interrupt(): void;
  shutdown(restart: boolean): void;
  /** The debugger's response to a debug_request (only the io thread has the debugger). */
  debug?(request: Envelope): Promise<object>;
}

/** The message factory, the sockets and the kernel's own actions. */
export interface RequestContext {
  readonly messages: MessageFactory;
  readonly kernel: KernelActions;
  publish(message: Message): void;
  /** What was published so far leaves now (before a cell that may block this thread runs). */
  flush(): void;
  /** Resolves once the reply is handed to ZeroMQ: the request's `idle` is published after it. */
  reply(channel: RequestChannel, request: Envelope, message: Message): Promise<void>;
}

/** A handler's answer: the reply's content, or undefined when it replied itself (or never does). */
export type Answer = object | undefined;

/** The session's state, as the main-thread handlers see it. */
export interface SessionState {
  readonly interpreter: Interpreter;
  readonly history: History;
  readonly comms: Comms;
  /** Counts like IPython: the next count is shown on execute_input; only stored cells advance it. */
  nextExecutionCount: number;
  publisherFor(request: Envelope): CellPublisher;
  input(request: Envelope, prompt: string, password: boolean): Promise<string>;
  inputNow(request: Envelope, prompt: string, password: boolean): string | undefined;
  /** The subshells created on control (JEP 91). */
  readonly subshells: Subshells;
  /** After a failed execute with stop_on_error: the executes already queued in its shell are
   * aborted (once this request is over). */
  abortWaitingExecutes(request: Envelope): void;
}

export interface MainContext extends RequestContext {
  readonly session: SessionState;
}
