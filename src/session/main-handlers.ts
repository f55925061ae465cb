// The handlers that run on the main thread, where the interpreter and the session's state live.
import type { KernelMessage } from "@jupyterlab/services";
import type { Envelope } from "../protocol/message";
import type { Answer, RequestContext } from "./dispatch";
import { executeRequest } from "./execute";
import type { History } from "./history";
import type { CellPublisher, Interpreter } from "./ports";

/** The session's state, as the main-thread handlers see it. */
export interface SessionState {
  readonly interpreter: Interpreter;
  readonly history: History;
  /** Counts like IPython: the next count is shown on execute_input; only stored cells advance it. */
  nextExecutionCount: number;
  publisherFor(request: Envelope): CellPublisher;
  input(request: Envelope, prompt: string, password: boolean): Promise<string>;
  /** After a failed execute with stop_on_error: the executes already queued are aborted (once
   * this request is over). */
  abortWaitingExecutes(): void;
}

export interface MainContext extends RequestContext {
  readonly session: SessionState;
}

export type MainHandler = (request: Envelope, ctx: MainContext) => Promise<Answer>;

const code = (request: Envelope) => (request.content.code as string | undefined) ?? "";

function cursor(request: Envelope): number {
  const position = request.content.cursor_pos as number | undefined;
  return position !== undefined && position >= 0 ? Math.min(position, code(request).length) : code(request).length;
}

export const execute: MainHandler = executeRequest;

export const complete: MainHandler = (request, ctx) => ctx.session.interpreter.complete(code(request), cursor(request));

export const inspect: MainHandler = (request, ctx) =>
  ctx.session.interpreter.inspect(code(request), cursor(request), request.content.detail_level === 1 ? 1 : 0);

export const isComplete: MainHandler = (request, ctx) => ctx.session.interpreter.isComplete(code(request));

export const history: MainHandler = async (request, ctx) => ({
  status: "ok",
  history: ctx.session.history.query(request.content as unknown as KernelMessage.IHistoryRequestMsg["content"]),
});

export const commInfo: MainHandler = async () => ({ status: "ok", comms: {} });
