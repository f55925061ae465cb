// Ring 4: tsloop driven through @jupyterlab/services' KernelConnection (the client JupyterLab and
// VS Code use) against Debian's Jupyter Server. One server and one kernel serve the whole file.
import { Kernel, KernelManager, KernelMessage, KernelSpecManager } from "@jupyterlab/services";
import { disposeManager, JupyterServer, startJupyterServer } from "../support/jupyter-server";
import { ofType, okContent, plainText, results, runCell, streamText, stripAnsi, within } from "./run-cell";

let server: JupyterServer;
let manager: KernelManager;
let kernel: Kernel.IKernelConnection;

beforeAll(async () => {
  jest.spyOn(console, "debug").mockImplementation(() => undefined); // services logs every socket and status change
  server = await startJupyterServer();
  manager = new KernelManager({ serverSettings: server.settings });
  await within(manager.ready, 10_000, "KernelManager.ready");
  kernel = await within(manager.startNew({ name: "tsloop" }), 20_000, "starting a tsloop kernel");
  await within(kernel.info, 20_000, "kernel_info after start");
}, 60_000);

afterAll(async () => {
  await disposeManager(manager);
  await server?.stop();
}, 30_000);

test("the kernelspec list shows tsloop", async () => {
  const specs = new KernelSpecManager({ serverSettings: server.settings });
  await within(specs.ready, 10_000, "KernelSpecManager.ready");
  const spec = specs.specs?.kernelspecs.tsloop;
  expect(spec).toBeDefined();
  expect(spec!.display_name).toBe("TypeScript (tsloop)");
  expect(spec!.language).toBe("typescript");
  await disposeManager(specs);
}, 15_000);

test("kernel_info describes tsloop and TypeScript", async () => {
  const reply = await within(kernel.requestKernelInfo(), 5_000, "kernel_info");
  const content = okContent(reply!.content);
  expect(content.implementation).toBe("tsloop");
  expect(content.protocol_version).toBe("5.5");
  expect(content.language_info.name).toBe("typescript");
  expect(content.language_info.file_extension).toBe(".ts");
}, 10_000);

test("an expression cell gives an execute_result and an ok reply", async () => {
  const run = await runCell(kernel, "const x: number = 40; x + 2");
  expect(run.reply.content.status).toBe("ok");
  const count = run.reply.content.execution_count;
  expect(typeof count).toBe("number");
  expect(count).toBeGreaterThan(0);
  const [result] = ofType(run, "execute_result") as KernelMessage.IExecuteResultMsg[];
  expect(result?.content.data["text/plain"]).toBe("42");
  expect(result.content.execution_count).toBe(count);
  expect(result.parent_header).toMatchObject({ msg_id: run.request.header.msg_id });
}, 10_000);

test("console.log goes to stdout", async () => {
  const run = await runCell(kernel, 'console.log("hello")');
  expect(run.reply.content.status).toBe("ok");
  expect(streamText(run, "stdout")).toBe("hello\n");
  expect(streamText(run, "stderr")).toBe("");
  expect(results(run)).toEqual([]);
}, 10_000);

test("console.error goes to stderr", async () => {
  const run = await runCell(kernel, 'console.error("oops")');
  expect(streamText(run, "stderr")).toBe("oops\n");
  expect(streamText(run, "stdout")).toBe("");
}, 10_000);

test("a throwing cell gives an error message with a cell traceback", async () => {
  const run = await runCell(kernel, 'const fine = 1;\nthrow new Error("boom");');
  expect(run.reply.content.status).toBe("error");
  const errors = ofType(run, "error") as KernelMessage.IErrorMsg[];
  expect(errors).toHaveLength(1);
  expect(errors[0].content.ename).toBe("Error");
  expect(errors[0].content.evalue).toBe("boom");
  const traceback = stripAnsi(errors[0].content.traceback.join("\n"));
  const count = run.reply.content.execution_count;
  expect(traceback).toContain(`Cell In[${count}], line 2`);
  expect(traceback).toContain('throw new Error("boom")');
  expect(run.reply.content).toMatchObject({ ename: "Error", evalue: "boom" });
}, 10_000);

test("state persists across cells, and a const cell can run again", async () => {
  expect((await runCell(kernel, "let counter = 1")).reply.content.status).toBe("ok");
  expect(results(await runCell(kernel, "counter += 1; counter"))).toEqual(["2"]);
  for (let i = 0; i < 2; i++) {
    const run = await runCell(kernel, "const again = 5; again * 2");
    expect(run.reply.content.status).toBe("ok");
    expect(results(run)).toEqual(["10"]);
  }
}, 15_000);

test("top-level await", async () => {
  const run = await runCell(kernel, "await new Promise(r => setTimeout(r, 100)); 7");
  expect(run.reply.content.status).toBe("ok");
  expect(results(run)).toEqual(["7"]);
}, 10_000);

