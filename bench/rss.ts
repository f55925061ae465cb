// Peak resident memory of a kernel's process tree: samples VmRSS of the process and its children
// from /proc every 20 ms, and reads the kernel's own VmHWM (reset through clear_refs) so a spike
// between two samples is not missed. Linux only; elsewhere every figure is NaN.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

export class RssWatch {
  private peakKb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly pid: number,
    intervalMs = 20,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** Starts a new window: forgets the sampled peak and resets VmHWM of every process in the tree. */
  reset(): void {
    for (const pid of processTree(this.pid)) {
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, "5");
      } catch {
        /* not ours or gone: the sampled peak still counts */
      }
    }
    this.peakKb = 0;
    this.sample();
  }

  /** Peak MB of the tree since reset(): max of the sampled sum of VmRSS and the kernel's VmHWM. */
  peakMb(): number {
    this.sample();
    const hwm = statusKb(this.pid, "VmHWM");
    const peak = Math.max(this.peakKb, Number.isNaN(hwm) ? 0 : hwm);
    return peak > 0 ? peak / 1024 : NaN;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    let sum = 0;
    for (const pid of processTree(this.pid)) {
      const kb = statusKb(pid, "VmRSS");
      if (!Number.isNaN(kb)) sum += kb;
    }
    if (sum > this.peakKb) this.peakKb = sum;
  }
}

/** MB of resident memory of a process and all its descendants now (the sum of their VmRSS): a
 * kernel's worker threads are in its own figure, its child processes (a language server, a
 * transpiler's service) are added. NaN when the process is gone. */
export function treeRssMb(root: number): number {
  const kb = processTree(root)
    .map((pid) => statusKb(pid, "VmRSS"))
    .filter((x) => !Number.isNaN(x));
  return kb.length > 0 ? kb.reduce((a, b) => a + b, 0) / 1024 : NaN;
}

/** The process and all its descendants (through /proc/<pid>/task/<tid>/children). */
export function processTree(root: number): number[] {
  const seen: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    if (seen.includes(pid)) continue;
    seen.push(pid);
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const children = readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
        if (children) queue.push(...children.split(/\s+/).map(Number));
      } catch {
        /* thread gone */
      }
    }
  }
  return seen;
}

/** A "kB" field of /proc/<pid>/status, or NaN when the process or the field is not there. */
export function statusKb(pid: number, field: string): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return match ? Number(match[1]) : NaN;
  } catch {
    return NaN;
  }
}
