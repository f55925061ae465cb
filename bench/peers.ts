// The kernels the benchmark compares, each started from its kernelspec argv as a client would,
// with the cell snippets in its own language. tsloop and ipykernel always; tslab and IJavascript
// only when already installed (on PATH or in node_modules): never installed from here.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { kernelArgv } from "../src/client/kernelspec-argv";
import type { Runtime } from "./runtimes";

export interface Snippets {
  /** The first cell after start-up: a type-annotated one (a checked cell, where the kernel checks). */
  firstCell: string;
  /** A trivial cell, for the round trip. */
  trivial: string;
  /** A 20-line cell with type annotations; `run` makes its text (a first comment line) unique. */
  cell20(run: number): string;
  /** The i-th of the small cells run before the completion request. */
  small(i: number): string;
  completion: { code: string; cursor: number };
  printLines(n: number): string;
  sleeps(n: number): string;
  /** The same n sleeps through the kernel's asyncio-like coroutine layer (tsloop): `asyncio.sleep(1)`
   * coroutines gathered, as a lesson writes it. Python's `sleeps` already is its asyncio. */
  coroutineSleeps?(n: number): string;
  /** Prints `token` from a timer 300 ms later, and returns at once. */
  lateA(token: string): string;
  /** Awaits one second. */
  lateB: string;
  /** Blocks the kernel (a busy loop) for `seconds`. */
  busy(seconds: number): string;
  /** Kernels whose cells are type-checked (tsloop): a cell made unchecked, and a silent cell with a
   * type error whose TSError reply says the checker is warm (cells before that run unchecked). */
  typeCheck?: { unchecked(code: string): string };
}

export interface Peer {
  name: string;
  argv: string[];
  cwd: string;
  snippets: Snippets;
  /** Why it is not measured (not installed), when it is not. */
  skipped?: string;
  version: string;
}

export const ROOT = join(__dirname, "..");

const typescript: Snippets = {
  firstCell: "const n: number = 1 + 1; n",
  trivial: "1 + 1",
  cell20: (run) =>
    [
      `// run ${run}`,
      "interface Point { x: number; y: number }",
      "type Shape = { kind: 'circle'; r: number } | { kind: 'rect'; w: number; h: number };",
      "function add(p: Point, q: Point): Point {",
      "  return { x: p.x + q.x, y: p.y + q.y };",
      "}",
      "function area(s: Shape): number {",
      "  switch (s.kind) {",
      "    case 'circle': return Math.PI * s.r * s.r;",
      "    case 'rect': return s.w * s.h;",
      "  }",
      "}",
      "class Counter<T> {",
      "  private counts = new Map<T, number>();",
      "  add(item: T): void { this.counts.set(item, (this.counts.get(item) ?? 0) + 1); }",
      "  get(item: T): number { return this.counts.get(item) ?? 0; }",
      "}",
      "const counter = new Counter<string>();",
      "for (const word of ['a', 'b', 'a']) counter.add(word);",
      "const origin: Point = add({ x: 1, y: 2 }, { x: -1, y: -2 });",
      "[origin, area({ kind: 'rect', w: 2, h: 3 }), counter.get('a')]",
    ].join("\n"),
  small: (i) => `const v${i}: number = ${i};`,
  completion: { code: "v4", cursor: 2 },
  printLines: (n) => `for (let i = 0; i < ${n}; i++) console.log(i);`,
  sleeps: (n) => `await Promise.all(Array.from({ length: ${n} }, () => new Promise((r) => setTimeout(r, 1000))));`,
  lateA: (token) => `setTimeout(() => console.log(${JSON.stringify(token)}), 300);`,
  lateB: "await new Promise((r) => setTimeout(r, 1000));",
  busy: (seconds) => `{ const end = Date.now() + ${seconds * 1000}; while (Date.now() < end) {} }`,
};

const python: Snippets = {
  firstCell: "n: int = 1 + 1\nn",
  trivial: "1 + 1",
  cell20: (run) =>
    [
      `# run ${run}`,
      "from dataclasses import dataclass, field",
      "import math",
      "@dataclass",
      "class Point:",
      "    x: float",
      "    y: float",
      "def add(p: Point, q: Point) -> Point:",
      "    return Point(p.x + q.x, p.y + q.y)",
      "def area(kind: str, *dims: float) -> float:",
      "    if kind == 'circle':",
      "        return math.pi * dims[0] * dims[0]",
      "    return dims[0] * dims[1]",
      "@dataclass",
      "class Counter:",
      "    counts: dict[str, int] = field(default_factory=dict)",
      "    def add(self, item: str) -> None: self.counts[item] = self.counts.get(item, 0) + 1",
      "counter = Counter()",
      "for word in ['a', 'b', 'a']: counter.add(word)",
      "origin: Point = add(Point(1, 2), Point(-1, -2))",
      "[origin, area('rect', 2, 3), counter.counts['a']]",
    ].join("\n"),
  small: (i) => `v${i}: int = ${i}`,
  completion: { code: "v4", cursor: 2 },
  printLines: (n) => `for i in range(${n}):\n    print(i)`,
  sleeps: (n) => `import asyncio\nawait asyncio.gather(*(asyncio.sleep(1) for _ in range(${n})))`,
  lateA: (token) => `import threading\nthreading.Timer(0.3, lambda: print(${JSON.stringify(token)})).start()`,
  lateB: "import asyncio\nawait asyncio.sleep(1)",
  busy: (seconds) => `import time\n_end = time.time() + ${seconds}\nwhile time.time() < _end:\n    pass`,
};

