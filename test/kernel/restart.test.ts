// shutdown_request with restart: true ends the kernel without leaving a child process (esbuild's
// service, its one child, ends with it), an ipc socket file or a bound port behind, and a kernel
// started again on the same connection file (what a client's restart does) starts clean.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as net from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { KernelClient, withTimeout } from "../../src/client/kernel-client";
import { CHANNEL_PORTS, ConnectionInfo } from "../../src/transport/connection";
import { kernelArgv, ofType, plain, ROOT, startKernel } from "../support/kernel";
import { childrenOf, commandOf } from "../support/processes";

/** Waits until none of `pids` runs any more; returns those still running after `ms`. */
async function untilGone(pids: number[], ms: number): Promise<number[]> {
  const deadline = Date.now() + ms;
  let running = pids.filter((p) => existsSync(`/proc/${p}`));
  while (running.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    running = running.filter((p) => existsSync(`/proc/${p}`));
  }
  return running;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** Starts the kernel again on a copy of `connection`, as a client's restart does. */
async function startAgain(connection: ConnectionInfo) {
  const dir = mkdtempSync(join(tmpdir(), "tsloop-restart-"));
  const file = join(dir, "connection.json");
  writeFileSync(file, JSON.stringify(connection));
  const argv = kernelArgv().map((a) => a.replace("{connection_file}", file));
  const child = spawn(argv[0], argv.slice(1), { cwd: ROOT, stdio: "ignore" });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const client = await KernelClient.attach(connection);
  await client.ready();
  return {
    client,
    exited,
    cleanup: () => {
      client.close();
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

it.each(["tcp", "ipc"] as const)(
  "over %s: nothing is left behind and the restarted kernel is fresh",
  async (transport) => {
    const kernel = await startKernel({ transport });
    const pid = kernel.process!.pid!;
    const connection = { ...kernel.connection };
    try {
      await kernel.execute("var before = 1; setInterval(() => {}, 1000); 'state'", {}, 10_000);
      // Two children: the type checker's language server (TypeScript 7's native tsc --lsp) and
      // esbuild's service (the transpiler).
      const children = childrenOf(pid);
      const commands = children.map(commandOf);
      expect(commands).toHaveLength(2);
      expect(commands).toEqual(expect.arrayContaining([expect.stringMatching(/esbuild.* --service/), expect.stringMatching(/tsc --lsp --stdio/)]));
      const sent = kernel.send("control", "shutdown_request", { restart: true });
      expect((await kernel.reply(sent.header.msg_id)).content).toEqual({ status: "ok", restart: true });
      const code = await kernel.waitForExit(5000);
      // The signal and the kernel's stderr say why, should it ever end otherwise.
      expect({ code, signal: kernel.process!.signalCode, stderr: code === 0 ? "" : kernel.stderr.join("").slice(-2000) }).toEqual({
        code: 0,
        signal: null,
        stderr: "",
      });
      expect(await untilGone(children, 2000)).toEqual([]);
      if (transport === "ipc") expect(readdirSync(dirname(connection.ip)).filter((n) => n.startsWith("kernel-"))).toEqual([]);
      else for (const port of CHANNEL_PORTS) expect(await portIsFree(connection[port])).toBe(true);

      const again = await startAgain(connection);
      try {
        const { reply, messages } = await again.client.execute('"before" in globalThis', {}, 10_000);
        expect(plain(ofType(messages, "execute_result")[0])).toBe("false");
        expect(reply.content.execution_count).toBe(1);
        again.client.send("control", "shutdown_request", { restart: false });
        expect(await withTimeout(again.exited, 5000, "the restarted kernel did not exit")).toBe(0);
      } finally {
        again.cleanup();
      }
    } finally {
      kernel.close();
    }
  },
  40_000,
);
