// Ring 4, robustness: through @jupyterlab/services' KernelConnection and Jupyter Server,
// interrupt() stops loops and endless awaits within 1 s, a flood stays bounded, restart() (also of
// a blocked kernel) and a cell's process.exit() leave one fresh kernel. (Control and heartbeat
// while a cell blocks: test/kernel/responsive.test.ts; late errors: test/kernel/late-errors.test.ts.)
import { readdirSync, readFileSync } from "node:fs";
import { Kernel, KernelManager, KernelMessage } from "@jupyterlab/services";
import { peakRssMb, sleep } from "../support/bounds";
import { disposeManager, JupyterServer, startJupyterServer } from "../support/jupyter-server";
import { results, runCell, streamText, within } from "./run-cell";

let server: JupyterServer;
let manager: KernelManager;
let kernel: Kernel.IKernelConnection;

beforeAll(async () => {
  jest.spyOn(console, "debug").mockImplementation(() => undefined);
  jest.spyOn(console, "warn").mockImplementation(() => undefined); // "Connection lost, reconnecting" on restarts
  server = await startJupyterServer();
  manager = new KernelManager({ serverSettings: server.settings });
  await within(manager.ready, 10_000, "KernelManager.ready");
  kernel = await within(manager.startNew({ name: "tsloop" }), 20_000, "starting a tsloop kernel");
  await within(kernel.info, 20_000, "kernel_info after start");
  await runCell(kernel, "var survivor = 41", {}, 20_000);
}, 60_000);

afterAll(async () => {
  await disposeManager(manager);
  await server?.stop();
}, 30_000);

/** Pids of the processes started for this kernel (their argv names its connection file). */
function kernelPids(): number[] {
  return readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        return readFileSync(`/proc/${e}/cmdline`, "utf8").includes(`kernel-${kernel.id}.json`);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Starts a cell without waiting; resolves once the kernel runs it (its execute_input is out). */
async function startCell(code: string, content: Partial<KernelMessage.IExecuteRequestMsg["content"]> = {}) {
  const future = kernel.requestExecute({ code, stop_on_error: true, ...content });
  const iopub: KernelMessage.IIOPubMessage[] = [];
  const running = new Promise<void>((resolve) => {
    future.onIOPub = (msg) => {
      iopub.push(msg);
      if (msg.header.msg_type === "execute_input") resolve();
    };
  });
  await within(running, 10_000, `execute_input of ${code}`);
  return { future, iopub, done: future.done };
}

async function survivorIsThere(): Promise<void> {
  expect(results(await runCell(kernel, "survivor + 1"))).toEqual(["42"]);
}

test.each([
  ["a synchronous loop", "while (true) {}"],
  ["a loop after await", "await null; while (true) {}"],
  ["a loop in a timer the cell awaits", "await new Promise((r) => setTimeout(() => { while (true) {} }, 20))"],
  ["a promise that never settles", "await new Promise(() => {})"],
])(
  "interrupt() stops %s within 1 s; queued cells are aborted; state survives",
  async (_, code) => {
    const cell = await startCell(code);
    const queued = kernel.requestExecute({ code: "'queued'", stop_on_error: true }).done;
    await sleep(300);
    const started = performance.now();
    await kernel.interrupt();
    const reply = await within(cell.done, 1000, `${code} after interrupt()`);
    console.log(`KernelConnection, interrupt of ${JSON.stringify(code)}: ${Math.round(performance.now() - started)} ms`);
    expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    expect(cell.iopub.filter((m) => m.header.msg_type === "error").map((m) => (m as KernelMessage.IErrorMsg).content.ename)).toEqual(["KeyboardInterrupt"]);
    expect((await within(queued, 3000, "the queued cell")).content.status).toBe("aborted");
    await survivorIsThere();
  },
  20_000,
);

test("a flood of 1,000,000 lines keeps the kernel under 500 MB; lines arrive in order or the server notes the drop", async () => {
  const [pid] = kernelPids();
  const run = await runCell(kernel, "for (let i = 0; i < 1_000_000; i++) console.log(i)", {}, 90_000);
  expect(run.reply.content.status).toBe("ok");
  const text = streamText(run, "stdout");
  const numbers = text
    .split("\n")
    .filter((l) => /^\d+$/.test(l))
    .map(Number);
  const inOrder = numbers.every((n, i) => i === 0 || n > numbers[i - 1]);
  const notes = [...text.split("\n"), ...streamText(run, "stderr").split("\n")].filter((l) => l !== "" && !/^\d+$/.test(l));
  const rss = peakRssMb(pid);
  console.log(`KernelConnection flood: ${numbers.length} lines delivered, notes ${JSON.stringify(notes.slice(0, 3))}, kernel peak RSS ${rss.toFixed(0)} MB`);
  expect(rss).toBeLessThan(500);
  expect(inOrder).toBe(true);
  // Every line, or a note that some were dropped (the server's rate limit or tsloop's): never a silent loss.
  const dropNoted = /IOPub data rate exceeded|lines dropped/.test(notes.join("\n"));
  expect(numbers.length === 1_000_000 || dropNoted ? "whole or noted" : `${numbers.length} lines and no note`).toBe("whole or noted");
}, 120_000);

test("restart() of a kernel blocked in a loop leaves exactly one fresh kernel process", async () => {
  const [oldPid] = kernelPids();
  void startCell("while (true) {}").catch(() => undefined);
  await sleep(500);
  await within(kernel.restart(), 20_000, "restart while blocked");
  await within(kernel.info, 10_000, "kernel_info after restart");
  const pids = kernelPids();
  expect(pids).toHaveLength(1);
  expect(pids[0]).not.toBe(oldPid);
  const run = await runCell(kernel, '"survivor" in globalThis');
  expect(results(run)).toEqual(["false"]);
  expect(run.reply.content.execution_count).toBe(1);
}, 40_000);

test("process.exit() in a cell ends the kernel; the server restarts it and it runs cells again", async () => {
  const [oldPid] = kernelPids();
  const statuses: string[] = [];
  const onStatus = (_: unknown, status: string) => void statuses.push(status);
  kernel.statusChanged.connect(onStatus);
  try {
    kernel.requestExecute({ code: "process.exit()" });
    const deadline = Date.now() + 20_000;
    while (!statuses.includes("autorestarting") && Date.now() < deadline) await sleep(100);
    expect(statuses).toContain("autorestarting");
    await within(kernel.info, 10_000, "kernel_info after the automatic restart");
    await sleep(500);
    const run = await runCell(kernel, "'back'", {}, 20_000);
    expect(results(run)).toEqual(["'back'"]);
    expect(kernelPids()).toHaveLength(1);
    expect(kernelPids()[0]).not.toBe(oldPid);
  } finally {
    kernel.statusChanged.disconnect(onStatus);
  }
}, 40_000);
