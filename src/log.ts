// Kernel logs go to the stderr the process had at start-up, never through a cell's captured streams.
const rawStderrWrite = process.stderr.write.bind(process.stderr);
const verbose = process.env.TSLOOP_LOG === "debug";

export function log(...parts: unknown[]): void {
  rawStderrWrite(`[tsloop] ${parts.map(String).join(" ")}\n`);
}

export function debug(...parts: unknown[]): void {
  if (verbose) log(...parts);
}
