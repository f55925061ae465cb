// interrupt_request on control (kernel.json: interrupt_mode "message") stops, within 1 s, a loop
// in the cell, a loop after an await or in a timer, and a cell awaiting forever; the cell ends
// with KeyboardInterrupt, queued cells are aborted, state survives, and SIGINT never kills.
import type { KernelClient } from "../../src/client/kernel-client";
import type { Envelope, Message } from "../../src/protocol/message";
import { sendExecute, sleep } from "../support/bounds";
import { ofType, plain, startKernel, streamText } from "../support/kernel";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
  await kernel.execute("var survivor = 41; var ticks = 0;", {}, 10_000);
}, 30_000);
afterAll(async () => {
  if (process.env.SHOW_STDERR) console.log((kernel as unknown as { stderr: string[] }).stderr.join(""));
  await kernel?.shutdown();
});

const parentIs = (id: string) => (m: Envelope) => (m.parent_header as { msg_id?: string }).msg_id === id;

/** Sends `code` and resolves once it runs (its execute_input is out) and `afterMs` more passed. */
async function startCell(code: string, afterMs = 300): Promise<Message> {
  const sent = sendExecute(kernel, code);
  await kernel.nextIopub((m) => m.header.msg_type === "execute_input" && parentIs(sent.header.msg_id)(m));
  await sleep(afterMs);
  return sent;
}

/** Runs `code`, interrupts it after `afterMs`; returns the outcome and the interrupt's latency. */
async function interruptCell(code: string, afterMs = 300) {
  const sent = await startCell(code, afterMs);
  const outcome = kernel.outcomeOf(sent.header.msg_id, 3000);
  const started = performance.now();
  kernel.send("control", "interrupt_request", {});
  return { ...(await outcome), latency: performance.now() - started };
}

async function expectAlive(): Promise<void> {
  const { messages } = await kernel.execute("survivor + 1", {}, 5000);
  expect(plain(ofType(messages, "execute_result")[0])).toBe("42");
}

describe.each([
  ["a synchronous infinite loop", "while (true) {}"],
  ["a loop after `await null`", "await null; while (true) {}"],
  ["a loop after awaiting a timer", "await new Promise((r) => setTimeout(r, 20)); while (true) {}"],
  ["a loop inside a setTimeout the cell awaits", "await new Promise((r) => setTimeout(() => { while (true) {} }, 20))"],
  ["a promise that never settles", "await new Promise(() => {})"],
  ["a background loop while the cell awaits forever", "setTimeout(() => { while (true) {} }, 20); await new Promise(() => {})"],
])("interrupting %s", (_, code) => {
  it("ends the cell within 1 s with a KeyboardInterrupt error; earlier globals survive", async () => {
    const { reply, messages, latency } = await interruptCell(code);
    console.log(`interrupt of ${JSON.stringify(code)}: ${Math.round(latency)} ms`);
    expect(latency).toBeLessThan(1000);
    expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    expect(ofType(messages, "error").map((m) => m.content.ename)).toEqual(["KeyboardInterrupt"]);
    await expectAlive();
  }, 10_000);
});

it("survives a garbage collection of the evaluations the interrupts above abandoned", async () => {
  // V8's inspector answers an abandoned evaluation whose promise is collected from inside the GC;
  // on Node 24 that answer calls into JavaScript there and aborts the process.
  const gc = 'require("v8").setFlagsFromString("--expose-gc"); const gc = require("vm").runInNewContext("gc"); gc(); gc(); "collected"';
  const { messages } = await kernel.execute(gc, {}, 5000);
  expect(plain(ofType(messages, "execute_result")[0])).toBe("'collected'");
  await sleep(100);
  await expectAlive();
}, 10_000);

it("aborts the executes queued behind the interrupted cell, then runs the next one", async () => {
  const looping = sendExecute(kernel, "while (true) {}");
  const queued = [sendExecute(kernel, "'queued 1'"), sendExecute(kernel, "'queued 2'")];
  const outcomes = [looping, ...queued].map((cell) => kernel.outcomeOf(cell.header.msg_id, 3000));
  await kernel.nextIopub((m) => m.header.msg_type === "execute_input" && parentIs(looping.header.msg_id)(m));
  await sleep(300);
  kernel.send("control", "interrupt_request", {});
  const replies = (await Promise.all(outcomes)).map((o) => o.reply.content.status);
  expect(replies).toEqual(["error", "aborted", "aborted"]);
  await expectAlive();
}, 10_000);

it("leaves running the background tasks the interrupted cell started (as asyncio does)", async () => {
  const { reply } = await interruptCell("setInterval(() => ticks++, 10); await new Promise(() => {})");
  expect(reply.content.ename).toBe("KeyboardInterrupt");
  const { messages } = await kernel.execute("const before = ticks; await new Promise((r) => setTimeout(r, 200)); console.log(ticks > before)", {}, 5000);
  expect(streamText(messages)).toBe("true\n");
}, 10_000);

it("leaves the default event loop starting tasks after stopping a task that blocked it", async () => {
  // The loop starts ready tasks one by one; a termination skips its `finally`, so nothing may
  // depend on one running (a stuck "draining" flag once kept every later task from starting).
  const blocked = "const blocker = asyncio.coroutine(function* () { while (true) {} }); await asyncio.getEventLoop().runUntilComplete(blocker())";
  const { reply } = await interruptCell(blocked);
  expect(reply.content.ename).toBe("KeyboardInterrupt");
  const next = "await asyncio.getEventLoop().runUntilComplete(asyncio.gather(asyncio.sleep(0.01, 'first'), asyncio.createTask(asyncio.sleep(0, 'second'))))";
  const { messages } = await kernel.execute(next, {}, 5000);
  expect(plain(ofType(messages, "execute_result")[0])).toBe("[ 'first', 'second' ]");
}, 10_000);

describe("SIGINT", () => {
  it("does not kill an idle kernel", async () => {
    kernel.process!.kill("SIGINT");
    await sleep(200);
    await expectAlive();
  }, 10_000);

  it("does not kill a kernel blocked in a loop; interrupt_request still stops the loop", async () => {
    const sent = await startCell("while (true) {}");
    kernel.process!.kill("SIGINT");
    await sleep(200);
    kernel.send("control", "interrupt_request", {});
    expect((await kernel.outcomeOf(sent.header.msg_id, 3000)).reply.content.ename).toBe("KeyboardInterrupt");
    await expectAlive();
    expect(kernel.process!.exitCode).toBeNull();
  }, 10_000);
});
