// VS Code's path to a local kernel: no Jupyter Server. The test launches tsloop from its kernelspec
// argv with a connection file it wrote, and drives @jupyterlab/services' KernelConnection through
// a WebSocket-shaped adapter over ZeroMQ (test/support/zmq-websocket.ts), as VS Code's Jupyter
// extension does: kernel_info, every output type, an interrupt in message mode, a restart of the
// process, and a comm opened from the client.
import type { Kernel, KernelMessage } from "@jupyterlab/services";
import { LocalKernel } from "../support/local-kernel";
import { rawKernelConnection } from "../support/raw-kernel-connection";
import { ofType, okContent, results, runCell, streamText, stripAnsi, within } from "../jupyterlab/run-cell";

let local: LocalKernel;
let kernel: Kernel.IKernelConnection;

beforeAll(async () => {
  jest.spyOn(console, "debug").mockImplementation(() => undefined); // services logs every socket and status change
  local = await LocalKernel.start();
  kernel = rawKernelConnection(local);
  await within(kernel.info, 60_000, `kernel_info after start (kernel stderr: ${local.stderr})`);
}, 90_000);

afterAll(async () => {
  kernel?.dispose();
  await local?.stop();
}, 30_000);

test("kernel_info comes over the adapter's shell socket, and the kernelspec asks for message-mode interrupts", async () => {
  const reply = await within(kernel.requestKernelInfo(), 10_000, "kernel_info");
  const content = okContent(reply!.content);
  expect(content.implementation).toBe("tsloop");
  expect(content.protocol_version).toBe("5.5");
  expect(content.language_info.name).toBe("typescript");
  expect(kernel.connectionStatus).toBe("connected");
  expect(local.spec.interrupt_mode).toBe("message");
}, 20_000);

test("a cell's stream, display_data, update_display_data and execute_result reach its future", async () => {
  const code = [
    'console.log("to stdout");',
    'console.error("to stderr");',
    'const shown = display.html("<b>first</b>", { displayId: "vscode-d1" })!;',
    'shown.updateBundle({ "text/html": "<b>second</b>" });',
    "6 * 7",
  ].join("\n");
  const run = await runCell(kernel, code, {}, 20_000);
  expect(run.reply.content.status).toBe("ok");
  expect(streamText(run, "stdout")).toBe("to stdout\n");
  expect(streamText(run, "stderr")).toBe("to stderr\n");
  const [display] = ofType(run, "display_data") as KernelMessage.IDisplayDataMsg[];
  expect(display.content).toMatchObject({ data: { "text/html": "<b>first</b>" }, transient: { display_id: "vscode-d1" } });
  const [update] = ofType(run, "update_display_data") as KernelMessage.IUpdateDisplayDataMsg[];
  expect(update.content).toMatchObject({ data: { "text/html": "<b>second</b>" }, transient: { display_id: "vscode-d1" } });
  expect(results(run)).toEqual(["42"]);
  expect(ofType(run, "execute_result")[0].parent_header).toMatchObject({ msg_id: run.request.header.msg_id });
}, 30_000);

test("a throwing cell gives an error output with its traceback and an error reply", async () => {
  const run = await runCell(kernel, 'throw new RangeError("out of range")', {}, 20_000);
  expect(run.reply.content).toMatchObject({ status: "error", ename: "RangeError", evalue: "out of range" });
  const [error] = ofType(run, "error") as KernelMessage.IErrorMsg[];
  expect(error.content).toMatchObject({ ename: "RangeError", evalue: "out of range" });
  expect(stripAnsi(error.content.traceback.join("\n"))).toContain(`Cell In[${run.reply.content.execution_count}], line 1`);
}, 30_000);

test("kernel.interrupt() sends interrupt_request on control and ends a busy loop; the cells' state is kept", async () => {
  expect((await runCell(kernel, "const kept = 'still here'", {}, 20_000)).reply.content.status).toBe("ok");
  const future = kernel.requestExecute({ code: "while (true) {}" });
  const started = new Promise<void>((resolve) => {
    future.onIOPub = (msg) => {
      if (msg.header.msg_type === "execute_input") resolve();
    };
  });
  await within(started, 20_000, "the loop's execute_input");
  await within(kernel.interrupt(), 20_000, "interrupt_reply");
  const reply = await within(future.done, 20_000, "the interrupted cell's reply");
  expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
  expect(results(await runCell(kernel, "kept", {}, 20_000))).toEqual(["'still here'"]);
}, 60_000);

test("a comm opened from the client reaches the target a cell registered, and its message comes back", async () => {
  const register = [
    'comms.registerTarget("vscode.echo", (comm, open) => {',
    "  comm.send({ opened: open.content.data });",
    "  comm.onMessage((message) => comm.send({ echo: message.content.data }));",
    "});",
  ].join("\n");
  expect((await runCell(kernel, register, {}, 20_000)).reply.content.status).toBe("ok");
  const comm = kernel.createComm("vscode.echo");
  const received: KernelMessage.ICommMsgMsg[] = [];
  const twoMessages = new Promise<void>((resolve) => {
    comm.onMsg = (msg) => void (received.push(msg) === 2 && resolve());
  });
  await within(comm.open({ size: 3 }).done, 20_000, "comm_open");
  await within(comm.send({ ping: 1 }).done, 20_000, "comm_msg");
  await within(twoMessages, 20_000, "two comm_msg from the kernel");
  expect(received.map((m) => m.content.data)).toEqual([{ opened: { size: 3 } }, { echo: { ping: 1 } }]);
  const info = await within(kernel.requestCommInfo({ target_name: "vscode.echo" }), 10_000, "comm_info");
  expect(okContent(info.content).comms).toEqual({ [comm.commId]: { target_name: "vscode.echo" } });
}, 60_000);

test("kernel.restart() stops the process with shutdown_request, starts the argv again, and the new kernel answers with a fresh state", async () => {
  const before = local.pid;
  expect((await runCell(kernel, "const fromBefore = 1", {}, 20_000)).reply.content.status).toBe("ok");
  await within(kernel.restart(), 60_000, `restart (kernel stderr: ${local.stderr})`);
  expect(local.pid).not.toBe(before);
  // The new process's type check knows nothing of the old one's names, and counting starts again.
  const forgotten = await runCell(kernel, "fromBefore", {}, 60_000);
  expect(forgotten.reply.content).toMatchObject({ status: "error", execution_count: 1, evalue: "Cannot find name 'fromBefore'." });
  expect(results(await runCell(kernel, "const fromAfter = 2; fromAfter * 21", {}, 20_000))).toEqual(["42"]);
  expect(kernel.status).toBe("idle");
}, 120_000);
