// The sizes of a run (full or --quick), what is measured per kernel, and how the measured values
// become table rows with the targets and whether tsloop meets them.
import type { Row, Value } from "./table";

export interface Sizes {
  quick: boolean;
  starts: number;
  bareStarts: number;
  warmup: number;
  roundTrips: number;
  cells: number;
  completions: number;
  lines: number;
  sleeps: number[];
  /** How often tsloop and the floor run the sleeps (median taken). */
  sleepRepeats: number;
  busySeconds: number;
  /** Cells run after a warm-up of `growthWarmup` for the kernel's RSS growth (tsloop only). */
  growthCells: number;
  growthWarmup: number;
}

export const FULL: Sizes = {
  quick: false,
  starts: 5,
  bareStarts: 10,
  warmup: 20,
  roundTrips: 200,
  cells: 50,
  completions: 10,
  lines: 100_000,
  sleeps: [100_000, 1_000_000],
  sleepRepeats: 3,
  busySeconds: 3,
  growthCells: 10_000,
  growthWarmup: 200,
};
export const QUICK: Sizes = {
  quick: true,
  starts: 1,
  bareStarts: 3,
  warmup: 5,
  roundTrips: 20,
  cells: 10,
  completions: 3,
  lines: 2_000,
  sleeps: [1_000],
  sleepRepeats: 1,
  busySeconds: 1,
  growthCells: 300,
  growthWarmup: 50,
};

/** One kernel's values by figure key (see rows() for the keys). */
export type Measured = Record<string, Value | undefined>;

export interface Floor {
  start?: Value;
  sleeps: Record<number, { wall?: Value; peakMb?: Value } | undefined>;
}

const n = (count: number) => count.toLocaleString("en-US");

export function rows(sizes: Sizes, byPeer: Record<string, Measured>, floor: Floor): Row[] {
  const pick = (key: string) => Object.fromEntries(Object.entries(byPeer).map(([peer, m]) => [peer, m[key]]));
  const ts = (key: string) => byPeer.tsloop?.[key]?.n;
  const within = (key: string, limit: number | undefined) => (ts(key) === undefined || limit === undefined ? undefined : ts(key)! <= limit);
  const full = !sizes.quick;
  const startLimit = floor.start?.n !== undefined ? floor.start.n + 0.05 : undefined;
  const startTarget = startLimit !== undefined ? `≤ ${startLimit.toFixed(3)} s (bare + 0.05 s)` : "bare + 0.05 s";
  const out: Row[] = [
    { figure: "start-up: spawn → kernel_info_reply", values: pick("startInfo"), floor: floor.start, target: startTarget, met: within("startInfo", startLimit) },
    {
      figure: "start-up: spawn → first cell's result",
      values: pick("startFirst"),
      floor: floor.start,
      target: startTarget,
      met: within("startFirst", startLimit),
    },
    { figure: `trivial execute round trip, median of ${sizes.roundTrips}`, values: pick("rtMedian"), target: "< 1 ms", met: within("rtMedian", 0.999999) },
    { figure: `trivial execute round trip, p95 of ${sizes.roundTrips}`, values: pick("rtP95") },
    { figure: "20-line typed cell, round trip (new text each run)", values: pick("cell20") },
    { figure: "type-check time added to the 20-line cell (median)", values: pick("typeCheck"), target: "< 50 ms", met: within("typeCheck", 50) },
    { figure: `completion latency after ${sizes.cells} cells`, values: pick("completion") },
    {
      figure: `${n(sizes.lines)} printed lines: time to idle`,
      values: pick("linesTime"),
      target: full ? "< 0.2 s" : "(full run)",
      met: full ? within("linesTime", 0.2) : undefined,
    },
    {
      figure: `${n(sizes.lines)} printed lines: received, in order`,
      values: pick("linesOk"),
      target: "all, in order",
      met: byPeer.tsloop?.linesOk ? byPeer.tsloop.linesOk.text.startsWith("all") : undefined,
    },
  ];
  const largest = Math.max(...sizes.sleeps);
  for (const count of sizes.sleeps) {
    const f = floor.sleeps[count];
    const applies = full && count === largest;
    const limit = (v: Value | undefined) => (applies && v?.n !== undefined ? v.n * 1.1 : undefined);
    const target = (v: Value | undefined, unit: string) =>
      !full ? "(full run)" : !applies ? "—" : v?.n !== undefined ? `≤ ${(v.n * 1.1).toFixed(unit === "s" ? 2 : 0)} ${unit} (bare + 10%)` : "bare + 10%";
    out.push(
      {
        figure: `${n(count)} concurrent 1 s sleeps: wall`,
        values: pick(`sleepWall${count}`),
        floor: f?.wall,
        target: target(f?.wall, "s"),
        met: within(`sleepWall${count}`, limit(f?.wall)),
      },
      {
        figure: `${n(count)} concurrent 1 s sleeps: peak RSS`,
        values: pick(`sleepRss${count}`),
        floor: f?.peakMb,
        target: target(f?.peakMb, "MB"),
        met: within(`sleepRss${count}`, limit(f?.peakMb)),
      },
    );
  }
  out.push(
    { figure: "a timer's late print lands on the cell that started it", values: pick("late"), target: "yes", met: factMet(byPeer.tsloop?.late) },
    {
      figure: `heartbeat answers < 100 ms during a ${sizes.busySeconds} s blocking cell`,
      values: pick("heartbeat"),
      target: "yes",
      met: factMet(byPeer.tsloop?.heartbeat),
    },
    {
      figure: `RSS growth over ${n(sizes.growthCells)} cells after ${n(sizes.growthWarmup)} warm-up cells`,
      values: pick("cellGrowth"),
      target: full ? "< 50 MB" : "(full run)",
      met: full ? within("cellGrowth", 50) : undefined,
    },
  );
  return out;
}

function factMet(v: Value | undefined): boolean | undefined {
  return v === undefined || v.text.startsWith("error") ? undefined : v.text.startsWith("yes");
}
