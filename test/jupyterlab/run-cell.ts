// Helpers for the ring-4 tests: run a cell through a KernelConnection and collect what the
// future saw (reply and iopub), with bounded waits that fail with a readable message.
import type { Kernel, KernelMessage } from "@jupyterlab/services";

/** Rejects with `what` if `promise` does not settle within `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface CellRun {
  request: KernelMessage.IExecuteRequestMsg;
  reply: KernelMessage.IExecuteReplyMsg;
  iopub: KernelMessage.IIOPubMessage[];
}

type ExecuteContent = Partial<KernelMessage.IExecuteRequestMsg["content"]>;

/** Sends an execute_request at once; resolves when its reply and idle status have both arrived. */
export function runCell(kernel: Kernel.IKernelConnection, code: string, content: ExecuteContent = {}, ms = 10_000): Promise<CellRun> {
  const future = kernel.requestExecute({ ...content, code });
  const iopub: KernelMessage.IIOPubMessage[] = [];
  future.onIOPub = (msg) => void iopub.push(msg);
  return within(future.done, ms, `execute ${JSON.stringify(code)}`).then((reply) => ({ request: future.msg, reply, iopub }));
}

export const ofType = (run: CellRun, type: string) => run.iopub.filter((m) => m.header.msg_type === type);

/** Concatenated text of the cell's stream messages on one stream. */
export function streamText(run: CellRun, name: "stdout" | "stderr"): string {
  return ofType(run, "stream")
    .map((m) => (m as KernelMessage.IStreamMsg).content)
    .filter((c) => c.name === name)
    .map((c) => c.text)
    .join("");
}

/** The text/plain of a MIME bundle; anything but a string as its JSON text, so a failing test shows it. */
export function plainText(data: { readonly [mime: string]: unknown }): string {
  const text = data["text/plain"];
  return typeof text === "string" ? text : String(JSON.stringify(text));
}

/** The text/plain of the cell's execute_result(s). */
export function results(run: CellRun): string[] {
  return ofType(run, "execute_result").map((m) => plainText((m as KernelMessage.IExecuteResultMsg).content.data));
}

export const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");

/** The content of an ok reply; throws with the whole content when the status is anything else. */
export function okContent<T extends { status: string }>(content: T): Extract<T, { status: "ok" }> {
  if (content.status !== "ok") throw new Error(`reply status ${content.status}: ${JSON.stringify(content)}`);
  return content as Extract<T, { status: "ok" }>;
}
