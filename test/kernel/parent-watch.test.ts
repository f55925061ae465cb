// A kernel whose launcher dies exits: jupyter_client sets JPY_PARENT_PID, the launcher is killed
// with SIGKILL, and the kernel is gone within 2 s, idle, blocked in a loop, or awaiting a timer.
import { ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { delay } from "../../src/client/kernel-client";
import { kernelArgv, ROOT, startKernel } from "../support/kernel";

let dir: string;
let env: NodeJS.ProcessEnv;
const launchers: ChildProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tsloop-parent-"));
  const install = spawnSync(process.execPath, ["kernel/tsloop.js", "install", "--prefix", dir], { cwd: ROOT, encoding: "utf8" });
  expect(install.status).toBe(0);
  env = { ...process.env, JUPYTER_PATH: join(dir, "share", "jupyter"), JUPYTER_DATA_DIR: join(dir, "data"), JUPYTER_RUNTIME_DIR: join(dir, "runtime") };
});

afterAll(() => {
  for (const launcher of launchers) launcher.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

/** Alive and not a zombie (a re-parented kernel's exit may wait for a reaper). */
function running(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(stat, "utf8"));
  } catch {
    return false;
  }
}

async function launch(cell?: string): Promise<{ launcher: ChildProcess; kernelPid: number }> {
  const launcher = spawn("/usr/bin/python3", [join(__dirname, "fixtures", "launcher.py"), ...(cell ? [cell] : [])], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  launchers.push(launcher);
  return { launcher, kernelPid: await firstLine(launcher) };
}

/** The pid the launcher prints on its first line. */
function firstLine(launcher: ChildProcess): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let out = "";
    launcher.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(Number(out.trim()));
    });
    launcher.once("exit", (code) => reject(new Error(`the launcher exited with ${code}`)));
  });
}

async function secondsUntilGone(pid: number, boundMs = 10_000): Promise<number> {
  const start = performance.now();
  while (running(pid) && performance.now() - start < boundMs) await delay(20);
  return (performance.now() - start) / 1000;
}

it.each([
  ["idle", undefined],
  ["blocked in while (true) {}", "while (true) {}"],
  ["awaiting a long timer", "await new Promise((r) => setTimeout(r, 600_000))"],
])(
  "exits within 2 s of its launcher's SIGKILL when %s",
  async (_case, cell) => {
    const { launcher, kernelPid } = await launch(cell);
    expect(running(kernelPid)).toBe(true);
    launcher.kill("SIGKILL");
    const seconds = await secondsUntilGone(kernelPid);
    console.log(`kernel gone ${seconds.toFixed(2)} s after its launcher was killed (${_case})`);
    expect(running(kernelPid)).toBe(false);
    expect(seconds).toBeLessThan(2);
  },
  60_000,
);

it("exits when the process that started it through src/client (as tsloop run does) is killed", async () => {
  const script = `const { KernelClient } = require(${JSON.stringify(join(ROOT, "dist/src/client/kernel-client.js"))});
    KernelClient.start({ argv: ${JSON.stringify(kernelArgv())}, cwd: ${JSON.stringify(ROOT)} })
      .then(async (c) => { await c.ready(); console.log(c.process.pid); setInterval(() => {}, 1000); });`;
  const launcher = spawn(process.execPath, ["-e", script], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  launchers.push(launcher);
  const kernelPid = await firstLine(launcher);
  expect(running(kernelPid)).toBe(true);
  launcher.kill("SIGKILL");
  const seconds = await secondsUntilGone(kernelPid);
  console.log(`kernel gone ${seconds.toFixed(2)} s after its src/client launcher was killed`);
  expect(seconds).toBeLessThan(2);
}, 60_000);

it("keeps running without JPY_PARENT_PID, as a kernel started by hand does", async () => {
  const kernel = await startKernel({ env: { ...process.env, JPY_PARENT_PID: "" } });
  try {
    await delay(1500);
    expect(kernel.process!.exitCode).toBeNull();
    const { reply } = await kernel.execute("1 + 1");
    expect(reply.content.status).toBe("ok");
  } finally {
    await kernel.shutdown();
  }
}, 30_000);
