// Handling one request, on either thread: `busy` first, the content checked against its route's
// fields, the handler, its reply, `idle` last (also after a failure). Modelled on ipykernel's
// kernelbase dispatch; the routes themselves are in requests.ts.
import type { Content, Envelope, Message } from "../protocol/message";
import type { MessageFactory } from "../protocol/messages";
import { log } from "../log";
import { Fields, problemWith } from "./fields";
import type { InterpreterInfo, RequestChannel } from "./ports";

/** What the kernel does for the requests that must work while the main thread is blocked. */
export interface KernelActions {
  info(): InterpreterInfo;
  interrupt(): void;
  shutdown(restart: boolean): void;
}

/** What every handler may use: the message factory, the sockets, the kernel's own actions. */
export interface RequestContext {
  readonly messages: MessageFactory;
  readonly kernel: KernelActions;
  publish(message: Message): void;
  reply(channel: RequestChannel, request: Envelope, message: Message): void;
}

/** A handler's answer: the reply's content, or undefined when it replied itself (or never does). */
export type Answer = object | undefined;

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
      return ctx.reply(channel, request, ctx.messages.badRequest(request, `${type}: ${problem}`));
    }
    const content = await route.run(request);
    if (content) ctx.reply(channel, request, ctx.messages.reply(request, content as Content));
  } catch (error) {
    log(`handling ${type} failed:`, (error as Error)?.stack ?? error);
    ctx.reply(channel, request, ctx.messages.reply(request, { status: "error", ename: "KernelError", evalue: String(error), traceback: [] }));
  } finally {
    ctx.publish(ctx.messages.status(request, "idle"));
  }
}
