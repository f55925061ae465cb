// The main thread's session: every request is looked up in the one table (requests.ts); a shell
// request runs in the shell its header names (the main shell, or a subshell: JEP 91), one at a time
// in that shell; control requests run at once; the session state the handlers share.
import type { Envelope, Message } from "../protocol/message";
import type { MessageFactory } from "../protocol/messages";
import { log } from "../log";
import type { KernelActions, MainContext, RequestContext, SessionState } from "./context";
import { dispatchRequest } from "./dispatch";
import { History } from "./history";
import type { CellPublisher, Channels, Comms, Interpreter, RequestChannel } from "./ports";
import { routeOf } from "./requests";
import { Shell } from "./shell";
import { unknownSubshell } from "./subshell-handlers";
import { Subshells } from "./subshells";

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
  readonly subshells: Subshells;
  /** One counter for every shell, as ipykernel 7 counts. */
  nextExecutionCount = 1;
  private readonly ctx: MainContext;
  private readonly mainShell: Shell;

  constructor(private readonly options: SessionOptions) {
    this.interpreter = options.interpreter;
    this.comms = options.comms ?? noComms;
    const { channels, messages } = options;
    const kernel: KernelActions = { info: () => this.interpreter.kernelInfo(), ...options.kernel };
    const base: RequestContext = {
      messages,
      kernel,
      publish: (message) => channels.publish(message),
      flush: () => channels.flush(),
      reply: (channel, request, message) => channels.reply(channel, request, message),
    };
    this.ctx = { ...base, session: this };
    const newShell = () =>
      new Shell(
        (request) => this.dispatch("shell", request),
        (request) => this.abort(request),
      );
    this.mainShell = newShell();
    this.subshells = new Subshells(newShell);
  }

  /** Entry point for every decoded request: a shell request queues in its shell, a control
   * request runs at once. */
  receive(channel: RequestChannel, request: Envelope): void {
    if (channel === "control") return void this.dispatch("control", request);
    const shell = this.shellOf(request);
    if (shell) shell.push(request);
    else void dispatchRequest(request, "shell", this.ctx, { fields: {}, run: unknownSubshell });
  }

  /** The shell a request's header names: no `subshell_id` (or null) is the main shell. */
  private shellOf(request: Envelope): Shell | undefined {
    const id: unknown = request.header.subshell_id;
    return id === undefined || id === null ? this.mainShell : this.subshells.get(id);
  }

  private dispatch(channel: RequestChannel, request: Envelope): Promise<void> {
    const route = routeOf(request.header.msg_type);
    return dispatchRequest(request, channel, this.ctx, route && { fields: route.fields, run: (r) => route.handle(r, this.ctx, channel) });
  }

  abortWaitingExecutes(request: Envelope): void {
    this.shellOf(request)?.abortWaitingExecutes();
  }

  /** An execute that waited behind a failure: busy, an aborted reply, idle. */
  private async abort(request: Envelope): Promise<void> {
    const { messages, channels } = this.options;
    channels.publish(messages.status(request, "busy"));
    log(`aborting ${request.header.msg_id}: execute_request`);
    await channels.reply("shell", request, messages.reply(request, { status: "aborted" }, { status: "aborted" }));
    channels.publish(messages.status(request, "idle"));
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
