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
    note: "the cell waits for the first diagnostics of TypeScript 7's language server (tsc --lsp, a child process): it parses and binds lib.esnext and @types/node, 122–159 ms after spawn on an idle machine (../shared/design/probes/ts7-lsp.mjs), and on 2 cores it shares the CPU with the kernel's own start-up, esbuild's service and oxc's parser. Not re-profiled since the language server replaced TypeScript 5.9's worker.",
    analysed: "measured 2026-12-03",
  },
  {
    figure: /idle after the first checked cell/,
    note: "three processes: the kernel (main and io thread, ~77 MB), TypeScript 7's language server (100–131 MB: lib.esnext and @types/node parsed, bound and checked, plus the Go heap's headroom) and esbuild's service (~13 MB), read with ps 2 s after the first checked cell.",
    analysed: "measured 2026-12-03",
  },
  {
    figure: /round trip, median/,
    note: "~0.4 ms of main-thread CPU per cell (Runner.evaluate: node:inspector Session.post for Runtime.evaluate in REPL mode plus Runtime.releaseObjectGroup; KernelSockets.publish handing the iopub messages to the io thread in one postMessage; encode and Hmac of the shell reply in SendQueue), ~0.2 ms on the io thread (codec encode + createHmac per iopub message), and the main → io-thread hop. The benchmark's own client shares the 2 cores: ~0.45 ms of CPU per trip (KernelClient decoding and HMAC-verifying five messages). The figure was 0.99 ms on 2026-12-02 on a quiet machine; compare the load averages above.",
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
