// The session ring: the main thread's session with fake channels and a fake interpreter, and the
// off-main dispatch as the io thread runs it. Ordering and parenting of messages, counting, the
// abort queue, malformed and unknown requests, failing handlers, subshells. No sockets, no TypeScript.
import { childOf } from "../../src/protocol/header";
import type { Envelope, Message } from "../../src/protocol/message";
import { MessageFactory } from "../../src/protocol/messages";
import type { RequestContext } from "../../src/session/context";
import { dispatchRequest } from "../../src/session/dispatch";
import { KernelSession } from "../../src/session/kernel";
import type { CellOutcome, CellRequest, Channels, CommPublisher, Comms, Interpreter } from "../../src/session/ports";
import { routeOf } from "../../src/session/requests";

const messages = new MessageFactory({ session: "kernel", username: "k" });

class FakeChannels implements Channels {
  sent: { via: string; message: Message }[] = [];
  /** How many messages had been sent at each flush. */
  flushedAt: number[] = [];
  publish(message: Message) {
    this.sent.push({ via: "iopub", message });
  }
  flush() {
    this.flushedAt.push(this.sent.length);
  }
  async reply(channel: string, _request: Envelope, message: Message) {
    this.sent.push({ via: channel, message });
  }
  async requestInput(): Promise<Envelope> {
    throw new Error("no stdin");
  }
  requestInputNow(): string | undefined {
    throw new Error("no stdin");
  }
  /** `via:msg_type[:state]` of everything sent whose parent is `request` (all when omitted). */
  log(request?: Envelope) {
    return this.sent
      .filter((s) => !request || (s.message.parent_header as { msg_id?: string }).msg_id === request.header.msg_id)
      .map(
        (s) => `${s.via}:${s.message.header.msg_type}${typeof s.message.content.execution_state === "string" ? `:${s.message.content.execution_state}` : ""}`,
      );
  }
  replies() {
    return this.sent.filter((s) => s.via !== "iopub").map((s) => s.message);
  }
}

const INFO = {
  implementation: "fake",
  implementation_version: "0",
  language_info: { name: "fake", version: "0", mimetype: "", file_extension: "" },
  banner: "",
  help_links: [],
};

function fakeInterpreter(run: (cell: CellRequest) => Promise<CellOutcome>, overrides: Partial<Interpreter> = {}): Interpreter {
  return {
    kernelInfo: () => INFO,
    execute: run,
    evaluateExpression: async (expression) => ({ status: "ok", data: { "text/plain": `value of ${expression}` }, metadata: {} }),
    complete: async () => ({ status: "ok", matches: ["m"], cursor_start: 0, cursor_end: 0, metadata: {} }),
    inspect: async () => ({ status: "ok", found: false, data: {}, metadata: {} }),
    isComplete: async () => ({ status: "complete" }),
    shutdown: async () => undefined,
    ...overrides,
  };
}

