// The session with fake channels and a fake interpreter: ordering and parenting of messages,
// counting, the abort queue, unknown types. No sockets, no TypeScript.
import { childOf } from "../../src/protocol/header";
import type { Envelope, Message } from "../../src/protocol/message";
import { KernelSession } from "../../src/session/kernel";
import type { CellRun, Channels, ExecuteOutcome, Interpreter } from "../../src/session/ports";

const identity = { session: "kernel", username: "k" };

class FakeChannels implements Channels {
  sent: { via: string; message: Message }[] = [];
  publish(message: Message) { this.sent.push({ via: "iopub", message }); }
  reply(channel: string, _request: Envelope, message: Message) { this.sent.push({ via: channel, message }); }
  async requestInput(): Promise<Envelope> { throw new Error("no stdin"); }
  log() { return this.sent.map((s) => `${s.via}:${s.message.header.msg_type}${s.message.content.execution_state ? `:${s.message.content.execution_state}` : ""}`); }
}

function fakeInterpreter(run: (r: CellRun) => Promise<ExecuteOutcome>): Interpreter {
  return {
    kernelInfo: () => ({ implementation: "fake", implementation_version: "0", language_info: { name: "fake", version: "0", mimetype: "", file_extension: "" }, banner: "", help_links: [] }),
    execute: run,
    evaluateExpression: async () => ({ status: "ok", data: {}, metadata: {} }),
    complete: async () => ({ status: "ok", matches: [], cursor_start: 0, cursor_end: 0, metadata: {} }),
    inspect: async () => ({ status: "ok", found: false, data: {}, metadata: {} }),
    isComplete: async () => ({ status: "complete" }),
    interrupt: () => undefined,
    shutdown: async () => undefined,
  };
}

function request(type: string, content: Record<string, unknown>): Envelope {
  return { ...childOf(undefined, type, content, { session: "client", username: "c" }), identities: [Buffer.from("id")] };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe("KernelSession", () => {
  it("wraps an execute in busy/idle with execute_input, outputs, result and reply in order", async () => {
    const channels = new FakeChannels();
    const interpreter = fakeInterpreter(async (run) => {
      run.publisher.publish("stream", { name: "stdout", text: "hi\n" });
      return { status: "ok", result: { data: { "text/plain": "42" }, metadata: {} } };
    });
    const session = new KernelSession({ channels, interpreter, identity, onShutdown: () => undefined });
    const r = request("execute_request", { code: "x" });
    session.receive("shell", r);
    await settle();
    expect(channels.log()).toEqual(["iopub:status:busy", "iopub:execute_input", "iopub:stream", "iopub:execute_result", "shell:execute_reply", "iopub:status:idle"]);
    for (const { message } of channels.sent) expect(message.parent_header).toEqual(r.header);
  });

  it("runs shell requests one at a time and aborts the waiting executes after an error", async () => {
    const channels = new FakeChannels();
    const ran: string[] = [];
    const interpreter = fakeInterpreter(async (run) => {
      ran.push(run.code);
      await settle();
      return run.code === "bad" ? { status: "error", ename: "E", evalue: "v", traceback: [] } : { status: "ok" };
    });
    const session = new KernelSession({ channels, interpreter, identity, onShutdown: () => undefined });
    for (const code of ["bad", "a", "b"]) session.receive("shell", request("execute_request", { code }));
    session.receive("shell", request("kernel_info_request", {}));
    await settle();
    await settle();
    expect(ran).toEqual(["bad"]);
    const replies = channels.sent.filter((s) => s.via === "shell").map((s) => [s.message.header.msg_type, s.message.content.status]);
    expect(replies).toEqual([["execute_reply", "error"], ["execute_reply", "aborted"], ["execute_reply", "aborted"], ["kernel_info_reply", "ok"]]);
  });

  it("publishes busy and idle for an unknown type without replying", async () => {
    const channels = new FakeChannels();
    const session = new KernelSession({ channels, interpreter: fakeInterpreter(async () => ({ status: "ok" })), identity, onShutdown: () => undefined });
    session.receive("control", request("mystery_request", {}));
    await settle();
    expect(channels.log()).toEqual(["iopub:status:busy", "iopub:status:idle"]);
  });
});
