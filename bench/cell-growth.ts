// Memory growth over many cells: the kernel's resident memory (VmRSS of its process, its worker
// threads included) after a warm-up, after `cells` more small varied cells run one after another,
// and the growth between the two (the target: under 50 MB for 10,000 cells).
import type { KernelClient } from "../src/client/kernel-client";
import { run } from "./measures";
import { statusKb } from "./rss";

/** The i-th cell: a declaration, an expression, a string, an array method, an object, in turn. */
export const variedCell = (i: number): string =>
  [`let x${i} = ${i};`, `${i} + 1`, `"s" + ${i}`, `[${i}, ${i + 1}].map((n) => n * 2)`, `({ i: ${i}, even: ${i % 2 === 0} })`][i % 5];

const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));

export interface CellGrowth {
  afterWarmupMb: number;
  afterMb: number;
  growthMb: number;
  seconds: number;
  /** RSS after each fifth of the cells: whether memory climbs on or levels off. */
  stepsMb: number[];
}

/** Waits for the type checker (its worker's memory is start-up, not growth), runs `warmup` cells, then `cells` more. */
export async function cellGrowth(client: KernelClient, cells: number, warmup: number, cell = variedCell): Promise<CellGrowth> {
  const pid = client.process!.pid!;
  for (let i = 0; i < warmup; i++) await run(client, cell(i));
  await settle();
  const afterWarmupMb = statusKb(pid, "VmRSS") / 1024;
  const start = performance.now();
  const stepsMb: number[] = [];
  const step = Math.max(1, Math.floor(cells / 5));
  for (let i = warmup; i < warmup + cells; i++) {
    await run(client, cell(i));
    if ((i - warmup + 1) % step === 0) stepsMb.push(statusKb(pid, "VmRSS") / 1024);
  }
  const seconds = (performance.now() - start) / 1000;
  await settle();
  const afterMb = statusKb(pid, "VmRSS") / 1024;
  return { afterWarmupMb, afterMb, growthMb: afterMb - afterWarmupMb, seconds, stepsMb };
}
