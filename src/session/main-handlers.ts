// The handlers that run on the main thread, where the interpreter and the session's state live.
import type { Envelope } from "../protocol/message";
import type { Answer, MainContext } from "./context";
import { executeRequest } from "./execute";
import type { CommPublisher, Comms, RequestChannel } from "./ports";

export type MainHandler = (request: Envelope, ctx: MainContext, channel: RequestChannel) => Promise<Answer>;

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
  history: ctx.session.history.query(request.content),
});

/** comm_open, comm_msg and comm_close go to the comms with this request's publisher; no reply. */
const toComms =
  (deliver: (comms: Comms, request: Envelope, publisher: CommPublisher) => void): MainHandler =>
  async (request, ctx) => {
    deliver(ctx.session.comms, request, ctx.session.publisherFor(request));
    return undefined;
  };

export const commOpen = toComms((comms, request, publisher) => comms.open(request, publisher));
export const commMsg = toComms((comms, request, publisher) => comms.message(request, publisher));
export const commClose = toComms((comms, request, publisher) => comms.close(request, publisher));

export const commInfo: MainHandler = async (request, ctx) => ({
  status: "ok",
  comms: ctx.session.comms.info(request.content.target_name as string | undefined),
});
