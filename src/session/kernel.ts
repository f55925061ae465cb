// Message dispatch: a handler per msg_type, `busy` first and `idle` last around every request,
// shell requests one at a time, unknown types logged. Modelled on ipykernel's kernelbase.
import type { KernelMessage } from "@jupyterlab/services";
import { childOf, Identity, PROTOCOL_VERSION, replyType } from "../protocol/header";
import type { Content, Envelope } from "../protocol/message";
import { log } from "../log";
import { ExecutionCounter, runExecute } from "./execute";
import { History } from "./history";
import type { CellPublisher, Channels, Interpreter, RequestChannel } from "./ports";
import { SerialQueue } from "./queue";

type Handler = (request: Envelope, channel: RequestChannel) => Promise<object | undefined>;

export interface SessionOptions {
  channels: Channels;
  interpreter: Interpreter;
  identity: Identity;
  /** Called after a shutdown_request was answered. */
  onShutdown(restart: boolean): void;
}

export class KernelSession {
  private readonly history = new History();
  private readonly counter = new ExecutionCounter();
  private readonly shellQueue = new SerialQueue<Envelope>((request) => this.dispatch("shell", request));
  private readonly handlers: Record<string, Handler> = {
    kernel_info_request: async () => this.kernelInfo(),
    execute_request: (request) => this.execute(request),
    is_complete_request: async (r) => this.options.interpreter.isComplete(String(r.content.code ?? "")),
    complete_request: async (r) => this.options.interpreter.complete(String(r.content.code ?? ""), cursor(r)),
    inspect_request: async (r) =>
      this.options.interpreter.inspect(String(r.content.code ?? ""), cursor(r), r.content.detail_level === 1 ? 1 : 0),
    history_request: async (r) => ({
      status: "ok",
      history: this.history.query(r.content as unknown as KernelMessage.IHistoryRequestMsg["content"]),
    }),
    comm_info_request: async () => ({ status: "ok", comms: {} }),
    interrupt_request: async () => {
      this.options.interpreter.interrupt();
      return { status: "ok" };
    },
    shutdown_request: (request, channel) => this.shutdown(request, channel),
  };

  constructor(private readonly options: SessionOptions) {}

  /** Entry point for every decoded request: shell requests queue, control requests run at once. */
  receive(channel: RequestChannel, request: Envelope): void {
    if (channel === "shell") this.shellQueue.push(request);
    else void this.dispatch("control", request);
  }

  kernelInfo(): Content {
    return { status: "ok", protocol_version: PROTOCOL_VERSION, ...this.options.interpreter.kernelInfo() };
  }

  private async dispatch(channel: RequestChannel, request: Envelope): Promise<void> {
    const type = request.header.msg_type;
    this.publishStatus(request, "busy");
    try {
      const handler = this.handlers[type];
      if (!handler) {
        log(`unknown message type '${type}' on ${channel}: ignored`);
        return;
      }
      const content = await handler(request, channel);
      if (content) this.reply(channel, request, content as Content);
    } catch (error) {
      log(`handling ${type} failed:`, (error as Error)?.stack ?? error);
      this.reply(channel, request, { status: "error", ename: "KernelError", evalue: String(error), traceback: [] });
    } finally {
      this.publishStatus(request, "idle");
    }
  }

  private async execute(request: Envelope): Promise<undefined> {
    const publisher = this.publisherFor(request);
    const result = await runExecute(request, this.counter, {
      interpreter: this.options.interpreter,
      history: this.history,
      publisher,
      input: (prompt, password) => this.input(request, prompt, password),
    });
    this.reply("shell", request, result.reply);
    if (result.failed && result.stopOnError && !request.content.silent) {
      // Like ipykernel's flush of the shell socket: let requests already sent reach the queue first.
      await new Promise((resolve) => setImmediate(resolve));
      this.abortWaitingExecutes();
    }
    return undefined;
  }

  private abortWaitingExecutes(): void {
    const aborted = this.shellQueue.takeWaiting((r) => r.header.msg_type === "execute_request");
    for (const request of aborted) {
      this.publishStatus(request, "busy");
      log(`aborting ${request.header.msg_id}: execute_request`);
      this.reply("shell", request, { status: "aborted" }, { status: "aborted" });
      this.publishStatus(request, "idle");
    }
  }

  private async shutdown(request: Envelope, channel: RequestChannel): Promise<undefined> {
    const restart = Boolean(request.content.restart);
    this.reply(channel, request, { status: "ok", restart });
    this.options.channels.publish(childOf(request, "shutdown_reply", { status: "ok", restart }, this.options.identity));
    this.options.onShutdown(restart);
    return undefined;
  }

  private async input(request: Envelope, prompt: string, password: boolean): Promise<string> {
    if (request.content.allow_stdin === false) {
      throw new Error("input() is not available: this frontend does not support input requests (allow_stdin is false)");
    }
    const message = childOf(request, "input_request", { prompt, password }, this.options.identity);
    const reply = await this.options.channels.requestInput(request, message);
    return String(reply.content.value ?? "");
  }

  publisherFor(request: Envelope): CellPublisher {
    const { channels, identity } = this.options;
    return {
      publish: (msgType, content, metadata = {}, buffers = []) =>
        channels.publish(childOf(request, msgType, content, identity, metadata, buffers)),
    };
  }

  private reply(channel: RequestChannel, request: Envelope, content: Content, metadata: Record<string, unknown> = {}): void {
    const message = childOf(request, replyType(request.header.msg_type), content, this.options.identity, metadata);
    this.options.channels.reply(channel, request, message);
  }

  private publishStatus(request: Envelope, state: "busy" | "idle"): void {
    this.options.channels.publish(childOf(request, "status", { execution_state: state }, this.options.identity));
  }
}

function cursor(request: Envelope): number {
  const code = String(request.content.code ?? "");
  const position = request.content.cursor_pos;
  return typeof position === "number" && position >= 0 ? Math.min(position, code.length) : code.length;
}
