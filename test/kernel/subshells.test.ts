// Subshells (JEP 91) through the real kernel process: created, listed and deleted on control; a
// shell request naming one runs in it, with its own queue and busy/idle, on the one shared event
// loop, so it runs while a main-shell cell awaits and waits while one blocks; each cell gets its
// own output; one execution counter; an interrupt ends the running cells of every shell; an
// unknown subshell id gets an error reply and the kernel lives on.
import type { KernelClient, RequestOutcome } from "../../src/client/kernel-client";
import type { Envelope, Message } from "../../src/protocol/message";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sendExecute, until } from "../support/bounds";
import { ofType, plain, startKernel, streamText } from "../support/kernel";

let kernel: KernelClient;
let subshell: string;
beforeAll(async () => {
  kernel = await startKernel();
  subshell = await createSubshell();
}, 30_000);
afterAll(async () => kernel?.shutdown());

async function createSubshell(): Promise<string> {
  const { reply } = await kernel.request("control", "create_subshell_request", {});
  expect(reply.content.status).toBe("ok");
  expect(typeof reply.content.subshell_id).toBe("string");
  return reply.content.subshell_id as string;
}

const parentOf = (m: Envelope) => m.parent_header as { msg_id?: string; subshell_id?: string };

const STARTED = "main cell waits";

/** A request sent, and its outcome, collected from the moment it was sent. */
type Sent = { sent: Message; outcome: Promise<RequestOutcome> };

function send(code: string, to: { subshellId?: string } = {}, extra: Record<string, unknown> = {}): Sent {
  const sent = sendExecute(kernel, code, extra, to);
  return { sent, outcome: kernel.outcomeOf(sent.header.msg_id, 20_000) };
}

/**
 * Sends `code` to the main shell and resolves once it prints `marker`: the cell is evaluating and
 * has set up what it waits for. Its execute_input is not enough: that is published before the cell
 * is transpiled and type-checked, and a subshell's cell sent then can be ready first and run first.
 */
async function running(code: string, marker = STARTED): Promise<Sent> {
  const main = send(code);
  const printed = (m: Envelope) => m.header.msg_type === "stream" && parentOf(m).msg_id === main.sent.header.msg_id && String(m.content.text).includes(marker);
  await kernel.nextIopub(printed);
  return main;
}

/** The outcomes of `first` and `second`, and the order their replies arrived in. */
async function inOrder(first: Sent, second: Sent): Promise<{ order: string[]; outcomes: RequestOutcome[] }> {
  const order: string[] = [];
  const outcomes = await Promise.all([first, second].map(({ outcome }, i) => outcome.finally(() => order.push(i === 0 ? "first" : "second"))));
  return { order, outcomes };
}

test("kernel_info offers kernel subshells; they are created, listed and deleted on control", async () => {
  const info = await kernel.request("control", "kernel_info_request", {});
  expect(info.reply.content.supported_features).toEqual(["kernel subshells", "debugger"]);
  const made = await createSubshell();
  expect(made).not.toBe(subshell);
  const listed = await kernel.request("control", "list_subshell_request", {});
  expect(listed.reply.content).toEqual({ status: "ok", subshell_id: [subshell, made] });
  const deleted = await kernel.request("control", "delete_subshell_request", { subshell_id: made });
  expect(deleted.reply.content).toEqual({ status: "ok" });
  const again = await kernel.request("control", "delete_subshell_request", { subshell_id: made });
  expect(again.reply.content).toMatchObject({ status: "error", ename: "NoSuchSubshell" });
  const after = await kernel.request("control", "list_subshell_request", {});
  expect(after.reply.content.subshell_id).toEqual([subshell]);
});

test.each([
  [
    "a subshell's 1+1 is answered while the main shell's cell awaits a 3 s sleep",
    `await new Promise((r) => { setTimeout(r, 3000); console.log("${STARTED}"); }); 'slept'`,
    "1+1",
    ["'slept'", "2"],
  ],
  [
    "a main-shell cell awaits what a subshell's cell does on the same loop",
    `const handed = await new Promise<string>((r) => { (globalThis as any).handOver = r; console.log("${STARTED}"); }); handed`,
    '(globalThis as any).handOver("from the subshell"); "handed over"',
    ["'from the subshell'", "'handed over'"],
  ],
])(
  "%s",
  async (_, mainCode, subCode, results) => {
    const main = await running(mainCode);
    const sub = send(subCode, { subshellId: subshell });
    const { order, outcomes } = await inOrder(main, sub);
    expect(order).toEqual(["second", "first"]);
    expect(outcomes.map((o) => plain(ofType(o.messages, "execute_result")[0]))).toEqual(results);
  },
  30_000,
);

test("a subshell's request has its own busy and idle, parented to it (and its subshell id)", async () => {
  const { reply, messages } = await kernel.execute("'in the subshell'", {}, 20_000, { subshellId: subshell });
  expect(reply.content.status).toBe("ok");
  expect(parentOf(reply)).toMatchObject({ subshell_id: subshell });
  const states = ofType(messages, "status");
  expect(states.map((m) => m.content.execution_state)).toEqual(["busy", "idle"]);
  for (const m of messages) expect(parentOf(m)).toEqual(expect.objectContaining({ msg_id: reply.parent_header.msg_id, subshell_id: subshell }));
});

