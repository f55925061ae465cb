// Helpers for tests with hard time bounds against the real kernel: send a cell without waiting,
// time a round trip, read a process's peak memory.
import { readFileSync } from "node:fs";
import type { KernelClient } from "../../src/client/kernel-client";
import type { Message } from "../../src/protocol/message";

/** Sends an execute_request and returns at once (the caller waits with outcomeOf). */
export function sendExecute(kernel: KernelClient, code: string, extra: Record<string, unknown> = {}): Message {
  return kernel.send("shell", "execute_request", {
    code,
    silent: false,
    store_history: true,
    user_expressions: {},
    allow_stdin: false,
    stop_on_error: true,
    ...extra,
  });
}

/** Milliseconds `run` takes. */
export async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Peak resident memory (VmHWM) of a live process, in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
