// A DAP client over a kernel's control channel, as JupyterLab's debugger service is one:
// debug_request/debug_reply, and the debug_events that arrive on iopub.
import type { KernelClient } from "../../src/client/kernel-client";
import type { Envelope } from "../../src/protocol/message";

export interface DapAnswer {
  success: boolean;
  message?: string;
  body: Record<string, unknown>;
  command: string;
  request_seq: number;
}

export class DapClient {
  private seq = 1;
  readonly events: Record<string, unknown>[] = [];
  private readonly stop: () => void;

  constructor(private readonly kernel: KernelClient) {
    this.stop = kernel.onIopub((m: Envelope) => {
      if (m.header.msg_type === "debug_event") this.events.push(m.content);
    });
  }

  async request(command: string, args: Record<string, unknown> = {}): Promise<DapAnswer> {
    const seq = this.seq++;
    const { reply } = await this.kernel.request("control", "debug_request", { type: "request", seq, command, arguments: args }, 20000);
    return reply.content as unknown as DapAnswer;
  }

  /** The body of a request that must succeed. */
  async body(command: string, args: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const answer = await this.request(command, args);
    if (!answer.success) throw new Error(`${command} failed: ${answer.message}`);
    return answer.body;
  }

  /** Waits for the next event named `name` after `after` events were seen. */
  async event(name: string, after = 0, timeoutMs = 20000): Promise<Record<string, unknown>> {
    const start = Date.now();
    for (;;) {
      const found = this.events.slice(after).find((e) => e.event === name);
      if (found) return found;
      if (Date.now() - start > timeoutMs) throw new Error(`no ${name} event within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.stop();
  }
}
