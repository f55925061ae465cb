// The handlers that must answer while the main thread is blocked (a cell's loop, later a
// breakpoint): the io thread runs them for control requests, the main thread for shell ones.
// They use only the RequestContext, which each thread implements.
import { PROTOCOL_VERSION } from "../protocol/header";
import type { Envelope } from "../protocol/message";
import type { Answer, RequestContext } from "./context";
import type { RequestChannel } from "./ports";

export type OffMainHandler = (request: Envelope, ctx: RequestContext, channel: RequestChannel) => Answer | Promise<Answer>;

/** The optional features (protocol 5.5's kernel_info field) the session offers: subshells.ts. */
const SUPPORTED_FEATURES = ["kernel subshells", "debugger"];

export const kernelInfo: OffMainHandler = (_request, ctx) => ({
  status: "ok",
  protocol_version: PROTOCOL_VERSION,
  ...ctx.kernel.info(),
  supported_features: SUPPORTED_FEATURES,
});

export const interrupt: OffMainHandler = (_request, ctx) => {
  ctx.kernel.interrupt();
  return { status: "ok" };
};

/** The debugger's answer (a DAP response); where there is none (a debug_request on shell), a
 * failed response that says where to send it. */
export const debug: OffMainHandler = async (request, ctx, channel) => {
  if (ctx.kernel.debug) return ctx.kernel.debug(request);
  const { seq, command } = request.content as { seq?: number; command?: string };
  return { type: "response", seq: 0, request_seq: seq ?? 0, success: false, command, message: `debug_request goes on control, not ${channel}`, body: {} };
};

/** Replies, tells every client on iopub, then stops the kernel. */
export const shutdown: OffMainHandler = async (request, ctx, channel) => {
  const restart = request.content.restart === true;
  await ctx.reply(channel, request, ctx.messages.reply(request, { status: "ok", restart }));
  ctx.publish(ctx.messages.shutdownBroadcast(request, restart));
  ctx.kernel.shutdown(restart);
  return undefined;
};
