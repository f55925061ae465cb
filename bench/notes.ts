// What bounds each figure where tsloop misses its target, from profiling the kernel with
// `npm run bench -- --only=tsloop --cpu-prof` and bench/profile.ts (function names as the profile
// shows them). A missed figure without an analysis here says so.
import type { Row } from "./table";

const ANALYSED = "profiled 2026-11-25";

const BOUNDS: { figure: RegExp; note: string; analysed?: string }[] = [
  {
    figure: /kernel_info_reply/,
    note: "before the kernel can answer it loads its module graph (dist/kernel/main.js with globals.js, coroutines/index.js, uuid, kernel-sockets.js, zeromq: ~45 ms) and starts the io thread (a Worker: a second isolate plus io-thread.js and zeromq, ~45 ms), which KernelSockets.open awaits. (The transpile worker that compiled typescript.js meanwhile is gone since 2026-12-02: the figure did not move, 0.195 s before and 0.196 s after on a loaded machine.)",
  },
  {
    figure: /first checked cell's result/,
    note: "the figure waits for the type checker, since cells that come before it is warm run unchecked: TypeScript 5.9's language service in a worker thread takes 1–3 s of CPU to warm up (it parses and binds lib.esnext and @types/node); a first cell that does not wait for it comes back after ~0.45 s on Node 20 and 24 alike. TypeScript 7's server (`tsc --lsp`, a child process) replaces that worker (issue 10).",
    analysed: "measured 2026-12-02",
  },
  {
    figure: /idle after the first checked cell/,
    note: "the two TypeScript 5.9 worker threads: an idle kernel's RSS is ~120 MB before the checker starts and ~265 MB once it is warm (its language service holds lib.esnext and @types/node parsed and bound); the transpile worker holds the compiler too. Both are being replaced by child processes (issue 10), which this figure counts as well.",
    analysed: "measured 2026-12-02",
  },
  {
    figure: /round trip, median/,
    note: "(before 2026-12-02's changes: a cell of expressions no longer sends the checker a commit, and one postMessage carries a task's iopub messages) ~0.4 ms of main-thread CPU per cell (Runner.evaluate: node:inspector Session.post for Runtime.evaluate in REPL mode plus Runtime.releaseObjectGroup; KernelSockets.publish posting each iopub message (busy, execute_input, execute_result, idle) to the io thread with Worker postMessage; encode and Hmac of the shell reply in SendQueue), ~0.2 ms on the io thread (codec encode + createHmac per iopub message), and the main → io-thread hop. The benchmark's own client shares the 2 cores: ~0.45 ms of CPU per trip (KernelClient decoding and HMAC-verifying five messages); a kernel_info request, which evaluates nothing, takes ~0.5 ms.",
  },
  {
    figure: /printed lines: time to idle/,
    note: "Node's Console formatting (formatWithOptionsInternal, kWriteToConsole) and the capture (stream-capture.js capture → CellOutput.write) on the main thread; the V8 inspector-console mirroring of the global console (~2.5 µs a call while the Runner's inspector session is connected) is gone since 2026-12-02: cells get a plain Console over the captured streams, which took 100,000 lines from 0.4–0.6 s to 0.1–0.2 s.",
  },
  {
    figure: /sleeps: peak RSS, node v24/,
    note: "the kernel's fixed footprint, not the promises: on Node 24 AsyncLocalStorage runs on AsyncContextFrame instead of promise hooks, and 1,000 sleeps already cost ~95 MB more than bare Node (145 against 50 MB: the main thread, the io thread's isolate and the transpile worker holding TypeScript), about what 1,000,000 cost more (~680 against ~600 MB). (On Node 20 the promise hooks add ~190 bytes a promise: ~770 against ~500 MB.)",
    analysed: "measured 2026-12-02",
  },
  {
    figure: /RSS growth over/,
    note: "not the main thread: its V8 heap grows ~0.5 KB a cell (the cell's source and line map, kept for tracebacks; history). The growth is in the two TypeScript 5.9 worker threads, and it levels off: measured 2026-12-02 outside the kernel, 2,000 checks of fresh cell texts took the checker's process from 219 to 540 MB RSS while its V8 heap stayed at 69–71 MB, and 10,000 took it back to 430 MB; transpiling 3,000 fresh cells took a process from 124 to 338 MB (364 MB at 9,200) with a 20 MB heap. That is native memory of V8's background compile and GC threads kept by glibc's allocator (`--single-threaded` keeps both flat; MALLOC_ARENA_MAX=2 halves it); the Runner must release its inspector object group after each evaluation (not releasing it doubled the main thread's share). Moving the checker to TypeScript 7's native server (its own process) is the current-TypeScript issue.",
    analysed: "measured 2026-12-02",
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
