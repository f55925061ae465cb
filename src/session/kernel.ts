// The main thread's session: every request is looked up in the one table (requests.ts); shell
// requests run one at a time, control requests at once; the session state the handlers share.
import type { Envelope, Message } from "../protocol/message";
import type { MessageFactory } from "../protocol/messages";
import { log } from "../log";
import type { KernelActions, MainContext, RequestContext, SessionState } from "./context";
import { dispatchRequest } from "./dispatch";
import { History } from "./history";
import type { CellPublisher, Channels, Comms, Interpreter, RequestChannel } from "./ports";
import { SerialQueue } from "./queue";
import { routeOf } from "./requests";

export interface SessionOptions {
  channels: Channels;
  interpreter: Interpreter;
  messages: MessageFactory;
  /** Where comm messages go (default: none, so every comm_open is answered with a comm_close). */
  comms?: Comms;
  /** What interrupt and shutdown requests do when they arrive here (on shell). */
  kernel: Omit<KernelActions, "info">;
}

export class KernelSession implements SessionState {
  readonly history = new History();
  readonly interpreter: Interpreter;
  readonly comms: Comms;
  nextExecutionCount = 1;
  private readonly ctx: MainContext;
  private readonly shellQueue = new SerialQueue<Envelope>((request) => this.dispatchShell(request));
  private abortDue = false;

  constructor(private readonly options: SessionOptions) {
    this.interpreter = options.interpreter;
    this.comms = options.comms ?? noComms;
    const { channels, messages } = options;
    const kernel: KernelActions = { info: () => this.interpreter.kernelInfo(), ...options.kernel };
    const base: RequestContext = {
      messages,
      kernel,
      publish: (message) => channels.publish(message),
      reply: (channel, request, message) => channels.reply(channel, request, message),
    };
    this.ctx = { ...base, session: this };
  }

  /** Entry point for every decoded request: shell requests queue, control requests run at once. */
  receive(channel: RequestChannel, request: Envelope): void {
    if (channel === "shell") this.shellQueue.push(request);
    else void this.dispatch("control", request);
  }

  /** A shell request, then the aborts its failure asked for (each after the failed request's idle). */
  private async dispatchShell(request: Envelope): Promise<void> {
    await this.dispatch("shell", request);
    if (!this.abortDue) return;
    this.abortDue = false;
    // Like ipykernel's flush of the shell socket: let requests already sent reach the queue first.
    await new Promise((resolve) => setImmediate(resolve));
    await this.abortWaiting();
  }

  private dispatch(channel: RequestChannel, request: Envelope): Promise<void> {
    const route = routeOf(request.header.msg_type);
    return dispatchRequest(request, channel, this.ctx, route && { fields: route.fields, run: (r) => route.handle(r, this.ctx, channel) });
  }

  abortWaitingExecutes(): void {
    this.abortDue = true;
  }

  private async abortWaiting(): Promise<void> {
    const { messages, channels } = this.options;
    for (const request of this.shellQueue.takeWaiting((r) => r.header.msg_type === "execute_request")) {
      channels.publish(messages.status(request, "busy"));
      log(`aborting ${request.header.msg_id}: execute_request`);
      await channels.reply("shell", request, messages.reply(request, { status: "aborted" }, { status: "aborted" }));
      channels.publish(messages.status(request, "idle"));
    }
  }

  async input(request: Envelope, prompt: string, password: boolean): Promise<string> {
    const reply = await this.options.channels.requestInput(request, this.inputRequest(request, prompt, password));
    const value = reply.content.value;
    return typeof value === "string" ? value : "";
  }

  inputNow(request: Envelope, prompt: string, password: boolean): string | undefined {
    return this.options.channels.requestInputNow(request, this.inputRequest(request, prompt, password));
  }

  private inputRequest(request: Envelope, prompt: string, password: boolean): Message {
    if (request.content.allow_stdin === false) {
      throw new Error("input is not available: this frontend does not support input requests (allow_stdin is false), so input() and prompt() cannot ask");
    }
    return this.options.messages.inputRequest(request, prompt, password);
  }

  publisherFor(request: Envelope): CellPublisher {
    const { channels, messages } = this.options;
    return {
      stream: (name, text) => channels.publish(messages.stream(request, name, text)),
      displayData: (data, metadata, displayId) => channels.publish(messages.displayData(request, data, metadata, displayId)),
      updateDisplayData: (data, metadata, displayId) => channels.publish(messages.updateDisplayData(request, data, metadata, displayId)),
      clearOutput: (wait) => channels.publish(messages.clearOutput(request, wait)),
      error: (error) => channels.publish(messages.error(request, error)),
      commOpen: (content, extras) => channels.publish(messages.commOpen(request, content, extras)),
      commMsg: (content, extras) => channels.publish(messages.commMsg(request, content, extras)),
      commClose: (content, extras) => channels.publish(messages.commClose(request, content, extras)),
    };
  }
}

/** No comm targets: a comm_open is closed again at once, as for an unknown target. */
const noComms: Comms = {
  open: (message, publisher) => publisher.commClose({ comm_id: String(message.content.comm_id), data: {} }, { metadata: {}, buffers: [] }),
  message: () => undefined,
  close: () => undefined,
  info: () => ({}),
};