test("display.html gives display_data with text/html", async () => {
  const run = await runCell(kernel, 'display.html("<b>hi</b>")');
  const [shown] = ofType(run, "display_data") as KernelMessage.IDisplayDataMsg[];
  expect(shown?.content.data["text/html"]).toBe("<b>hi</b>");
}, 10_000);

test("complete_request", async () => {
  const reply = await within(kernel.requestComplete({ code: "Math.fl", cursor_pos: 7 }), 10_000, "complete");
  const content = okContent(reply.content);
  expect(content.matches).toContain("floor");
  expect(content.cursor_end).toBe(7);
  expect(content.cursor_start).toBe(5);
}, 15_000);

test("inspect_request", async () => {
  const reply = await within(kernel.requestInspect({ code: "Math.floor", cursor_pos: 10, detail_level: 0 }), 10_000, "inspect");
  const content = okContent(reply.content);
  expect(content.found).toBe(true);
  expect(plainText(content.data)).toContain("floor");
}, 15_000);

test("is_complete_request", async () => {
  const open = await within(kernel.requestIsComplete({ code: "function f() {" }), 5_000, "is_complete (open)");
  expect(open.content.status).toBe("incomplete");
  const whole = await within(kernel.requestIsComplete({ code: "1 + 1" }), 5_000, "is_complete (whole)");
  expect(whole.content.status).toBe("complete");
}, 10_000);

test("history_request (tail) ends with the last cell", async () => {
  const code = "const historyMarker = 'h'; historyMarker";
  const run = await runCell(kernel, code);
  const reply = await within(kernel.requestHistory({ hist_access_type: "tail", n: 5, raw: true, output: false }), 5_000, "history");
  const content = okContent(reply.content);
  expect(content.history.length).toBeGreaterThan(0);
  expect(content.history.length).toBeLessThanOrEqual(5);
  const last = content.history[content.history.length - 1] as [number, number, string];
  expect(last[1]).toBe(run.reply.content.execution_count);
  expect(last[2]).toBe(code);
}, 10_000);

test("late output lands on the cell that scheduled it", async () => {
  const seen: KernelMessage.IStreamMsg[] = [];
  const listen = (_: unknown, msg: KernelMessage.IIOPubMessage) => {
    if (msg.header.msg_type === "stream") seen.push(msg as KernelMessage.IStreamMsg);
  };
  kernel.iopubMessage.connect(listen);
  try {
    const a = await runCell(kernel, 'setTimeout(() => console.log("late"), 300); "A"');
    expect(results(a)).toEqual(["'A'"]);
    const b = await runCell(kernel, "await new Promise(r => setTimeout(r, 1000))");
    expect(b.reply.content.status).toBe("ok");
    const late = seen.filter((m) => m.content.text.includes("late"));
    expect(late.map((m) => [m.content.name, m.content.text])).toEqual([["stdout", "late\n"]]);
    expect(late[0].parent_header).toMatchObject({ msg_id: a.request.header.msg_id });
    expect(streamText(b, "stdout")).toBe("");
  } finally {
    kernel.iopubMessage.disconnect(listen);
  }
}, 15_000);

test("stop_on_error aborts the executes queued behind a failure", async () => {
  // The failing cell waits first so the other two are queued in the kernel when it throws
  // (requests still in flight when the error is handled may legitimately run, as with ipykernel).
  const first = runCell(kernel, 'await new Promise(r => setTimeout(r, 300)); throw new Error("first")', { stop_on_error: true });
  const second = runCell(kernel, '"second"');
  const third = runCell(kernel, '"third"');
  const runs = await Promise.all([first, second, third]);
  expect(runs.map((r) => r.reply.content.status)).toEqual(["error", "aborted", "aborted"]);
  expect(runs.flatMap(results)).toEqual([]);
  expect(results(await runCell(kernel, '"after"'))).toEqual(["'after'"]);
}, 20_000);

test("restart gives a fresh kernel", async () => {
  await runCell(kernel, "var beforeRestart = 1");
  expect(results(await runCell(kernel, '"beforeRestart" in globalThis'))).toEqual(["true"]);
  const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined); // "Connection lost, reconnecting"
  await within(kernel.restart(), 20_000, "restart").finally(() => warn.mockRestore());
  await within(kernel.info, 10_000, "kernel_info after restart");
  const run = await runCell(kernel, '"beforeRestart" in globalThis');
  expect(run.reply.content.status).toBe("ok");
  expect(results(run)).toEqual(["false"]);
  expect(run.reply.content.execution_count).toBe(1);
}, 30_000);

test("shutdown ends the kernel and the server lists none", async () => {
  await within(kernel.shutdown(), 10_000, "shutdown");
  expect(kernel.status).toBe("dead");
  const res = await fetch(`${server.baseUrl}api/kernels`, { headers: { Authorization: `token ${server.token}` } });
  expect(await res.json()).toEqual([]);
}, 15_000);
