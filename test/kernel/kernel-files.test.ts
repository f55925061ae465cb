// What the kernel process exposes on the machine: its ipc socket files are private (mode 0600),
// over tcp it listens on the connection file's 5 ports on 127.0.0.1 and nothing else, and its
// stderr (also with TSLOOP_LOG=debug) never shows the connection key.
import { readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { encode } from "../../src/protocol/codec";
import { childOf } from "../../src/protocol/header";
import { Signer } from "../../src/protocol/signature";
import { CHANNEL_PORTS } from "../../src/transport/connection";
import { startKernel } from "../support/kernel";

/** The process and its descendants. */
function processTree(root: number): number[] {
  const all = [root];
  for (let i = 0; i < all.length; i++) {
    for (const tid of readdirSync(`/proc/${all[i]}/task`)) {
      const children = readFileSync(`/proc/${all[i]}/task/${tid}/children`, "utf8").trim();
      if (children) all.push(...children.split(/\s+/).map(Number));
    }
  }
  return all;
}

/** Socket inodes a process holds open. */
function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]);
    } catch {
      /* closed meanwhile */
    }
  }
  return inodes;
}

/** "a.b.c.d:port" (or "[v6]:port") of every listening TCP socket whose inode is in `inodes`. */
function listening(inodes: Set<string>): string[] {
  const out: string[] = [];
  for (const [file, v6] of [
    ["/proc/net/tcp", false],
    ["/proc/net/tcp6", true],
  ] as const) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.trim().split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [local, state, inode] = [fields[1], fields[3], fields[9]];
      if (state !== "0A" || !inodes.has(inode)) continue; // 0A: LISTEN
      const [hexAddress, hexPort] = local.split(":");
      const port = parseInt(hexPort, 16);
      const address = v6
        ? `[${hexAddress}]`
        : (hexAddress.match(/../g) ?? [])
            .reverse()
            .map((h) => parseInt(h, 16))
            .join(".");
      out.push(`${address}:${port}`);
    }
  }
  return out.sort();
}

test("over ipc, every socket file the kernel creates is mode 0600", async () => {
  const kernel = await startKernel({ transport: "ipc" });
  try {
    const dir = dirname(kernel.connection.ip);
    const created = readdirSync(dir).filter((name) => name !== "connection.json"); // the client wrote that one
    const modes = Object.fromEntries(created.map((name) => [name, (statSync(join(dir, name)).mode & 0o777).toString(8)]));
    console.log(`ipc socket files: ${JSON.stringify(modes)}`);
    const expected = Object.fromEntries(CHANNEL_PORTS.map((p) => [`${basename(kernel.connection.ip)}-${kernel.connection[p]}`, "600"]));
    expect(modes).toEqual(expected);
  } finally {
    await kernel.shutdown();
  }
});

test("over tcp, the kernel listens on the connection file's 5 ports on 127.0.0.1, and on nothing else", async () => {
  const kernel = await startKernel();
  try {
    await kernel.execute("1 + 1", {}, 20_000); // the workers are up
    const pids = processTree(kernel.process!.pid!);
    const inodes = new Set(pids.flatMap((pid) => [...socketInodes(pid)]));
    const ports = listening(inodes);
    console.log(`kernel processes ${pids.join(", ")} listen on ${ports.join(", ")}`);
    expect(ports).toEqual(CHANNEL_PORTS.map((p) => `127.0.0.1:${kernel.connection[p]}`).sort());
  } finally {
    await kernel.shutdown();
  }
});

test.each([
  ["the default log level", {}],
  ["TSLOOP_LOG=debug", { TSLOOP_LOG: "debug" }],
])("with %s, the kernel's stderr never contains the connection key", async (_, env) => {
  const kernel = await startKernel({ env: { ...process.env, ...env } });
  const key = kernel.connection.key;
  try {
    await kernel.execute('console.log("out"); console.error("err"); 40 + 2', {}, 20_000);
    await kernel.execute("const typed: number = 1; typed", {}, 20_000);
    expect((await kernel.execute('throw new Error("on purpose")', {}, 20_000)).reply.content.status).toBe("error");
    for (const channel of ["shell", "control"] as const) {
      const forged = childOf(undefined, "execute_request", { code: "1", silent: false }, kernel.identity);
      await kernel.sendRaw(channel, encode(forged, new Signer("wrong-key")));
    }
    kernel.send("shell", "no_such_request", {});
    await kernel.request("shell", "kernel_info_request", {}, 20_000);
    await kernel.request("control", "kernel_info_request", {}, 20_000);
  } finally {
    await kernel.shutdown();
  }
  const stderr = kernel.stderr.join("");
  console.log(`${JSON.stringify(env)}: ${stderr.length} characters of kernel stderr, ${stderr.split("\n").length - 1} lines`);
  expect(stderr).toMatch(/signature does not verify/); // the session did include a dropped message
  for (const secret of [key, key.replace(/-/g, ""), Buffer.from(key).toString("base64")]) expect(stderr).not.toContain(secret);
});
