// The execute flow: count, execute_input, run, result or error, reply content, history.
import type { KernelMessage } from "@jupyterlab/services";
import type { Content, Envelope } from "../protocol/message";
import { History } from "./history";
import type { CellPublisher, CellRun, Interpreter } from "./ports";

export interface ExecuteDeps {
  interpreter: Interpreter;
  history: History;
  publisher: CellPublisher;
  input(prompt: string, password: boolean): Promise<string>;
}

/** Counts like IPython: the next count is shown on execute_input; only stored cells advance it. */
export class ExecutionCounter {
  next = 1;
}

export interface ExecuteResult {
  reply: Content;
  failed: boolean;
  stopOnError: boolean;
}

export async function runExecute(request: Envelope, counter: ExecutionCounter, deps: ExecuteDeps): Promise<ExecuteResult> {
  const content = request.content as unknown as KernelMessage.IExecuteRequestMsg["content"];
  const code = String(content.code ?? "");
  const silent = Boolean(content.silent);
  const storeHistory = silent ? false : content.store_history ?? true;
  const count = counter.next;
  if (!silent) deps.publisher.publish("execute_input", { code, execution_count: count });
  if (storeHistory) {
    deps.history.add(count, code);
    counter.next++;
  }
  const run: CellRun = {
    code, executionCount: count, silent, storeHistory, allowStdin: content.allow_stdin ?? true,
    request, publisher: deps.publisher, input: deps.input,
  };
  const outcome = await deps.interpreter.execute(run);
  const replyCount = counter.next - 1;
  const stopOnError = content.stop_on_error ?? true;
  if (outcome.status === "error") {
    const { ename, evalue, traceback } = outcome;
    deps.publisher.publish("error", { ename, evalue, traceback });
    return { reply: { status: "error", execution_count: replyCount, ename, evalue, traceback }, failed: true, stopOnError };
  }
  if (outcome.result && !silent) {
    deps.publisher.publish("execute_result", { execution_count: count, ...outcome.result });
    const text = outcome.result.data["text/plain"];
    if (storeHistory && typeof text === "string") deps.history.setOutput(count, text);
  }
  const userExpressions = await evaluateAll(deps.interpreter, content.user_expressions ?? {});
  return {
    reply: { status: "ok", execution_count: replyCount, user_expressions: userExpressions, payload: [] },
    failed: false,
    stopOnError,
  };
}

async function evaluateAll(interpreter: Interpreter, expressions: Record<string, unknown>): Promise<Content> {
  const results: Content = {};
  for (const [name, expression] of Object.entries(expressions)) {
    results[name] = await interpreter.evaluateExpression(String(expression));
  }
  return results;
}
