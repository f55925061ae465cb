// The debugger through the real kernel process, as JupyterLab's debugger panel drives it: DAP in
// debug_request on control, events in debug_event on iopub; breakpoints in cells, stepping,
// frames with cell lines, variables, evaluation, and the kernel answering while paused.
import { existsSync, readFileSync } from "node:fs";
import * as zmq from "zeromq";
import { endpoint } from "../../src/transport/connection";
import { ofType, startKernel, streamText } from "../support/kernel";
import { until } from "../support/bounds";
import type { KernelClient, RequestOutcome } from "../../src/client/kernel-client";
import { murmur2 } from "../../src/debugger/murmur2";
import { DapClient } from "./dap-client";

let kernel: KernelClient & { stderr: string[] };
let dap: DapClient;

beforeAll(async () => {
  kernel = await startKernel();
  dap = new DapClient(kernel);
}, 60_000);

afterAll(async () => {
  dap.close();
  await kernel.shutdown();
});

type Frame = { id: number; name: string; line: number; source: { path: string } };
type Variable = { name: string; value: string; type: string; variablesReference: number };

/** Dumps a cell, sets breakpoints on its lines, runs it; resolves once it stopped. */
async function runToBreakpoint(code: string, breakpoints: { line: number; condition?: string }[]) {
  const { sourcePath } = (await dap.body("dumpCell", { code })) as { sourcePath: string };
  const set = await dap.body("setBreakpoints", { source: { path: sourcePath }, breakpoints });
  const seen = dap.events.length;
  const printed: string[] = [];
  const stopListening = kernel.onIopub((m) => m.header.msg_type === "stream" && printed.push(String(m.content.text)));
  const outcome = kernel.execute(code, {}, 60_000).finally(stopListening);
  const stopped = await dap.event("stopped", seen);
  return { sourcePath, set, stopped, outcome, seen, printed };
}

async function topFrame(): Promise<Frame> {
  const { stackFrames } = (await dap.body("stackTrace", { threadId: 1 })) as { stackFrames: Frame[] };
  return stackFrames[0];
}

async function locals(frame: Frame): Promise<Variable[]> {
  const { scopes } = (await dap.body("scopes", { frameId: frame.id })) as { scopes: { name: string; variablesReference: number }[] };
  const local = scopes.find((s) => s.name === "Locals")!;
  return (await dap.body("variables", { variablesReference: local.variablesReference })).variables as Variable[];
}

async function continueTo(outcome: Promise<RequestOutcome>): Promise<RequestOutcome> {
  await dap.body("continue", { threadId: 1 });
  return outcome;
}

describe("before the debugger starts", () => {
  it("advertises it: kernel_info's supported_features and the kernelspec's metadata", async () => {
    const { reply } = await kernel.request("control", "kernel_info_request", {});
    expect(reply.content.supported_features).toContain("debugger");
    const spec = JSON.parse(readFileSync(`${__dirname}/../../kernel.json`, "utf8")) as { metadata: { debugger: boolean } };
    expect(spec.metadata.debugger).toBe(true);
  });

  it("answers debugInfo with JupyterLab's hash parameters, not started", async () => {
    const info = await dap.body("debugInfo");
    expect(info).toMatchObject({
      isStarted: false,
      hashMethod: "Murmur2",
      tmpFileSuffix: ".ts",
      breakpoints: [],
      stoppedThreads: [],
      copyToGlobals: true,
      richRendering: true,
    });
    expect(typeof info.hashSeed).toBe("number");
    expect(typeof info.tmpFilePrefix).toBe("string");
  });

  it("refuses other requests until initialize", async () => {
    const answer = await dap.request("stackTrace", { threadId: 1 });
    expect(answer.success).toBe(false);
    expect(answer.message).toMatch(/not started/);
  });
});

