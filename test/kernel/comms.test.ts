// Comms both ways through the real kernel process: a comm_open to an unknown target is closed, a
// registered target's handler runs, comm_msg and comm_close reach the comm's callbacks (binary
// buffers both ways), comm_info lists the open comms, and a cell opens, sends on and closes comms
// of its own. What a callback prints or throws lands on the cell that registered it.
import type { KernelClient } from "../../src/client/kernel-client";
import { commClose, commMsg, commOpen, recordComms, sendNoReply } from "../../src/client/comm-messages";
import type { Envelope } from "../../src/protocol/message";
import { ofType, startKernel, streamText, types } from "../support/kernel";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());

const parentId = (m: Envelope) => (m.parent_header as { msg_id?: string }).msg_id;
const streamOn = (text: string) => (m: Envelope) => m.header.msg_type === "stream" && String(m.content.text).includes(text);
const commInfo = async (content: Record<string, unknown> = {}) => (await kernel.request("shell", "comm_info_request", content)).reply.content;

describe("comms opened by the frontend", () => {
  it("closes a comm_open to an unknown target, between busy and idle", async () => {
    const { commId, messages } = await commOpen(kernel, "no.such.target", { x: 1 });
    expect(types(messages)).toEqual(["status", "comm_close", "status"]);
    expect(ofType(messages, "comm_close")[0].content).toEqual({ comm_id: commId, data: {} });
    expect((await commInfo()).comms).toEqual({});
  });

  it("runs a registered target's handler, whose print lands on the cell that registered it", async () => {
    const cell = await kernel.execute(`
      comms.registerTarget("test.echo", (comm, open) => {
        console.log("opened with", open.content.data.x, "on", comm.targetName);
        comm.onMessage((message) => {
          console.log("got", JSON.stringify(message.content.data), "and", message.buffers.length, "buffers");
          comm.send({ echo: message.content.data }, { sent: "back" }, [...message.buffers.map((b) => b.reverse()), new Uint8Array([7, 8])]);
        });
        comm.onClose((message) => console.log("closed with", JSON.stringify(message.content.data)));
      });`);
    expect(cell.reply.content.status).toBe("ok");
    const printed = kernel.nextIopub(streamOn("opened with"));
    const { commId, messages } = await commOpen(kernel, "test.echo", { x: 42 });
    expect(types(messages)).toEqual(["status", "status"]);
    const line = await printed;
    expect(line.content.text).toBe("opened with 42 on test.echo\n");
    expect(parentId(line)).toBe(parentId(cell.reply));

    const got = kernel.nextIopub(streamOn("got"));
    const answer = await commMsg(kernel, commId, { n: 1 }, { buffers: [Buffer.from([1, 2, 3])] });
    const [echo] = ofType(answer, "comm_msg");
    expect(echo.content).toEqual({ comm_id: commId, data: { echo: { n: 1 } } });
    expect(echo.metadata).toEqual({ sent: "back" });
    expect(echo.buffers.map((b) => [...b])).toEqual([
      [3, 2, 1],
      [7, 8],
    ]);
    expect((await got).content.text).toBe('got {"n":1} and 1 buffers\n');

    expect((await commInfo()).comms).toEqual({ [commId]: { target_name: "test.echo" } });
    const closed = kernel.nextIopub(streamOn("closed with"));
    await commClose(kernel, commId, { bye: true });
    expect((await closed).content.text).toBe('closed with {"bye":true}\n');
    expect((await commInfo()).comms).toEqual({});
  });

  it("shows what a callback throws on the cell that registered it", async () => {
    const cell = await kernel.execute(`comms.registerTarget("test.throws", (comm) => comm.onMessage(() => { throw new Error("callback broke"); }));`);
    const error = kernel.nextIopub((m) => m.header.msg_type === "error" && m.content.evalue === "callback broke");
    const { commId } = await commOpen(kernel, "test.throws");
    await commMsg(kernel, commId, {});
    expect(parentId(await error)).toBe(parentId(cell.reply));
    await commClose(kernel, commId);
  });

  it("ignores a comm message without a comm_id, and one for a comm that is not open", async () => {
    expect(types(await sendNoReply(kernel, "comm_msg", { data: {} }))).toEqual(["status", "status"]);
    expect(types(await commMsg(kernel, "not-open", { x: 1 }))).toEqual(["status", "status"]);
  });
});

