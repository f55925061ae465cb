// Start-up and shutdown of the real kernel process: bad connection files, ipc transport, an empty
// key, shutdown and restart requests, the interrupt reply while idle. (The heartbeat while a cell
// blocks is in responsive.test.ts; interrupting running cells in interrupt.test.ts.)
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KernelClient } from "../../src/client/kernel-client";
import { kernelArgv, ofType, plain, ROOT, startKernel } from "../support/kernel";

function runWithConnectionFile(content: string | undefined) {
  const dir = mkdtempSync(join(tmpdir(), "tsloop-cf-"));
  const file = join(dir, "connection.json");
  if (content !== undefined) writeFileSync(file, content);
  const argv = kernelArgv().map((a) => a.replace("{connection_file}", file));
  return spawnSync(argv[0], argv.slice(1), { cwd: ROOT, encoding: "utf8", timeout: 10000 });
}

describe("connection file", () => {
  it.each([
    ["missing", undefined, /cannot read connection file/],
    ["not JSON", "{oops", /is not JSON/],
    ["without ports", JSON.stringify({ ip: "127.0.0.1", transport: "tcp", key: "" }), /'shell_port' must be an integer/],
    ["with an unknown transport", JSON.stringify({ ip: "x", transport: "udp" }), /unknown transport/],
  ])("%s: one clear line on stderr and exit code 2", (_, content, message) => {
    const result = runWithConnectionFile(content);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("transports and keys", () => {
  it("serves over ipc", async () => {
    const kernel = await startKernel({ transport: "ipc" });
    const { messages } = await kernel.execute("'over ipc'");
    expect(plain(ofType(messages, "execute_result")[0])).toBe("'over ipc'");
    await kernel.shutdown();
  });
});

describe("shutdown", () => {
  it.each([false, true])("shutdown_request on control (restart %s) replies, publishes shutdown_reply and exits 0", async (restart) => {
    const kernel = await startKernel();
    const shutdownOnIopub = kernel.nextIopub((m) => m.header.msg_type === "shutdown_reply");
    const sent = kernel.send("control", "shutdown_request", { restart });
    const reply = await kernel.reply(sent.header.msg_id);
    expect(reply.content).toEqual({ status: "ok", restart });
    expect((await shutdownOnIopub).content).toEqual({ status: "ok", restart });
    expect(await kernel.waitForExit(5000)).toBe(0);
    kernel.close();
  });

  it("shutdown_request on shell works too", async () => {
    const kernel = await startKernel();
    const sent = kernel.send("shell", "shutdown_request", { restart: false });
    expect((await kernel.reply(sent.header.msg_id)).content.status).toBe("ok");
    expect(await kernel.waitForExit(5000)).toBe(0);
    kernel.close();
  });
});

describe("interrupt", () => {
  let kernel: KernelClient;
  beforeAll(async () => {
    kernel = await startKernel();
  });
  afterAll(async () => kernel?.shutdown());

  it("replies to interrupt_request while idle, and the next cell is not interrupted", async () => {
    const { reply, messages } = await kernel.request("control", "interrupt_request", {});
    expect(reply.content.status).toBe("ok");
    expect(messages.map((m) => m.content.execution_state)).toEqual(["busy", "idle"]);
    const after = await kernel.execute("await new Promise((r) => setTimeout(r, 100)); 'after'");
    expect(plain(ofType(after.messages, "execute_result")[0])).toBe("'after'");
  });
});
