// execute_request against the real kernel process: outputs of every type, their order and
// parents, state across cells, TypeScript syntax, errors, counting, silent and stop_on_error.
import type { KernelClient } from "../../src/client/kernel-client";
import { ofType, plain, startKernel, streamText, textOf, tracebackText, types } from "../support/kernel";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());

describe("execute", () => {
  it("publishes busy, execute_input, outputs, result, idle, all parented to the request", async () => {
    const { reply, messages } = await kernel.execute('console.log("out"); console.error("err"); 6 * 7');
    expect(types(messages)).toEqual(["status", "execute_input", "stream", "stream", "execute_result", "status"]);
    expect(messages[0].content.execution_state).toBe("busy");
    expect(messages[messages.length - 1].content.execution_state).toBe("idle");
    for (const m of messages) expect((m.parent_header as { msg_id: string }).msg_id).toBe((reply.parent_header as { msg_id: string }).msg_id);
    expect(streamText(messages, "stdout")).toBe("out\n");
    expect(streamText(messages, "stderr")).toBe("err\n");
    expect(plain(ofType(messages, "execute_result")[0])).toBe("42");
    expect(reply.content.status).toBe("ok");
    expect(reply.header.msg_type).toBe("execute_reply");
  });

  it("runs type annotations, interfaces and generics, and keeps declarations across cells", async () => {
    await kernel.execute(
      "interface Point { x: number; y: number }\nfunction norm<T extends Point>(p: T): number { return Math.hypot(p.x, p.y) }\nlet seen: string[] = []",
    );
    const { messages } = await kernel.execute("const p: Point = { x: 3, y: 4 };\nseen.push('a');\nnorm(p) + seen.length");
    expect(plain(ofType(messages, "execute_result")[0])).toBe("6");
  });

  it("re-runs a cell that declares a const", async () => {
    await kernel.execute("const again = 1; again");
    const { reply, messages } = await kernel.execute("const again = 2; again");
    expect(reply.content.status).toBe("ok");
    expect(plain(ofType(messages, "execute_result")[0])).toBe("2");
  });

  it("supports top-level await and shows values in Node's inspect style", async () => {
    const { messages } = await kernel.execute(
      "const v = await new Promise<number[]>(r => setTimeout(() => r([1, 2]), 50));\n({ v, s: new Set(['a']), m: new Map([[1, 'x']]) })",
    );
    expect(plain(ofType(messages, "execute_result")[0])).toBe("{ v: [ 1, 2 ], s: Set(1) { 'a' }, m: Map(1) { 1 => 'x' } }");
  });

  it("keeps a result that folds to a constant, a sequence's last value, and an import() result", async () => {
    const results: string[] = [];
    for (const code of ['"ts" + "loop"', "-1", "!0", "let k = 3;\nk++, k", '"hello"', 'await import("node:path").then((m) => m.sep)']) {
      results.push(plain(ofType((await kernel.execute(code)).messages, "execute_result")[0]) ?? "");
    }
    expect(results).toEqual(["'tsloop'", "-1", "true", "4", "'hello'", "'/'"]);
  });

  it("gives no execute_result for undefined or a declaration", async () => {
    expect(types((await kernel.execute("undefined")).messages)).not.toContain("execute_result");
    expect(types((await kernel.execute("const q = 5")).messages)).not.toContain("execute_result");
  });

  it("publishes display_data and clear_output from the display API", async () => {
    const { messages } = await kernel.execute('display.html("<b>hi</b>"); clearOutput({ wait: true }); display({ a: 1 })');
    const displays = ofType(messages, "display_data");
    expect((displays[0].content.data as Record<string, string>)["text/html"]).toBe("<b>hi</b>");
    expect(plain(displays[1])).toBe("{ a: 1 }");
    expect(ofType(messages, "clear_output")[0].content.wait).toBe(true);
  });

  it("reports a thrown error with the cell's line and the kernel's frames cut", async () => {
    const { reply, messages } = await kernel.execute('const ok = 1;\nfunction fail(): never {\n  throw new TypeError("boom");\n}\nfail();');
    expect(reply.content.status).toBe("error");
    expect(reply.content.ename).toBe("TypeError");
    expect(reply.content.evalue).toBe("boom");
    const error = ofType(messages, "error")[0];
    const traceback = (error.content.traceback as string[]).join("\n").replace(/\x1b\[[0-9;]*m/g, "");
    expect(traceback).toMatch(/Cell In\[\d+\], line 3, in fail/);
    expect(traceback).toMatch(/Cell In\[\d+\], line 5/);
    expect(traceback).toContain('---->   3   throw new TypeError("boom");');
    expect(traceback).not.toMatch(/node:inspector|dist\/src/);
    expect(types(messages).indexOf("error")).toBeLessThan(types(messages).indexOf("status", 1));
  });

  it("reports an error group with each of its errors' tracebacks, numbered, as Python prints an ExceptionGroup", async () => {
    const code = [
      "async function fails(n: number) {",
      "  await asyncio.sleep(0.01 * n);",
      "  throw new RangeError(`task ${n} failed`);",
      "}",
      "await asyncio.gather(Promise.any([fails(1), fails(2)]))",
    ].join("\n");
    const { reply } = await kernel.execute(code);
    expect(reply.content).toMatchObject({ status: "error", ename: "AggregateError", evalue: "All promises were rejected" });
    const traceback = tracebackText(reply.content);
    const sections = traceback.split(/^ {2}(?:\+-\+| {2}\+)-{16} \d+ -{16}$/m);
    expect(sections).toHaveLength(3);
    expect(sections[0]).toMatch(/AggregateError: All promises were rejected\n$/);
    for (const n of [1, 2]) {
      expect(sections[n]).toMatch(/^ {4}\| Cell In\[\d+\], line 3, in fails$/m);
      expect(sections[n]).toContain("    | ---->   3   throw new RangeError(`task ${n} failed`);");
      expect(sections[n]).toContain(`    | RangeError: task ${n} failed`);
    }
    expect(traceback.trimEnd().split("\n").at(-1)).toBe(`    +${"-".repeat(36)}`);
  });

  it("reports an error whose own __str__() throws by its message", async () => {
    const { reply } = await kernel.execute('class Odd extends Error { __str__(): string { throw new Error("no str"); } }\nthrow new Odd("odd message");');
    expect(reply.content).toMatchObject({ status: "error", ename: "Error", evalue: "odd message" });
    expect((await kernel.execute("1 + 1")).reply.content.status).toBe("ok");
  });

  it("words an ExceptionGroup as Python's str() does: its message and how many errors it holds", async () => {
    const { reply } = await kernel.execute('await asyncio.taskGroup(async (tg) => { tg.createTask(async () => { throw new Error("one failed"); }); })');
    expect(reply.content).toMatchObject({ ename: "ExceptionGroup", evalue: "unhandled errors in a TaskGroup (1 sub-exception)" });
    expect(tracebackText(reply.content)).toContain("    | Error: one failed");
  });

  it("reports a syntax error with line and column and keeps serving", async () => {
    const { reply } = await kernel.execute("const a = 1;\nconst b = ;");
    expect(reply.content.ename).toBe("SyntaxError");
    expect(reply.content.evalue).toBe("Unexpected token `;` (2:11)");
    const traceback = (reply.content.traceback as string[]).map((l) => l.replace(/\x1b\[[\d;]*m/g, ""));
    expect(traceback).toEqual([
      "  Cell In[" + textOf(reply.content, "execution_count") + "], line 2, col 11",
      "    const b = ;",
      "              ^",
      "SyntaxError: Unexpected token `;` (2:11)",
    ]);
    const after = await kernel.execute("1 + 1");
    expect(plain(ofType(after.messages, "execute_result")[0])).toBe("2");
  });

  it("counts like ipykernel: silent and store_history=false do not advance the count", async () => {
    const first = await kernel.execute("1");
    const n = first.reply.content.execution_count as number;
    expect(plain(ofType(first.messages, "execute_result")[0])).toBe("1");
    expect(ofType(first.messages, "execute_result")[0].content.execution_count).toBe(n);
    const silent = await kernel.execute("console.log('quiet'); 2", { silent: true });
    expect(types(silent.messages)).not.toContain("execute_input");
    expect(types(silent.messages)).not.toContain("execute_result");
    expect(silent.reply.content.execution_count).toBe(n);
    const unstored = await kernel.execute("3", { store_history: false });
    expect(ofType(unstored.messages, "execute_input")[0].content.execution_count).toBe(n + 1);
    expect(unstored.reply.content.execution_count).toBe(n);
    const next = await kernel.execute("4");
    expect(next.reply.content.execution_count).toBe(n + 1);
  });

  it("evaluates user_expressions", async () => {
    await kernel.execute("const ux = 20");
    const { reply } = await kernel.execute("1", { user_expressions: { double: "ux * 2", bad: "nope.x" } });
    const expressions = reply.content.user_expressions as Record<string, { status: string; data?: Record<string, string>; ename?: string }>;
    expect(expressions.double).toEqual({ status: "ok", data: { "text/plain": "40" }, metadata: {} });
    expect(expressions.bad.status).toBe("error");
    expect(expressions.bad.ename).toBe("ReferenceError");
  });

  it("aborts queued executes after an error when stop_on_error is set", async () => {
    const ids = ["await new Promise(r => setTimeout(r, 200)); throw new Error('first')", "console.log('never')", "2"].map(
      (code) =>
        kernel.send("shell", "execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true })
          .header.msg_id,
    );
    const outcomes = await Promise.all(ids.map((id) => kernel.outcomeOf(id)));
    expect(outcomes.map((o) => o.reply.content.status)).toEqual(["error", "aborted", "aborted"]);
    for (const o of outcomes.slice(1)) expect(types(o.messages)).toEqual(["status", "status"]);
    const after = await kernel.execute("'alive'");
    expect(after.reply.content.status).toBe("ok");
  });

  it("does not abort queued executes when stop_on_error is false", async () => {
    const ids = ["throw new Error('first')", "'second'"].map(
      (code) =>
        kernel.send("shell", "execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: false })
          .header.msg_id,
    );
    const outcomes = await Promise.all(ids.map((id) => kernel.outcomeOf(id)));
    expect(outcomes.map((o) => o.reply.content.status)).toEqual(["error", "ok"]);
  });

  it("imports node builtins and reports a missing module by name", async () => {
    const ok = await kernel.execute('import { join } from "node:path";\nimport fs from "fs";\njoin("a", typeof fs.readFileSync)');
    expect(plain(ofType(ok.messages, "execute_result")[0])).toBe("'a/function'");
    const missing = await kernel.execute('import x from "no-such-package-xyz"');
    expect(missing.reply.content.evalue).toMatch(/Cannot find module 'no-such-package-xyz'/);
  });
});
