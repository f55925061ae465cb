// Output captured per cell: late output of a cell's timers goes to that cell, also after every cell
// is idle, and stdout/stderr keep their order. (Late errors: late-errors.test.ts; 100,000 lines and
// bigger floods: flood.test.ts.)
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

  it("keeps stdout and stderr in the order they were written", async () => {
    const { messages } = await kernel.execute('console.log("1"); console.error("2"); console.log("3"); process.stdout.write("4\\n")');
    expect(ofType(messages, "stream").map((m) => [m.content.name, m.content.text])).toEqual([
      ["stdout", "1\n"],
      ["stderr", "2\n"],
      ["stdout", "3\n4\n"],
    ]);
  });
});
