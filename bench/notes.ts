// What bounds each figure where tsloop misses its target, from profiling the kernel with
// `npm run bench -- --only=tsloop --cpu-prof` and bench/profile.ts (function names as the profile
// shows them). A missed figure without an analysis here says so.
import type { Row } from "./table";

const ANALYSED = "profiled 2026-11-25";

const BOUNDS: { figure: RegExp; note: string; analysed?: string }[] = [
  {
    figure: /kernel_info_reply/,
    note: "before the kernel can answer it loads its module graph (dist/kernel/main.js with globals.js, coroutines/index.js, uuid, kernel-sockets.js, zeromq: ~45 ms) and starts the io thread (a Worker: a second isolate plus io-thread.js and zeromq, ~45 ms), which KernelSockets.open awaits; on 2 cores the type checker's language server (tsc --lsp, started at once so the first cell is checked) and esbuild's service start in the same ~100 ms. Until 2026-12-03 the language server also ran an `npm install types-registry` (automatic type acquisition, now off) in those seconds.",
    analysed: "profiled 2026-11-25, re-read 2026-12-03",
  },
  {
    figure: /first checked cell's result/,
    note: "the cell waits for the first diagnostics of TypeScript 7's language server (tsc --lsp, a child process), which parses and binds lib.esnext, @types/node and the cell globals' declarations; on 2 cores it shares the CPU with the kernel's own start-up and esbuild's service. Until 2026-12-03 (third session) that took ~0.55 s alone: the in-memory tsconfig.json, open as a document but outside every project, sent the server up the folders to the repo's own tsconfig.json (377 files) and into an inferred project (83), and the globals imported @jupyterlab/services' index (~200 declaration files: settings schemas, Yjs, React's types). The config now lists itself and the protocol types come from the package's messages module: ~0.29 s from the checker's start to the first answer, and in a probe of 9 starts spawn → first checked result went from 1.08 s to 0.57 s (median). Starting the checker before the io thread took 0.04 s more off that but put 0.03–0.05 s on kernel_info, so it starts after.",
    analysed: "profiled 2026-12-03, third session",
  },
  {
    figure: /idle after the first checked cell/,
    note: "three processes: the kernel (main and io thread, ~80 MB), TypeScript 7's language server and esbuild's service (~14 MB), read with ps 2 s after the first checked cell. The language server held 165–170 MB in a notebook folder inside this repo (128 MB outside one) until 2026-12-03 (third session), when it stopped building the repo's own project and an inferred one beside the cells' (see the first checked cell): 87 MB there, 65 MB outside, with GOGC=50 (Go's default GOGC=100 holds ~15% more; GOGC=25 saved nothing more, GOMEMLIMIT=48MiB made checks 1.5× slower).",
    analysed: "measured 2026-12-03, third session",
  },
  {
    figure: /round trip, median/,
    note: "per cell, read from /proc per thread over 3,000 trivial cells on a quiet machine: ~0.5 ms of main-thread CPU (node:inspector Session.post for Runtime.evaluate in REPL mode ~0.1 ms, two postMessages to the io thread ~0.05 ms each, the shell reply's zeromq send ~0.07 ms, decode, HMAC, headers), ~0.35 ms on the io thread (encode + HMAC + send of four iopub messages) and ~0.15 ms in libzmq's own thread; the benchmark's client shares the 2 cores with ~0.6 ms of CPU per trip. A primitive result no longer releases an object group, and a cell's result and idle now go to the io thread in one postMessage (three became two); the median moved from 1.10 to 0.82–1.10 ms run to run in that probe, so the figure sits at the target, within its noise.",
    analysed: "profiled 2026-12-03, second session",
  },
  {
    figure: /type-check time added/,
    note: "the 20-line cell declares six names, and a cell that declares names becomes a module of the language server's program: the next check waits while TypeScript 7 rebuilds the program for the new module (30–60 ms on the loaded machine, measured with the Checker alone: a check that changes only the cell's text took 8–25 ms). Every run of the benchmark's cell is new text, so every run pays it; re-running a cell, or a cell that only uses earlier names, pays the fast case. Since the program lost ~200 declaration files it did not need (see the first checked cell) the rebuild is cheaper: the figure went from 48.8 to 16.8 ms on 2026-12-03 (third session).",
    analysed: "measured 2026-12-03, second session",
  },
  {
    figure: /printed lines: time to idle/,
    note: "Node's Console formatting (formatWithOptionsInternal, kWriteToConsole) and the capture (stream-capture.js capture → CellOutput.write) on the main thread; cells get a plain Console over the captured streams (the global one mirrors every call into the inspector while the Runner's session is connected), which took 100,000 lines from 0.4–0.6 s to 0.1–0.2 s.",
  },
  {
    figure: /sleeps: (wall|peak RSS), node v24/,
    note: "on Node 24 AsyncLocalStorage runs on AsyncContextFrame instead of promise hooks: measured 2026-12-02 with the same script, bare Node 24.22 1.92 s / 574 MB and with an AsyncLocalStorage context 1.98 s / 607 MB, so the cell scope itself costs ~3% and ~6%. The rest is the kernel's fixed footprint (its main thread, the io thread's isolate, the kernel's own modules: ~75 MB against bare Node's ~50 MB) and, for the wall time, its GC working over that larger heap on a machine whose 2 cores the language server and the bench's client share. Not re-profiled since 2026-12-02.",
    analysed: "measured 2026-12-02",
  },
  {
    figure: /asyncio\.sleep\(1\) coroutines gathered/,
    note: "each gathered coroutine is four objects (the Task, its coroutine, the sleep's timer future and Node's timer) where the raw-promise cell has about two (a promise and a timer): in bare Node 20 a task costs ~604 bytes of heap against ~424 for a raw promise; Node 24's figures weigh the difference more, since its raw promises are cheaper. Merging the sleep's coroutine, future and timer into the task would close it; not done yet.",
    analysed: "measured 2026-12-03, second session",
  },
  {
    figure: /RSS growth over/,
    note: "the main thread's V8 heap grows ~0.5 KB a cell (the cell's source and line map, kept for tracebacks; history). The Runner must release its inspector object group after each evaluation (not releasing it doubled the main thread's share); the language server's memory is its own process's.",
    analysed: "measured 2026-12-03",
  },
];

export function boundNotes(rows: Row[]): string[] {
  return rows
    .filter((row) => row.met === false)
    .map((row) => {
      const bound = BOUNDS.find((b) => b.figure.test(row.figure));
      return `tsloop misses "${row.figure}": ${bound ? `${bound.note} (${bound.analysed ?? ANALYSED})` : "not analysed yet (profile with --cpu-prof)."}`;
    });
}
