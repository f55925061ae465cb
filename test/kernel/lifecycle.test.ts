// Start-up and shutdown of the real kernel process: bad connection files, ipc transport, an empty
// key, shutdown and restart requests, interrupt replies. (The heartbeat while a cell blocks is in
// responsive.test.ts.)
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

  it("replies to interrupt_request while idle", async () => {
    const { reply } = await kernel.request("control", "interrupt_request", {});
    expect(reply.content.status).toBe("ok");
  });

  it("stops a synchronous infinite loop within a second, keeping earlier state", async () => {
    await kernel.execute("var survivor = 41");
    const sent = kernel.send("shell", "execute_request", { code: "while (true) {}", silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    kernel.send("control", "interrupt_request", {});
    const { reply, messages } = await kernel.outcomeOf(sent.header.msg_id, 5000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    expect(ofType(messages, "error")[0].content.ename).toBe("KeyboardInterrupt");
    const after = await kernel.execute("survivor + 1");
    expect(plain(ofType(after.messages, "execute_result")[0])).toBe("42");
  });

  it("ends a cell awaiting a promise that never settles, keeping earlier state", async () => {
    await kernel.execute("const kept = 'state'");
    const sent = kernel.send("shell", "execute_request", { code: "await new Promise(() => {})", silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    setTimeout(() => kernel.send("control", "interrupt_request", {}), 300);
    const { reply } = await kernel.outcomeOf(sent.header.msg_id, 5000);
    expect(reply.content.status).toBe("error");
    expect(reply.content.ename).toBe("KeyboardInterrupt");
    const after = await kernel.execute("kept");
    expect(plain(ofType(after.messages, "execute_result")[0])).toBe("'state'");
  });
});