describe("a debug session", () => {
  beforeAll(async () => {
    const init = await dap.body("initialize", { clientID: "test", adapterID: "tsloop", linesStartAt1: true, columnsStartAt1: true, pathFormat: "path" });
    expect(init.supportsConfigurationDoneRequest).toBe(true);
    await dap.body("attach");
    await dap.body("configurationDone");
  }, 30_000);

  it("sent initialized, and debugInfo says it is started", async () => {
    await dap.event("initialized");
    expect((await dap.body("debugInfo")).isStarted).toBe(true);
  });

  it("dumpCell writes the code where JupyterLab looks for it, and source returns it", async () => {
    const code = "const dumped = 1;";
    const info = await dap.body("debugInfo");
    const { sourcePath } = (await dap.body("dumpCell", { code })) as { sourcePath: string };
    expect(sourcePath).toBe(`${String(info.tmpFilePrefix)}${murmur2(code, info.hashSeed as number)}${String(info.tmpFileSuffix)}`);
    expect(readFileSync(sourcePath, "utf8")).toBe(code);
    expect((await dap.body("source", { source: { path: sourcePath } })).content).toBe(code);
  });

  it("stops at a breakpoint on a cell's TypeScript line, with frames of earlier cells, locals and evaluation; next and continue", async () => {
    await kernel.execute("let base: number = 100;\nfunction helper(n: number): number {\n  return n + base;\n}");
    const code = [
      "interface Point { x: number; y: number }",
      "function twice(p: Point): number {",
      "  const sum: number = p.x + p.y;",
      "  const doubled = sum * 2;",
      "  return helper(doubled);",
      "}",
      "console.log('before the breakpoint');",
      "twice({ x: 1, y: 2 })",
    ].join("\n");
    const { sourcePath, set, stopped, outcome, seen, printed } = await runToBreakpoint(code, [{ line: 4 }]);
    expect(set.breakpoints).toEqual([expect.objectContaining({ verified: true, line: 4 })]);
    expect(stopped.body).toMatchObject({ reason: "breakpoint", threadId: 1 });
    const frames = ((await dap.body("stackTrace", { threadId: 1 })) as { stackFrames: Frame[] }).stackFrames;
    expect(frames.map((f) => [f.name, f.source.path, f.line])).toEqual([
      ["twice", sourcePath, 4],
      ["<cell>", sourcePath, 8],
    ]);
    const variables = await locals(frames[0]);
    expect(variables.find((v) => v.name === "sum")).toMatchObject({ value: "3", type: "int" });
    const p = variables.find((v) => v.name === "p")!;
    expect(p.variablesReference).toBeGreaterThan(0);
    const fields = (await dap.body("variables", { variablesReference: p.variablesReference })).variables as Variable[];
    expect(fields.map((f) => `${f.name}=${f.value}`)).toEqual(["x=1", "y=2"]);
    expect(await dap.body("evaluate", { expression: "sum * 10 + base", frameId: frames[0].id, context: "repl" })).toMatchObject({ result: "130" });
    // What the cell printed before it stopped is on its way already.
    await until(() => printed.join("").includes("before the breakpoint"));

    await dap.body("next", { threadId: 1 });
    expect((await dap.event("stopped", seen + 2)).body).toMatchObject({ reason: "step" });
    expect((await topFrame()).line).toBe(5);
    await dap.body("stepIn", { threadId: 1 });
    await dap.event("stopped", seen + 4);
    const inHelper = ((await dap.body("stackTrace", { threadId: 1 })) as { stackFrames: Frame[] }).stackFrames;
    expect(inHelper.map((f) => [f.name, f.line])).toEqual([
      ["helper", 3],
      ["twice", 5],
      ["<cell>", 8],
    ]);
    expect(inHelper[0].source.path).not.toBe(sourcePath); // the earlier cell's own file
    expect((await dap.body("source", { source: { path: inHelper[0].source.path } })).content).toContain("function helper");
    await dap.body("stepOut", { threadId: 1 });
    await dap.event("stopped", seen + 6);
    expect((await topFrame()).name).toBe("twice");
    const done = await continueTo(outcome);
    expect(done.reply.content.status).toBe("ok");
    expect(ofType(done.messages, "execute_result")[0]?.content.data).toMatchObject({ "text/plain": "106" });
    expect(dap.events.slice(seen).map((e) => e.event)).toContain("continued");
    await dap.body("setBreakpoints", { source: { path: sourcePath }, breakpoints: [] });
  }, 60_000);

  it("setVariable changes a local, an object's property and an earlier cell's let, and the cell goes on with them", async () => {
    await kernel.execute("let offset: number = 1;\nlet evaluations: number = 0;");
    const code = "function scale(p: { x: number }): number {\n  let factor = 2;\n  return p.x * factor + offset;\n}\nscale({ x: 5 })";
    const { outcome } = await runToBreakpoint(code, [{ line: 3 }]);
    const frame = await topFrame();
    const { scopes } = (await dap.body("scopes", { frameId: frame.id })) as { scopes: { name: string; variablesReference: number }[] };
    const local = scopes.find((s) => s.name === "Locals")!.variablesReference;
    expect(await dap.body("setVariable", { variablesReference: local, name: "factor", value: "5 * 2" })).toMatchObject({ value: "10", type: "int" });
    const p = (await locals(frame)).find((v) => v.name === "p")!;
    await dap.body("setVariable", { variablesReference: p.variablesReference, name: "x", value: "7" });
    const cells = scopes.find((s) => s.name === "Cells")!.variablesReference;
    await dap.body("setVariable", { variablesReference: cells, name: "offset", value: "(evaluations++, 3)" });
    expect(await dap.body("evaluate", { expression: "[factor, p.x, offset].join()", frameId: frame.id })).toMatchObject({ result: '"10,7,3"' });
    expect((await locals(frame)).find((v) => v.name === "factor")).toMatchObject({ value: "10" }); // as the panel shows it
    const bad = await dap.request("setVariable", { variablesReference: local, name: "factor", value: "no such name" });
    expect(bad.success).toBe(false);
    const done = await continueTo(outcome);
    expect(ofType(done.messages, "execute_result")[0]?.content.data).toMatchObject({ "text/plain": "73" });
    // the value's expression ran once
    expect(ofType((await kernel.execute("[offset, evaluations]")).messages, "execute_result")[0]?.content.data).toMatchObject({ "text/plain": "[ 3, 1 ]" });
  }, 60_000);

  it("a conditional breakpoint stops only when its condition holds", async () => {
    const code = "let hits = 0;\nfor (let i = 0; i < 5; i++) {\n  hits += i;\n}\nhits";
    const { stopped, outcome, sourcePath } = await runToBreakpoint(code, [{ line: 3, condition: "i === 3" }]);
    expect(stopped.body).toMatchObject({ reason: "breakpoint" });
    expect(await dap.body("evaluate", { expression: "i", frameId: (await topFrame()).id })).toMatchObject({ result: "3" });
    const done = await continueTo(outcome);
    expect(ofType(done.messages, "execute_result")[0]?.content.data).toMatchObject({ "text/plain": "10" });
    await dap.body("setBreakpoints", { source: { path: sourcePath }, breakpoints: [] });
  }, 60_000);

  it("keeps the kernel a kernel while paused: the heartbeat, kernel_info on control and debug requests answer", async () => {
    const { outcome, sourcePath } = await runToBreakpoint("const waiting = 'paused';\nconsole.log(waiting);", [{ line: 2 }]);
    const info = await kernel.request("control", "kernel_info_request", {}, 5000);
    expect(info.reply.content.status).toBe("ok");
    const heartbeat = new zmq.Request({ linger: 0, receiveTimeout: 5000 });
    heartbeat.connect(endpoint(kernel.connection, kernel.connection.hb_port));
    try {
      await heartbeat.send("while paused");
      expect(String((await heartbeat.receive())[0])).toBe("while paused");
    } finally {
      heartbeat.close();
    }
    expect((await dap.body("debugInfo")).stoppedThreads).toEqual([1]);
    expect((await dap.body("debugInfo")).breakpoints).toContainEqual({ source: sourcePath, breakpoints: [{ line: 2 }] });
    // Stopped at a breakpoint, nothing was thrown: exceptionInfo fails, and the session goes on.
    const noException = await dap.request("exceptionInfo", { threadId: 1 });
    expect(noException.success).toBe(false);
    expect(noException.message).toMatch(/did not stop on an exception/);
    const done = await continueTo(outcome);
    expect(streamText(done.messages)).toBe("paused\n");
    await dap.body("setBreakpoints", { source: { path: sourcePath }, breakpoints: [] });
  }, 60_000);

  it("an interrupt while paused ends the cell with KeyboardInterrupt and keeps the kernel's state", async () => {
    await kernel.execute("let kept: number = 41;");
    const { outcome, sourcePath } = await runToBreakpoint("kept += 1;\nconsole.log('never printed');", [{ line: 2 }]);
    await kernel.request("control", "interrupt_request", {}, 5000);
    const done = await outcome;
    expect(done.reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    await dap.body("setBreakpoints", { source: { path: sourcePath }, breakpoints: [] });
    const after = await kernel.execute("kept");
    expect(ofType(after.messages, "execute_result")[0]?.content.data).toMatchObject({ "text/plain": "42" });
  }, 60_000);

  it("stops on a raised exception when asked, with reason exception", async () => {
    await dap.body("setExceptionBreakpoints", { filters: ["raised"] });
    const seen = dap.events.length;
    const outcome = kernel.execute("function fail(): never {\n  throw new RangeError('boom');\n}\ntry { fail(); } catch { }\n'caught'");
    expect((await dap.event("stopped", seen)).body).toMatchObject({ reason: "exception" });
    expect((await topFrame()).name).toBe("fail");
    const info = await dap.body("exceptionInfo", { threadId: 1 });
    expect(info).toMatchObject({ exceptionId: "RangeError", description: "boom", breakMode: "always", details: { typeName: "RangeError", message: "boom" } });
    expect((info.details as { stackTrace: string }).stackTrace).toMatch(/at fail/);
    await dap.body("setExceptionBreakpoints", { filters: [] });
    const done = await continueTo(outcome);
    expect(ofType(done.messages, "execute_result")[0]?.content.data).toMatchObject({ "text/plain": "'caught'" });
  }, 60_000);

  it("inspectVariables lists the cells' globals; richInspectVariables gives display's bundle; copyToGlobals copies a frame's variable", async () => {
    await kernel.execute("const table = new Map([['a', 1]]);\nconst label: string = 'tsloop';");
    const { variables } = (await dap.body("inspectVariables")) as { variables: Variable[] };
    expect(variables.find((v) => v.name === "label")).toMatchObject({ value: '"tsloop"', type: "str" });
    const table = variables.find((v) => v.name === "table")!;
    expect(table.type).toBe("Map");
    const entries = (await dap.body("variables", { variablesReference: table.variablesReference })).variables as Variable[];
    expect(entries.map((e) => e.name)).toContain("[[Entries]]");
    const rich = await dap.body("richInspectVariables", { variableName: "label" });
    expect(rich.data).toMatchObject({ "text/plain": "'tsloop'" });

    const { outcome, sourcePath } = await runToBreakpoint("function inner(): void {\n  const secret = { n: 7 };\n  void secret;\n}\ninner();", [{ line: 3 }]);
    const frame = await topFrame();
    await dap.body("copyToGlobals", { srcVariableName: "secret", dstVariableName: "copied", srcFrameId: frame.id });
    await continueTo(outcome);
    await dap.body("setBreakpoints", { source: { path: sourcePath }, breakpoints: [] });
    const copied = await kernel.execute("(globalThis as unknown as { copied: { n: number } }).copied.n");
    expect(ofType(copied.messages, "execute_result")[0]?.content.data).toMatchObject({ "text/plain": "7" });
  }, 60_000);

  it("names primitive types as JupyterLab's variables tree knows them (int, float, str, bool), so it shows their values", async () => {
    await kernel.execute(
      "const whole = 42;\nconst half = 0.5;\nconst huge = 2 ** 60;\nconst word = 'w';\nconst flag = true;\nconst none = undefined;\nconst list = [1];",
    );
    const { variables } = (await dap.body("inspectVariables")) as { variables: Variable[] };
    const typeOf = (name: string) => variables.find((v) => v.name === name)?.type;
    expect(["whole", "half", "huge", "word", "flag", "none", "list"].map(typeOf)).toEqual(["int", "float", "float", "str", "bool", "undefined", "Array"]);
  });

  it("answers an unknown command with a clear failure, and a cell that does not transpile cannot be dumped", async () => {
    const unknown = await dap.request("flyToTheMoon");
    expect(unknown.success).toBe(false);
    expect(unknown.message).toMatch(/does not know the request 'flyToTheMoon'/);
    expect((await dap.request("dumpCell", { code: "const = ;" })).success).toBe(false);
  });

  it("answers a debug_request without a command, or with arguments that are not an object, with BadRequest, and debugs on", async () => {
    for (const content of [
      { type: "request", seq: 90 },
      { type: "request", seq: 91, command: "stackTrace", arguments: "all" },
    ]) {
      const { reply } = await kernel.request("control", "debug_request", content, 20000);
      expect(reply.header.msg_type).toBe("debug_reply");
      expect(reply.content).toMatchObject({ status: "error", ename: "BadRequest" });
      expect(String(reply.content.evalue)).toMatch(content.command ? /'arguments' must be an object/ : /'command' is required/);
    }
    expect((await dap.request("debugInfo")).body).toMatchObject({ isStarted: true });
  });

  it("disconnect lets cells run without stopping, by their old names again", async () => {
    const { sourcePath } = (await dap.body("dumpCell", { code: "1 + 1" })) as { sourcePath: string };
    await dap.body("setBreakpoints", { source: { path: sourcePath }, breakpoints: [{ line: 1 }] });
    await dap.body("disconnect", { restart: false, terminateDebuggee: false });
    expect((await dap.body("debugInfo")).isStarted).toBe(false);
    const done = await kernel.execute("1 + 1", {}, 10_000);
    expect(ofType(done.messages, "execute_result")[0]?.content.data).toMatchObject({ "text/plain": "2" });
    expect(existsSync(sourcePath)).toBe(true);
  });
});

it("a kernel paused at a breakpoint shuts down cleanly", async () => {
  const own = await startKernel();
  const client = new DapClient(own);
  try {
    await client.body("initialize", { clientID: "test", adapterID: "tsloop" });
    await client.body("attach");
    const code = "const here = 1;\nhere";
    const { sourcePath } = (await client.body("dumpCell", { code })) as { sourcePath: string };
    await client.body("setBreakpoints", { source: { path: sourcePath }, breakpoints: [{ line: 2 }] });
    own.sendExecute(code);
    await client.event("stopped");
    const { reply } = await own.request("control", "shutdown_request", { restart: false }, 5000);
    expect(reply.content).toMatchObject({ status: "ok" });
    expect(await own.waitForExit(5000)).toBe(0);
  } finally {
    client.close();
    own.close();
  }
}, 60_000);
