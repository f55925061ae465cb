// Starts Debian's Jupyter Server (or the classic Notebook 6, its own server) on a free loopback
// port with a token and the tsloop kernelspec in a temp prefix, for tests that drive the kernel
// through @jupyterlab/services (as JupyterLab does) or a browser page.
import { ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { ServerConnection } from "@jupyterlab/services";

export const ROOT = path.resolve(__dirname, "..", "..");
export const LAUNCHER = path.join(ROOT, "kernel", "tsloop.js");
export const PYTHON = "/usr/bin/python3";

export interface JupyterServer {
  settings: ServerConnection.ISettings;
  baseUrl: string;
  token: string;
  /** The folder the server serves notebooks from (its root_dir / notebook_dir). */
  rootDir: string;
  /** The last 20 kB of the server's stdout and stderr (kernels write their logs there too). */
  log(): string;
  /** Shuts the server's kernels down (REST, then by pid), stops the server, removes temp dirs. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** How long to wait for `/api/kernelspecs` to answer (ms). */
  startTimeout?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL (ms). */
  stopTimeout?: number;
  /** More command-line arguments for the server. */
  extraArgs?: string[];
  /** Which server: Jupyter Server (default) or the classic Notebook's own (`python3 -m notebook`). */
  app?: ServerApp;
}

export type ServerApp = "jupyter_server" | "notebook";

/** The Python module, the configurable class and its notebook-folder option of each server. */
const SERVER_APPS: Record<ServerApp, { module: string; config: string; rootOption: string }> = {
  jupyter_server: { module: "jupyter_server", config: "ServerApp", rootOption: "root_dir" },
  notebook: { module: "notebook", config: "NotebookApp", rootOption: "notebook_dir" },
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Installs the kernelspec with `tsloop install --prefix`, or writes it by hand if that fails. */
function installKernelspec(prefix: string): void {
  const r = spawnSync(process.execPath, [LAUNCHER, "install", "--prefix", prefix], { cwd: ROOT, encoding: "utf8", timeout: 20_000 });
  const specFile = path.join(prefix, "share", "jupyter", "kernels", "tsloop", "kernel.json");
  if (r.status === 0 && fs.existsSync(specFile)) return;
  const template = JSON.parse(fs.readFileSync(path.join(ROOT, "kernel.json"), "utf8")) as Record<string, unknown>;
  fs.mkdirSync(path.dirname(specFile), { recursive: true });
  const spec = { ...template, argv: [process.execPath, LAUNCHER, "kernel", "{connection_file}"] };
  fs.writeFileSync(specFile, JSON.stringify(spec, null, 2));
}

/** Pids of live processes whose command line mentions `needle` (the kernels get our runtime dir). */
function pidsMentioning(needle: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(needle)) pids.push(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  return pids;
}

/** Resolves true once `child` has exited, or false after `ms` (the timer is cleared either way). */
function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startJupyterServer(options: StartOptions = {}): Promise<JupyterServer> {
  const startTimeout = options.startTimeout ?? 30_000;
  const stopTimeout = options.stopTimeout ?? 5_000;
  if (!fs.existsSync(path.join(ROOT, "dist", "kernel", "main.js"))) throw new Error("dist/ is missing: run `npx tsc -p .` first");

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tsloop-jserver-"));
  const dirs = {
    prefix: path.join(tmp, "prefix"),
    data: path.join(tmp, "data"),
    runtime: path.join(tmp, "runtime"),
    config: path.join(tmp, "config"),
    root: path.join(tmp, "notebooks"),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  installKernelspec(dirs.prefix);

  const port = await freePort();
  const token = `tsloop-test-${process.pid}-${Date.now().toString(36)}`;
  const baseUrl = `http://127.0.0.1:${port}/`;
  const app = SERVER_APPS[options.app ?? "jupyter_server"];
  const args = [
    "-m",
    app.module,
    "--no-browser",
    `--${app.config}.token=${token}`,
    `--${app.config}.ip=127.0.0.1`,
    `--${app.config}.port=${port}`,
    `--${app.config}.port_retries=0`,
    `--${app.config}.${app.rootOption}=${dirs.root}`,
    "--KernelSpecManager.ensure_native_kernel=False",
  ];
  if (process.getuid?.() === 0) args.push("--allow-root");
  args.push(...(options.extraArgs ?? []));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JUPYTER_PATH: path.join(dirs.prefix, "share", "jupyter"),
    JUPYTER_DATA_DIR: dirs.data,
    JUPYTER_RUNTIME_DIR: dirs.runtime,
    JUPYTER_CONFIG_DIR: dirs.config,
    JUPYTER_PLATFORM_DIRS: "0",
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
  const server = spawn(PYTHON, args, { cwd: dirs.root, env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString("utf8")).slice(-20_000);
  };
  server.stdout.on("data", keep);
  server.stderr.on("data", keep);
  let spawnError: Error | undefined;
  server.once("error", (e) => {
    spawnError = e;
  });

  const name = options.app === "notebook" ? "The classic Notebook" : "Jupyter Server";
  const auth = { Authorization: `token ${token}` };
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (server.exitCode === null && server.signalCode === null) {
      try {
        const res = await fetch(`${baseUrl}api/kernels`, { headers: auth, signal: AbortSignal.timeout(3_000) });
        const kernels = (await res.json()) as { id: string }[];
        await Promise.all(
          kernels.map((k) =>
            fetch(`${baseUrl}api/kernels/${k.id}`, { method: "DELETE", headers: auth, signal: AbortSignal.timeout(stopTimeout) }).catch(() => undefined),
          ),
        );
      } catch {
        /* server not answering: fall through to signals */
      }
      server.kill("SIGTERM");
      if (!(await exited(server, stopTimeout))) {
        server.kill("SIGKILL");
        await exited(server, stopTimeout);
      }
    }
    // Kernels run in their own sessions: kill any the server left behind, found by our runtime dir.
    for (const pid of pidsMentioning(dirs.runtime)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* gone */
      }
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };

  const deadline = Date.now() + startTimeout;
  for (;;) {
    if (spawnError || server.exitCode !== null || server.signalCode !== null) {
      await stop();
      throw new Error(`${name} exited before answering (${spawnError?.message ?? `code ${server.exitCode}, signal ${server.signalCode}`}):\n${log}`);
    }
    try {
      const res = await fetch(`${baseUrl}api/kernelspecs`, { headers: auth, signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not answer /api/kernelspecs within ${startTimeout} ms:\n${log}`);
    }
    await sleep(150);
  }

  const settings = ServerConnection.makeSettings({
    baseUrl,
    wsUrl: `ws://127.0.0.1:${port}/`,
    token,
    appendToken: true,
    // `ws` stands in for the browser WebSocket (no @types/ws here, hence require).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an untyped package: an import would need @types/ws
    WebSocket: require("ws") as ServerConnection.ISettings["WebSocket"],
    // Node's own request type: the settings' RequestInfo is a DOM type, unknown without lib "dom".
    fetch: (input: Parameters<typeof fetch>[0], init?: RequestInit) => fetch(input, init),
    Request,
    Headers,
  });
  return { settings, baseUrl, token, rootDir: dirs.root, log: () => log, stop };
}

/**
 * Disposes a KernelManager / KernelSpecManager without leaving a timer behind: lumino's
 * Poll.dispose() keeps its pending timeout (10 s for kernel models), which holds jest open.
 */
export async function disposeManager(manager: { dispose(): void } | undefined): Promise<void> {
  if (!manager) return;
  type Poll = { stop(): Promise<void>; frequency: object };
  const polls = Object.values(manager as object).filter(
    (v): v is Poll => typeof (v as Poll)?.stop === "function" && typeof (v as Poll)?.frequency === "object",
  );
  await Promise.all(polls.map((p) => p.stop().catch(() => undefined)));
  manager.dispose();
}