describe("comms opened by a cell", () => {
  it("publishes comm_open, comm_msg and comm_close as children of the cell, with metadata and buffers", async () => {
    const { messages } = await kernel.execute(`
      import { comms, type Comm } from "tsloop";
      console.log("before");
      const mine: Comm = comms.open("test.frontend", { hello: "world" }, { v: 1 }, [new Uint8Array([1, 2]), new Float64Array([0.5]).buffer]);
      mine.send({ step: 1 }, {}, [Buffer.from("abc")]);
      mine.close({ done: true });
      mine.close();
      mine.id`);
    expect(types(messages).filter((t) => t !== "status")).toEqual(["execute_input", "stream", "comm_open", "comm_msg", "comm_close", "execute_result"]);
    expect(streamText(messages)).toBe("before\n");
    const [open] = ofType(messages, "comm_open");
    const commId = open.content.comm_id as string;
    expect(commId).toMatch(/^[0-9a-f]{32}$/);
    expect(open.content).toEqual({ comm_id: commId, target_name: "test.frontend", data: { hello: "world" } });
    expect(open.metadata).toEqual({ v: 1 });
    expect(open.buffers.map((b) => b.length)).toEqual([2, 8]);
    expect(new Float64Array(new Uint8Array(open.buffers[1]).buffer)[0]).toBe(0.5);
    const [msg] = ofType(messages, "comm_msg");
    expect(msg.content).toEqual({ comm_id: commId, data: { step: 1 } });
    expect(msg.buffers.map((b) => b.toString())).toEqual(["abc"]);
    expect(ofType(messages, "comm_close")[0].content).toEqual({ comm_id: commId, data: { done: true } });
    expect((ofType(messages, "execute_result")[0].content.data as Record<string, string>)["text/plain"]).toBe(`'${commId}'`);
  });

  it("lists a cell's open comms in comm_info, filtered by target_name", async () => {
    const { reply } = await kernel.execute(`const a = comms.open("test.a"); const b = comms.open("test.b"); [a.id, b.id].join(" ")`);
    expect(reply.content.status).toBe("ok");
    const all = (await commInfo()).comms as Record<string, { target_name: string }>;
    const onlyA = (await commInfo({ target_name: "test.a" })).comms as Record<string, { target_name: string }>;
    expect(Object.values(all).map((c) => c.target_name)).toEqual(["test.a", "test.b"]);
    expect(Object.values(onlyA)).toEqual([{ target_name: "test.a" }]);
    await kernel.execute("a.close(); b.close()");
    expect((await commInfo()).comms).toEqual({});
  });

  it("refuses to send on a closed comm", async () => {
    const { reply } = await kernel.execute(`const c = comms.open("test.closed"); c.close(); c.send({})`);
    expect(reply.content.status).toBe("error");
    expect(reply.content.evalue).toContain("is closed");
  });

  it("sends what a comm's callback sends as a child of the frontend's comm_msg", async () => {
    const comms = recordComms(kernel);
    await kernel.execute(`const back = comms.open("test.reply"); back.onMessage((m) => back.send({ pong: m.content.data.ping }));`);
    const commId = comms.messages.find((m) => m.header.msg_type === "comm_open")!.content.comm_id as string;
    comms.stop();
    const sent = kernel.send("shell", "comm_msg", { comm_id: commId, data: { ping: 5 } });
    const pong = await kernel.nextIopub((m) => m.header.msg_type === "comm_msg" && m.content.comm_id === commId);
    expect(pong.content.data).toEqual({ pong: 5 });
    expect(parentId(pong)).toBe(sent.header.msg_id);
  });
});
