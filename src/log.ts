// Kernel logs go to the stderr the process had at start-up, never through a cell's captured streams.
const rawStderrWrite = process.stderr.write.bind(process.stderr);
const verbose = process.env.TSLOOP_LOG === "debug";

export function log(...parts: unknown[]): void {
  rawStderrWrite(`[tsloop] ${parts.map(String).join(" ")}\n`);
}

export function debug(...parts: unknown[]): void {
  if (verbose) log(...parts);
}

/** Options for a kernel's worker thread: its stdout and stderr are its logs. By default Node pipes
 * them into process.stdout/stderr, which the cells' capture owns (a log line would land on a cell). */
export const WORKER_STDIO = { stdout: true, stderr: true } as const;

/** Passes a worker's stdout and stderr (made with WORKER_STDIO) through to the kernel's own stderr. */
export function forwardWorkerLogs(worker: { stdout: NodeJS.ReadableStream; stderr: NodeJS.ReadableStream }): void {
  for (const stream of [worker.stdout, worker.stderr]) stream.on("data", (chunk: Buffer | string) => rawStderrWrite(chunk));
}
