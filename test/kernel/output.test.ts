// Output captured per cell: late output of a cell's timers goes to that cell, errors thrown
// later land on their cell, and a flood of lines arrives whole and in order.
import type { KernelClient } from "../../src/client/kernel-client";
import type { Envelope } from "../../src/protocol/message";
import { ofType, startKernel, streamText } from "../support/kernel";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());

const parentId = (m: Envelope) => (m.parent_header as { msg_id?: string }).msg_id;

describe("output routing", () => {
  it("parents a timer's print to the cell that started it, while another cell runs", async () => {
    const late = kernel.nextIopub((m) => m.header.msg_type === "stream" && String(m.content.text).includes("late from A"));
    const a = await kernel.execute('setTimeout(() => console.log("late from A"), 300); "A"');
    const b = await kernel.execute("await new Promise(r => setTimeout(r, 1000)); 'B'");
    const message = await late;
    expect(parentId(message)).toBe(parentId(a.reply));
    expect(parentId(message)).not.toBe(parentId(b.reply));
    expect(streamText(b.messages)).toBe("");
  });

  it("parents output printed after every cell is idle to its cell", async () => {
    const late = kernel.nextIopub((m) => m.header.msg_type === "stream" && String(m.content.text).includes("after idle"));
    const a = await kernel.execute('setTimeout(() => console.log("after idle"), 200)');
    expect(parentId(await late)).toBe(parentId(a.reply));
  });

  it("shows an error thrown in a timer on the cell that started it, and the kernel lives on", async () => {
    const error = kernel.nextIopub((m) => m.header.msg_type === "error" && m.content.evalue === "timer boom");
    const a = await kernel.execute('setTimeout(() => { throw new Error("timer boom") }, 100); "scheduled"');
    expect(parentId(await error)).toBe(parentId(a.reply));
    const rejection = kernel.nextIopub((m) => m.header.msg_type === "error" && m.content.evalue === "nobody caught me");
    const b = await kernel.execute('Promise.reject(new Error("nobody caught me")); 1');
    expect(parentId(await rejection)).toBe(parentId(b.reply));
    expect((await kernel.execute("'alive'")).reply.content.status).toBe("ok");
  });

  it("delivers 100,000 printed lines, in order, in few messages", async () => {
    const { reply, messages } = await kernel.execute("for (let i = 0; i < 100000; i++) console.log(i)", {}, 60000);
    expect(reply.content.status).toBe("ok");
    const lines = streamText(messages).split("\n").filter(Boolean);
    expect(lines).toHaveLength(100000);
    expect(lines.every((line, i) => line === String(i))).toBe(true);
    expect(ofType(messages, "stream").length).toBeLessThan(100);
  });

  it("keeps stdout and stderr in the order they were written", async () => {
    const { messages } = await kernel.execute('console.log("1"); console.error("2"); console.log("3"); process.stdout.write("4\\n")');
    expect(ofType(messages, "stream").map((m) => [m.content.name, m.content.text])).toEqual([
      ["stdout", "1\n"], ["stderr", "2\n"], ["stdout", "3\n4\n"],
    ]);
  });
});
