// Handling one request, on either thread: `busy` first, the content checked against its route's
// fields, the handler, its reply, `idle` last (also after a failure). Modelled on ipykernel's
// kernelbase dispatch; the routes themselves are in requests.ts.
import type { Content, Envelope } from "../protocol/message";
import { log } from "../log";
import type { Answer, RequestContext } from "./context";
import { Fields, problemWith } from "./fields";
import type { RequestChannel } from "./ports";

export async function dispatchRequest(
  request: Envelope,
  channel: RequestChannel,
  ctx: RequestContext,
  route: { fields: Fields; run(request: Envelope): Answer | Promise<Answer> } | undefined,
): Promise<void> {
  const type = request.header.msg_type;
  ctx.publish(ctx.messages.status(request, "busy"));
  try {
    if (!route) return log(`unknown message type '${type}' on ${channel}: ignored`);
    const problem = problemWith(request.content, route.fields);
    if (problem) {
      log(`${type}: refused: ${problem}`);
      return await ctx.reply(channel, request, ctx.messages.badRequest(request, `${type}: ${problem}`));
    }
    const content = await route.run(request);
    if (content) await ctx.reply(channel, request, ctx.messages.reply(request, content as Content));
  } catch (error) {
    log(`handling ${type} failed:`, (error as Error)?.stack ?? error);
    await ctx.reply(channel, request, ctx.messages.reply(request, { status: "error", ename: "KernelError", evalue: String(error), traceback: [] }));
  } finally {
    ctx.publish(ctx.messages.status(request, "idle"));
  }
}