test("cells running at once on the main shell and a subshell each get their own output", async () => {
  // The main cell prints on both sides of an await that the subshell's cell ends, while that cell
  // still runs and prints on: their writes interleave in time.
  // "main 1" leaves a few ms after the line that sets goOn: it runs in the same turn.
  const main = await running('console.log("main 1"); await new Promise((r) => ((globalThis as any).goOn = r)); console.log("main 2")', "main 1");
  const sub = send(
    'console.log("sub 1"); (globalThis as any).goOn(); await new Promise((r) => setTimeout(r, 10)); console.error("sub err"); setTimeout(() => console.log("sub late"), 20); await new Promise((r) => setTimeout(r, 50)); console.log("sub 2")',
    { subshellId: subshell },
  );
  const { order, outcomes } = await inOrder(main, sub);
  expect(order).toEqual(["first", "second"]);
  expect(outcomes.map((o) => [streamText(o.messages), streamText(o.messages, "stderr")])).toEqual([
    ["main 1\nmain 2\n", ""],
    ["sub 1\nsub late\nsub 2\n", "sub err\n"],
  ]);
}, 30_000);

test("the main shell and subshells count executions on one counter", async () => {
  const first = await kernel.execute("'main'");
  const second = await kernel.execute("'sub'", {}, 20_000, { subshellId: subshell });
  const count = (o: RequestOutcome) => o.reply.content.execution_count as number;
  expect(count(second)).toBe(count(first) + 1);
  expect(ofType(second.messages, "execute_input")[0].content.execution_count).toBe(count(second));
});

test("while a main-shell cell blocks the thread, a subshell's request waits for it", async () => {
  // What a blocked cell prints leaves only when it ends: it writes a file before it blocks.
  const marker = join(mkdtempSync(join(tmpdir(), "tsloop-block-")), "blocking");
  const main = send(
    `import { writeFileSync } from "node:fs"; writeFileSync(${JSON.stringify(marker)}, ""); const endAt = Date.now() + 1000; while (Date.now() < endAt) {} 'blocked'`,
  );
  await until(() => existsSync(marker), 20_000);
  const sub = send("'after the block'", { subshellId: subshell });
  const { order } = await inOrder(main, sub);
  expect(order).toEqual(["first", "second"]);
}, 30_000);

test("an interrupt ends the running cells of every shell", async () => {
  const main = await running(`await new Promise(() => console.log("${STARTED}"))`);
  const sub = send("await new Promise(() => {})", { subshellId: subshell });
  await kernel.nextIopub((m) => m.header.msg_type === "execute_input" && parentOf(m).msg_id === sub.sent.header.msg_id);
  kernel.send("control", "interrupt_request", {});
  expect((await Promise.all([main.outcome, sub.outcome])).map((o) => o.reply.content.ename)).toEqual(["KeyboardInterrupt", "KeyboardInterrupt"]);
  const after = await kernel.execute("40 + 2", {}, 20_000, { subshellId: subshell });
  expect(plain(ofType(after.messages, "execute_result")[0])).toBe("42");
}, 30_000);

test("cells of two shells asking for input at once each get the reply to their own input_request", async () => {
  let answerMain!: () => void;
  const mainAnswered = new Promise<string>((resolve) => (answerMain = () => resolve("for main")));
  // The main cell asks first and is answered last.
  kernel.onInputRequest = (request) => (request.content.prompt === "main? " ? mainAnswered : (setImmediate(answerMain), "for sub"));
  try {
    const main = send('await input("main? ")', {}, { allow_stdin: true });
    await kernel.nextIopub((m) => m.header.msg_type === "execute_input" && parentOf(m).msg_id === main.sent.header.msg_id);
    const sub = send('await input("sub? ")', { subshellId: subshell }, { allow_stdin: true });
    const { outcomes } = await inOrder(main, sub);
    expect(outcomes.map((o) => plain(ofType(o.messages, "execute_result")[0]))).toEqual(["'for main'", "'for sub'"]);
  } finally {
    kernel.onInputRequest = undefined;
  }
}, 30_000);

test("a request for an unknown subshell gets an error reply, and the kernel answers on", async () => {
  const { reply, messages } = await kernel.execute("'never runs'", {}, 20_000, { subshellId: "no-such-subshell" });
  expect(reply.content).toMatchObject({ status: "error", ename: "NoSuchSubshell" });
  expect(ofType(messages, "status").map((m) => m.content.execution_state)).toEqual(["busy", "idle"]);
  expect(ofType(messages, "execute_input")).toEqual([]);
  const main = await kernel.execute("'still here'");
  expect(plain(ofType(main.messages, "execute_result")[0])).toBe("'still here'");
  const sub = await kernel.execute("'here too'", {}, 20_000, { subshellId: subshell });
  expect(plain(ofType(sub.messages, "execute_result")[0])).toBe("'here too'");
});
