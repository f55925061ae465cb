// Errors that surface after their cell finished (a timer, a callback, a rejection nobody handles)
// are error outputs on the cell that started them, also while another cell runs; the kernel lives.
// A cell calling process.exit() ends the kernel cleanly: its output is sent, its sockets closed.
import { readdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Envelope } from "../../src/protocol/message";
import { ofType, startKernel, streamText } from "../support/kernel";

const parentId = (m: Envelope) => (m.parent_header as { msg_id?: string }).msg_id;

test("late errors land on the cell that started them while a later cell runs", async () => {
  const kernel = await startKernel();
  try {
    await kernel.execute("1", {}, 10_000);
    await kernel.execute("2", {}, 10_000);
    const errors: Envelope[] = [];
    kernel.onIopub((m) => void (m.header.msg_type === "error" && errors.push(m)));
    const third = await kernel.execute(
      `
      import { EventEmitter } from "node:events";
      import { readFile } from "node:fs";
      const bus = new EventEmitter();
      bus.on("tick", () => { throw new Error("from a listener"); });
      setTimeout(() => { throw new Error("from a timer"); }, 300);
      setTimeout(() => bus.emit("tick"), 400);
      readFile("package.json", () => setTimeout(() => { throw new Error("from a callback"); }, 500));
      new Promise((_, reject) => setTimeout(() => reject(new Error("nobody handles me")), 600));
      Promise.reject(new Error("rejected at once"));
      "scheduled"`,
      {},
      10_000,
    );
    expect(third.reply.content).toMatchObject({ status: "ok" });
    await kernel.execute("4", {}, 10_000);
    const fifth = await kernel.execute("await new Promise((r) => setTimeout(r, 1500)); 'fifth'", {}, 10_000);
    expect(fifth.reply.content.status).toBe("ok");
    expect(ofType(fifth.messages, "error")).toEqual([]);
    const late = errors
      .filter((m) => parentId(m) === parentId(third.reply))
      .map((m) => m.content.evalue)
      .sort();
    expect(late).toEqual(["from a callback", "from a listener", "from a timer", "nobody handles me", "rejected at once"]);
    expect(errors).toHaveLength(5);
    expect((await kernel.execute("'alive'", {}, 5000)).reply.content.status).toBe("ok");
    expect(kernel.process!.exitCode).toBeNull();
  } finally {
    await kernel.shutdown();
  }
}, 30_000);

test("process.exit() in a cell sends the cell's output, closes the sockets and exits cleanly", async () => {
  const kernel = await startKernel({ transport: "ipc" });
  try {
    const socketDir = dirname(kernel.connection.ip);
    const socketFiles = () => readdirSync(socketDir).filter((name) => name.startsWith("kernel-"));
    expect(socketFiles()).toHaveLength(5);
    const bye = kernel.nextIopub((m) => m.header.msg_type === "stream" && String(m.content.text).includes("bye"));
    kernel.send("shell", "execute_request", {
      code: 'console.log("bye"); process.exit()',
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    });
    expect(await kernel.waitForExit(5000)).toBe(0);
    expect(streamText([await bye])).toBe("bye\n");
    expect(socketFiles()).toEqual([]);
  } finally {
    kernel.close();
  }
}, 20_000);

// The io thread's sends of text frames are copied by ZeroMQ: a zero-copy Buffer released after the
// thread ended corrupted the heap, and a kernel exiting after a burst of outputs often died of
// SIGABRT (8 of 120 such exits before the fix, 0 of 240 after).
test("process.exit() right after a burst of displays exits cleanly, each time", async () => {
  const code = 'for (let i = 0; i < 1000; i++) display({ "text/plain": "x".repeat(300) + i }); process.exit()';
  const ends: string[] = [];
  for (let run = 0; run < 6; run++) {
    const kernel = await startKernel({ transport: "ipc" });
    try {
      kernel.send("shell", "execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
      const exitCode = await kernel.waitForExit(10_000);
      ends.push(`exit ${exitCode}, signal ${kernel.process?.signalCode ?? "none"}`);
    } finally {
      kernel.close();
    }
  }
  expect(ends).toEqual(Array(6).fill("exit 0, signal none"));
}, 120_000);