function request(type: string, content: Record<string, unknown>): Envelope {
  return { ...childOf(undefined, type, content, { session: "client", username: "c" }), identities: [Buffer.from("id")] };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

function sessionWith(interpreter: Interpreter, comms?: Comms) {
  const channels = new FakeChannels();
  const actions = { interrupts: 0, shutdowns: [] as boolean[] };
  const session = new KernelSession({
    channels,
    interpreter,
    messages,
    comms,
    kernel: { interrupt: () => void actions.interrupts++, shutdown: (restart) => void actions.shutdowns.push(restart) },
  });
  return { channels, session, actions };
}

const ok = async (): Promise<CellOutcome> => ({ status: "ok" });

describe("the session's ordering invariants", () => {
  it("wraps an execute in busy/idle with execute_input, outputs, result and reply in that order, all parented to it", async () => {
    const { channels, session } = sessionWith(
      fakeInterpreter(async (cell) => {
        cell.publisher.stream("stdout", "hi\n");
        cell.publisher.displayData({ "text/plain": "d" }, {}, "id-1");
        cell.publisher.updateDisplayData({ "text/plain": "e" }, {}, "id-1");
        cell.publisher.clearOutput(true);
        return { status: "ok", result: { data: { "text/plain": "42" }, metadata: {} } };
      }),
    );
    const r = request("execute_request", { code: "x" });
    session.receive("shell", r);
    await settle();
    expect(channels.log()).toEqual([
      "iopub:status:busy",
      "iopub:execute_input",
      "iopub:stream",
      "iopub:display_data",
      "iopub:update_display_data",
      "iopub:clear_output",
      "iopub:execute_result",
      "shell:execute_reply",
      "iopub:status:idle",
    ]);
    for (const { message } of channels.sent) expect(message.parent_header).toEqual(r.header);
    expect(channels.flushedAt).toEqual([2]); // busy and execute_input, before the cell ran
    const display = channels.sent.find((s) => s.message.header.msg_type === "display_data")!.message;
    expect(display.content).toEqual({ data: { "text/plain": "d" }, metadata: {}, transient: { display_id: "id-1" } });
  });

  it("counts stored cells only, and a silent cell gets neither execute_input nor execute_result", async () => {
    const { channels, session } = sessionWith(fakeInterpreter(async () => ({ status: "ok", result: { data: { "text/plain": "1" }, metadata: {} } })));
    const first = request("execute_request", { code: "a" });
    const silent = request("execute_request", { code: "b", silent: true });
    const unstored = request("execute_request", { code: "c", store_history: false });
    const second = request("execute_request", { code: "d" });
    for (const r of [first, silent, unstored, second]) session.receive("shell", r);
    await settle();
    expect(channels.log(silent)).toEqual(["iopub:status:busy", "shell:execute_reply", "iopub:status:idle"]);
    const counts = channels.replies().map((m) => m.content.execution_count);
    expect(counts).toEqual([1, 1, 1, 2]);
    const inputs = channels.sent.filter((s) => s.message.header.msg_type === "execute_input").map((s) => s.message.content.execution_count);
    expect(inputs).toEqual([1, 2, 2]);
  });

  it("runs shell requests one at a time; after an error the waiting executes are aborted, each with its own busy/idle after the failed one's idle", async () => {
    const ran: string[] = [];
    const { channels, session } = sessionWith(
      fakeInterpreter(async (cell) => {
        ran.push(cell.code);
        await settle();
        return cell.code === "bad" ? { status: "error", ename: "E", evalue: "v", traceback: ["tb"] } : { status: "ok" };
      }),
    );
    const bad = request("execute_request", { code: "bad" });
    const a = request("execute_request", { code: "a" });
    const b = request("execute_request", { code: "b" });
    const info = request("kernel_info_request", {});
    for (const r of [bad, a, b, info]) session.receive("shell", r);
    await settle();
    await settle();
    expect(ran).toEqual(["bad"]);
    expect(channels.log(bad)).toEqual(["iopub:status:busy", "iopub:execute_input", "iopub:error", "shell:execute_reply", "iopub:status:idle"]);
    expect(channels.log(a)).toEqual(["iopub:status:busy", "shell:execute_reply", "iopub:status:idle"]);
    const order = channels.sent.map((s) => `${(s.message.parent_header as { msg_id: string }).msg_id}:${s.message.header.msg_type}`);
    expect(order.indexOf(`${a.header.msg_id}:status`)).toBeGreaterThan(order.lastIndexOf(`${bad.header.msg_id}:status`));
    expect(channels.replies().map((m) => [m.header.msg_type, m.content.status])).toEqual([
      ["execute_reply", "error"],
      ["execute_reply", "aborted"],
      ["execute_reply", "aborted"],
      ["kernel_info_reply", "ok"],
    ]);
  });

  it("publishes a request's idle only once its reply is handed to the socket", async () => {
    const { channels, session } = sessionWith(fakeInterpreter(ok));
    let handOver!: () => void;
    const sendReply = channels.reply.bind(channels);
    channels.reply = (channel, request, message) => {
      void sendReply(channel, request, message);
      return new Promise<void>((resolve) => (handOver = resolve));
    };
    const r = request("execute_request", { code: "x" });
    session.receive("shell", r);
    await settle();
    expect(channels.log(r)).toEqual(["iopub:status:busy", "iopub:execute_input", "shell:execute_reply"]);
    handOver();
    await settle();
    expect(channels.log(r)).toEqual(["iopub:status:busy", "iopub:execute_input", "shell:execute_reply", "iopub:status:idle"]);
  });

  it("replies to an execute on control on control, and its failure aborts nothing queued on shell", async () => {
    let release!: () => void;
    const { channels, session } = sessionWith(
      fakeInterpreter(async (cell) => {
        if (cell.code === "slow") await new Promise<void>((resolve) => (release = resolve));
        return cell.code === "bad" ? { status: "error", ename: "E", evalue: "v", traceback: [] } : { status: "ok" };
      }),
    );
    session.receive("shell", request("execute_request", { code: "slow" }));
    session.receive("shell", request("execute_request", { code: "queued" }));
    await settle();
    session.receive("control", request("execute_request", { code: "bad" }));
    await settle();
    release();
    await settle();
    expect(channels.replies().map((m) => m.content.status)).toEqual(["error", "ok", "ok"]);
    expect(channels.sent.filter((s) => s.via === "control").map((s) => s.message.header.msg_type)).toEqual(["execute_reply"]);
  });

  it("does not abort after an error when stop_on_error is false", async () => {
    const ran: string[] = [];
    const { channels, session } = sessionWith(
      fakeInterpreter(async (cell) => {
        ran.push(cell.code);
        return cell.code === "bad" ? { status: "error", ename: "E", evalue: "v", traceback: [] } : { status: "ok" };
      }),
    );
    session.receive("shell", request("execute_request", { code: "bad", stop_on_error: false }));
    session.receive("shell", request("execute_request", { code: "next" }));
    await settle();
    expect(ran).toEqual(["bad", "next"]);
    expect(channels.replies().map((m) => m.content.status)).toEqual(["error", "ok"]);
  });

  it("answers control requests while a shell request runs", async () => {
    let release!: () => void;
    const { channels, session } = sessionWith(fakeInterpreter(() => new Promise<CellOutcome>((resolve) => (release = () => resolve({ status: "ok" })))));
    session.receive("shell", request("execute_request", { code: "slow" }));
    session.receive("control", request("kernel_info_request", {}));
    await settle();
    expect(channels.replies().map((m) => m.header.msg_type)).toEqual(["kernel_info_reply"]);
    release();
    await settle();
    expect(channels.replies().map((m) => m.header.msg_type)).toEqual(["kernel_info_reply", "execute_reply"]);
  });

  it("evaluates user_expressions into the reply", async () => {
    const { channels, session } = sessionWith(fakeInterpreter(ok));
    session.receive("shell", request("execute_request", { code: "x", user_expressions: { a: "1+1" } }));
    await settle();
    expect(channels.replies()[0].content.user_expressions).toEqual({ a: { status: "ok", data: { "text/plain": "value of 1+1" }, metadata: {} } });
  });
});

describe("comm messages", () => {
  it("hands comm_open, comm_msg and comm_close to the comms with their own publisher, between busy and idle, with no reply", async () => {
    const seen: string[] = [];
    const comms: Comms = {
      open: (m: Envelope, p: CommPublisher) => p.commMsg({ comm_id: String(m.content.comm_id), data: { hi: 1 } }, { metadata: {}, buffers: [] }),
      message: (m: Envelope) => void seen.push(`msg ${String(m.content.comm_id)}`),
      close: (m: Envelope) => void seen.push(`close ${String(m.content.comm_id)}`),
      info: (target?: string) => ({ c1: { target_name: target ?? "any" } }),
    };
    const { channels, session } = sessionWith(fakeInterpreter(ok), comms);
    const open = request("comm_open", { comm_id: "c1", target_name: "t", data: {} });
    const info = request("comm_info_request", { target_name: "t" });
    for (const r of [open, request("comm_msg", { comm_id: "c1", data: {} }), request("comm_close", { comm_id: "c1", data: {} }), info])
      session.receive("shell", r);
    await settle();
    expect(channels.log(open)).toEqual(["iopub:status:busy", "iopub:comm_msg", "iopub:status:idle"]);
    expect(seen).toEqual(["msg c1", "close c1"]);
    expect(channels.replies().map((m) => [m.header.msg_type, m.content.comms])).toEqual([["comm_info_reply", { c1: { target_name: "t" } }]]);
  });

  it("closes every comm_open when no comms are connected, and lists none", async () => {
    const { channels, session } = sessionWith(fakeInterpreter(ok));
    const open = request("comm_open", { comm_id: "c2", target_name: "t", data: {} });
    session.receive("shell", open);
    session.receive("shell", request("comm_info_request", {}));
    await settle();
    expect(channels.log(open)).toEqual(["iopub:status:busy", "iopub:comm_close", "iopub:status:idle"]);
    expect(channels.replies()[0].content).toEqual({ status: "ok", comms: {} });
  });
});

describe("malformed, unknown and failing requests", () => {
  it.each([
    [{ code: 123 }, "execute_request: 'code' must be a string"],
    [{}, "execute_request: 'code' is required"],
    [{ code: "x", silent: "yes" }, "execute_request: 'silent' must be a boolean"],
    [{ code: "x", user_expressions: [] }, "execute_request: 'user_expressions' must be an object"],
  ])("refuses execute_request %j with BadRequest and runs nothing", async (content, evalue) => {
    const ran: string[] = [];
    const { channels, session } = sessionWith(fakeInterpreter(async (cell) => (ran.push(cell.code), { status: "ok" })));
    const r = request("execute_request", content);
    session.receive("shell", r);
    session.receive("shell", request("execute_request", { code: "after" }));
    await settle();
    expect(channels.log(r)).toEqual(["iopub:status:busy", "shell:execute_reply", "iopub:status:idle"]);
    expect(channels.replies()[0].content).toEqual({ status: "error", ename: "BadRequest", evalue, traceback: [] });
    expect(ran).toEqual(["after"]);
    expect(channels.replies()[1].content.execution_count).toBe(1); // the refused one did not count
  });

  it("refuses complete_request with a cursor_pos that is not an integer", async () => {
    const { channels, session } = sessionWith(fakeInterpreter(ok));
    session.receive("shell", request("complete_request", { code: "x", cursor_pos: "1" }));
    await settle();
    expect(channels.replies()[0].content.evalue).toBe("complete_request: 'cursor_pos' must be an integer");
  });

  it.each(["mystery_request", "constructor", "__proto__", "toString", "hasOwnProperty", "execute_reply"])(
    "publishes busy and idle for the unknown type %s without replying",
    async (type) => {
      const { channels, session } = sessionWith(fakeInterpreter(ok));
      session.receive("control", request(type, {}));
      session.receive("shell", request(type, {}));
      await settle();
      expect(channels.log()).toEqual(["iopub:status:busy", "iopub:status:idle", "iopub:status:busy", "iopub:status:idle"]);
    },
  );

  it("replies KernelError when a handler throws, and still publishes idle", async () => {
    const { channels, session } = sessionWith(fakeInterpreter(ok, { complete: async () => Promise.reject(new Error("boom")) }));
    const r = request("complete_request", { code: "x" });
    session.receive("shell", r);
    await settle();
    expect(channels.log(r)).toEqual(["iopub:status:busy", "shell:complete_reply", "iopub:status:idle"]);
    expect(channels.replies()[0].content).toMatchObject({ status: "error", ename: "KernelError", evalue: "Error: boom" });
  });

  it("a cell that asks for input when allow_stdin is false gets an error, not a hang", async () => {
    let asked = "";
    const { session } = sessionWith(
      fakeInterpreter(async (cell) => {
        asked = await cell.stdin.ask("name?", false).catch((error: Error) => error.message);
        try {
          cell.stdin.askNow("name?", false);
        } catch (error) {
          asked += ` / ${(error as Error).message}`;
        }
        return { status: "ok" };
      }),
    );
    session.receive("shell", request("execute_request", { code: "x", allow_stdin: false }));
    await settle();
    expect(asked).toMatch(/allow_stdin is false.* \/ .*allow_stdin is false/);
  });
});

describe("the requests that must work off the main thread", () => {
  it("answers kernel_info on shell with the protocol version and the interpreter's info", async () => {
    const { channels, session } = sessionWith(fakeInterpreter(ok));
    session.receive("shell", request("kernel_info_request", {}));
    await settle();
    expect(channels.replies()[0].content).toEqual({ status: "ok", protocol_version: "5.5", ...INFO, supported_features: ["kernel subshells", "debugger"] });
  });

  it("interrupt and shutdown on shell reach the kernel's actions; shutdown_reply is also broadcast", async () => {
    const { channels, session, actions } = sessionWith(fakeInterpreter(ok));
    const shutdown = request("shutdown_request", { restart: true });
    session.receive("shell", request("interrupt_request", {}));
    session.receive("shell", shutdown);
    await settle();
    expect(actions).toEqual({ interrupts: 1, shutdowns: [true] });
    expect(channels.log(shutdown)).toEqual(["iopub:status:busy", "shell:shutdown_reply", "iopub:shutdown_reply", "iopub:status:idle"]);
  });

  it("runs the same handlers from the io thread's dispatch, with that thread's context", async () => {
    const sent: string[] = [];
    let interrupted = 0;
    const ctx: RequestContext = {
      messages,
      kernel: { info: () => INFO, interrupt: () => void interrupted++, shutdown: () => undefined },
      publish: (m) => void sent.push(`iopub:${m.header.msg_type}`),
      flush: () => undefined,
      reply: async (channel, _r, m) => void sent.push(`${channel}:${m.header.msg_type}:${typeof m.content.status === "string" ? m.content.status : ""}`),
    };
    for (const type of ["kernel_info_request", "interrupt_request"]) {
      const route = routeOf(type);
      expect(route?.offMain).toBe(true);
      if (!route?.offMain) continue;
      await dispatchRequest(request(type, {}), "control", ctx, { fields: route.fields, run: (r) => route.handle(r, ctx, "control") });
    }
    expect(sent).toEqual(["iopub:status", "control:kernel_info_reply:ok", "iopub:status", "iopub:status", "control:interrupt_reply:ok", "iopub:status"]);
    expect(interrupted).toBe(1);
    expect(routeOf("execute_request")?.offMain).toBe(false);
  });
});

describe("subshells", () => {
  const inSubshell = (r: Envelope, id: unknown): Envelope => ({ ...r, header: { ...r.header, subshell_id: id as string } });

  async function created(session: KernelSession, channels: FakeChannels): Promise<string> {
    const create = request("create_subshell_request", {});
    session.receive("control", create);
    await settle();
    const reply = channels.replies().find((m) => (m.parent_header as { msg_id?: string }).msg_id === create.header.msg_id)!;
    expect(reply.content.status).toBe("ok");
    expect(typeof reply.content.subshell_id).toBe("string");
    return reply.content.subshell_id as string;
  }

  it("are created, listed and deleted on control; deleting an unknown id is an error", async () => {
    const { channels, session } = sessionWith(fakeInterpreter(ok));
    const [one, two] = [await created(session, channels), await created(session, channels)];
    expect(one).not.toBe(two);
    for (const r of [request("list_subshell_request", {}), request("delete_subshell_request", { subshell_id: one })]) session.receive("control", r);
    await settle();
    for (const r of [request("delete_subshell_request", { subshell_id: one }), request("list_subshell_request", {})]) session.receive("control", r);
    await settle();
    expect(
      channels
        .replies()
        .slice(2)
        .map((m) => [m.header.msg_type, m.content]),
    ).toEqual([
      ["list_subshell_reply", { status: "ok", subshell_id: [one, two] }],
      ["delete_subshell_reply", { status: "ok" }],
      ["delete_subshell_reply", { status: "error", ename: "NoSuchSubshell", evalue: `no subshell with id '${one}'`, traceback: [] }],
      ["list_subshell_reply", { status: "ok", subshell_id: [two] }],
    ]);
  });

  it("run a subshell's request while the main shell's waits, each with its own busy/idle, on one shared counter", async () => {
    let release!: () => void;
    const { channels, session } = sessionWith(
      fakeInterpreter(async (cell) => {
        if (cell.code === "slow") await new Promise<void>((resolve) => (release = resolve));
        return { status: "ok" };
      }),
    );
    const id = await created(session, channels);
    const slow = request("execute_request", { code: "slow" });
    const fast = inSubshell(request("execute_request", { code: "fast" }), id);
    session.receive("shell", slow);
    await settle();
    session.receive("shell", fast);
    await settle();
    expect(channels.log(fast)).toEqual(["iopub:status:busy", "iopub:execute_input", "shell:execute_reply", "iopub:status:idle"]);
    expect(channels.log(slow)).toEqual(["iopub:status:busy", "iopub:execute_input"]);
    release();
    await settle();
    expect(channels.log(slow)).toEqual(["iopub:status:busy", "iopub:execute_input", "shell:execute_reply", "iopub:status:idle"]);
    // Each reply carries its own count, though the subshell's cell was counted while the first ran.
    const countOf = (r: Envelope) =>
      channels.replies().find((m) => (m.parent_header as { msg_id?: string }).msg_id === r.header.msg_id)?.content.execution_count;
    expect([countOf(slow), countOf(fast)]).toEqual([1, 2]);
  });

  it("abort after an error only the executes waiting in the failed one's shell", async () => {
    const { channels, session } = sessionWith(
      fakeInterpreter(async (cell) => {
        await settle();
        return cell.code === "bad" ? { status: "error", ename: "E", evalue: "v", traceback: [] } : { status: "ok" };
      }),
    );
    const id = await created(session, channels);
    const cells = [inSubshell(request("execute_request", { code: "bad" }), id), inSubshell(request("execute_request", { code: "sub" }), id)];
    cells.push(request("execute_request", { code: "main" }));
    for (const r of cells) session.receive("shell", r);
    await settle();
    await settle();
    const statusOf = (r: Envelope) => channels.replies().find((m) => (m.parent_header as { msg_id?: string }).msg_id === r.header.msg_id)?.content.status;
    expect(cells.map(statusOf)).toEqual(["error", "aborted", "ok"]);
  });

  it("refuse a request for an unknown subshell with an error reply and busy/idle, and drop a comm message for one", async () => {
    const { channels, session } = sessionWith(fakeInterpreter(ok));
    const unknown = inSubshell(request("execute_request", { code: "x" }), "no-such-id");
    const comm = inSubshell(request("comm_msg", { comm_id: "c", data: {} }), "no-such-id");
    session.receive("shell", unknown);
    session.receive("shell", comm);
    await settle();
    expect(channels.log(unknown)).toEqual(["iopub:status:busy", "shell:execute_reply", "iopub:status:idle"]);
    expect(channels.replies()[0].content).toMatchObject({ status: "error", ename: "NoSuchSubshell" });
    expect(channels.log(comm)).toEqual(["iopub:status:busy", "iopub:status:idle"]);
  });
});
