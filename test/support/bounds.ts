// Helpers for tests with hard time bounds against the real kernel: send a cell without waiting,
// time a round trip, read a process's peak memory.
import { readFileSync } from "node:fs";
import type { Destination, KernelClient } from "../../src/client/kernel-client";
import type { Message } from "../../src/protocol/message";

/** Sends an execute_request (to the main shell, or the subshell `to` names) and returns at once
 * (the caller waits with outcomeOf). */
export function sendExecute(kernel: KernelClient, code: string, extra: Record<string, unknown> = {}, to: Destination = {}): Message {
  return kernel.sendExecute(code, { allow_stdin: false, ...extra }, to);
}

/** Resolves once `condition()` holds, checked every 20 ms; throws after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
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