/** IJavascript has no top-level await: the async snippets use its $$.async()/$$.done(). */
const ijavascript: Snippets = {
  ...typescript,
  firstCell: "var n = 1 + 1; n",
  small: (i) => `var v${i} = ${i};`,
  sleeps: (n) => `$$.async(); Promise.all(Array.from({ length: ${n} }, () => new Promise((r) => setTimeout(r, 1000)))).then(() => $$.done());`,
  lateB: "$$.async(); setTimeout(() => $$.done(), 1000);",
};

export function findPeers(): Peer[] {
  return [tsloop(), ipykernel(), tslab(), ijavascriptPeer()];
}

function tsloop(): Peer {
  const argv = kernelArgv(ROOT);
  const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  const built = existsSync(join(ROOT, "dist", "kernel", "main.js"));
  const snippets: Snippets = {
    ...typescript,
    coroutineSleeps: (n) => `await asyncio.gather(Array.from({ length: ${n} }, () => asyncio.sleep(1)));`,
    typeCheck: { unchecked: (code) => `// @tsloop-check off\n${code}` },
  };
  return { name: "tsloop", argv, cwd: ROOT, snippets, version, skipped: built ? undefined : "dist/ is not built (npm run build)" };
}

/** tsloop's kernelspec run by another Node binary (what `tsloop install` records when run by it). */
export function onRuntime(peer: Peer, runtime: Runtime): Peer {
  return { ...peer, argv: [runtime.execPath, ...peer.argv.slice(1)] };
}

function ipykernel(): Peer {
  const specFile = "/usr/share/jupyter/kernels/python3/kernel.json";
  let argv = ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"];
  if (existsSync(specFile)) argv = (JSON.parse(readFileSync(specFile, "utf8")) as { argv: string[] }).argv;
  // Debian's spec says /usr/bin/python3; a bare "python3" could be another Python on PATH.
  if (argv[0] === "python3" || argv[0] === "python") argv = ["/usr/bin/python3", ...argv.slice(1)];
  const version = run(argv[0], ["-c", "import ipykernel; print(ipykernel.__version__)"]);
  return {
    name: "ipykernel",
    argv,
    cwd: ROOT,
    snippets: python,
    version: version ?? "",
    skipped: version ? undefined : "ipykernel is not installed (apt-get install python3-ipykernel)",
  };
}

/** The argv of an installed kernelspec (as ../shared/bench/install-peers.sh registers tslab and
 * IJavascript), from Jupyter's data folders: the user's, then /usr/local's, then /usr's. */
function kernelspecArgv(name: string): string[] | undefined {
  const dirs = [join(homedir(), ".local", "share", "jupyter"), "/usr/local/share/jupyter", "/usr/share/jupyter"];
  const file = dirs.map((dir) => join(dir, "kernels", name, "kernel.json")).find(existsSync);
  if (!file) return undefined;
  const argv = (JSON.parse(readFileSync(file, "utf8")) as { argv?: unknown }).argv;
  return Array.isArray(argv) && argv.every((a) => typeof a === "string") ? argv : undefined;
}

function tslab(): Peer {
  const spec = kernelspecArgv("tslab");
  const bin = spec ? undefined : findBin("tslab");
  const argv = spec ?? [bin ?? "tslab", "kernel", "--config-path", "{connection_file}"];
  const script = argv.find((a) => a.endsWith("/tslab")) ?? bin;
  const version = script ? (run(process.execPath, [script, "--version"]) ?? run(script, ["--version"]) ?? "") : "";
  const found = Boolean(spec ?? bin);
  return { name: "tslab", argv, cwd: ROOT, snippets: typescript, version, skipped: found ? undefined : "not installed (../shared/bench/install-peers.sh)" };
}

function ijavascriptPeer(): Peer {
  const spec = kernelspecArgv("javascript");
  if (spec)
    return { name: "ijavascript", argv: spec, cwd: ROOT, snippets: ijavascript, version: packageVersionNear(spec.find((a) => a.endsWith("kernel.js"))) };
  const local = join(ROOT, "node_modules", "ijavascript", "lib", "kernel.js");
  const kernel = existsSync(local) ? local : undefined;
  const bin = kernel ? undefined : findBin("ijskernel");
  const argv = kernel ? [process.execPath, kernel] : [bin ?? "ijskernel"];
  const found = Boolean(kernel ?? bin);
  return {
    name: "ijavascript",
    argv: [...argv, "--hide-undefined", "{connection_file}", "--protocol=5.0"],
    cwd: ROOT,
    snippets: ijavascript,
    version: "",
    skipped: found ? undefined : "not installed (../shared/bench/install-peers.sh)",
  };
}

/** The version in the package.json one folder above a package's script (lib/kernel.js). */
function packageVersionNear(script: string | undefined): string {
  const file = script ? join(dirname(dirname(script)), "package.json") : "";
  return file && existsSync(file) ? ((JSON.parse(readFileSync(file, "utf8")) as { version?: string }).version ?? "") : "";
}

function findBin(name: string): string | undefined {
  const dirs = [join(ROOT, "node_modules", ".bin"), ...(process.env.PATH ?? "").split(delimiter)];
  return dirs
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find(existsSync);
}

/** stdout of a short command, trimmed; undefined when it fails. */
export function run(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: "utf8", timeout: 20000, stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}
