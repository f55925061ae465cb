// The execute flow: count, execute_input, run, error or execute_result, history, reply; after a
// failure with stop_on_error, the executes already waiting are aborted.
import type { Content, Envelope, KernelMessage } from "../protocol/message";
import type { Answer, MainContext } from "./context";
import type { Interpreter, RequestChannel } from "./ports";

type ExecuteContent = KernelMessage.IExecuteRequestMsg["content"];

export async function executeRequest(request: Envelope, ctx: MainContext, channel: RequestChannel): Promise<Answer> {
  const content = request.content as unknown as ExecuteContent;
  const { reply, failed } = await runCell(request, content, ctx);
  await ctx.reply(channel, request, ctx.messages.reply(request, reply));
  // Only a shell's queue holds executes that wait behind this one.
  if (failed && channel === "shell" && (content.stop_on_error ?? true) && !content.silent) ctx.session.abortWaitingExecutes(request);
  return undefined;
}

async function runCell(request: Envelope, content: ExecuteContent, ctx: MainContext): Promise<{ reply: Content; failed: boolean }> {
  const { session, messages } = ctx;
  const silent = content.silent ?? false;
  const storeHistory = silent ? false : (content.store_history ?? true);
  const count = session.nextExecutionCount;
  if (!silent) ctx.publish(messages.executeInput(request, content.code, count));
  if (storeHistory) {
    session.history.add(count, content.code);
    session.nextExecutionCount++;
  }
  ctx.flush(); // busy and execute_input reach the client before a cell that blocks this thread
  const outcome = await session.interpreter.execute({
    code: content.code,
    executionCount: count,
    silent,
    publisher: session.publisherFor(request),
    stdin: {
      ask: (prompt, password) => session.input(request, prompt, password),
      askNow: (prompt, password) => session.inputNow(request, prompt, password),
    },
  });
  // Its own count, not the counter now: a subshell's cell may have been counted meanwhile.
  const replyCount = storeHistory ? count : session.nextExecutionCount - 1;
  if (outcome.status === "error") {
    const { ename, evalue, traceback } = outcome;
    ctx.publish(messages.error(request, outcome));
    return { reply: { status: "error", execution_count: replyCount, ename, evalue, traceback }, failed: true };
  }
  if (outcome.result && !silent) {
    ctx.publish(messages.executeResult(request, count, outcome.result.data, outcome.result.metadata));
    const text = outcome.result.data["text/plain"];
    if (storeHistory && typeof text === "string") session.history.setOutput(count, text);
  }
  const userExpressions = await evaluateAll(session.interpreter, content.user_expressions ?? {});
  return { reply: { status: "ok", execution_count: replyCount, user_expressions: userExpressions, payload: [] }, failed: false };
}

async function evaluateAll(interpreter: Interpreter, expressions: Record<string, unknown>): Promise<Content> {
  const results: Content = {};
  for (const [name, expression] of Object.entries(expressions)) {
    results[name] = await interpreter.evaluateExpression(String(expression));
  }
  return results;
}
