// The sizes of a run (full or --quick), what is measured per kernel, and how the measured values
// become table rows with the issue's targets and whether tsloop meets them.
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

/** One kernel's values by figure key (see rows() for the keys; a runtime's own figures end in `@<major>`). */
export type Measured = Record<string, Value | undefined>;

export interface Floor {
  start?: Value;
  sleeps: Record<number, { wall?: Value; peakMb?: Value } | undefined>;
}

/** A Node the figures were measured on: its label, the suffix of its keys, its floor. */
export interface MeasuredRuntime {
  label: string;
  major: number;
  /** "" for the Node running the benchmark (every kernel's figures), "@24" for another (tsloop's). */
  suffix: string;
  floor: Floor;
}

/** The issue's aims, as limits on tsloop's figures. */
export const AIMS = {
  startOverBare: 0.05,
  firstChecked: 0.35,
  typeCheckMs: 15,
  idleTreeMb: 180,
  sleepsOverBare: 0.1,
  coroutinesOverPromises: 0.2,
  coroutinesVsAsyncio: 10,
};

const n = (count: number) => count.toLocaleString("en-US");

export function rows(sizes: Sizes, byPeer: Record<string, Measured>, runtimes: MeasuredRuntime[]): Row[] {
  const pick = (key: string) => Object.fromEntries(Object.entries(byPeer).map(([peer, m]) => [peer, m[key]]));
  const ts = (key: string) => byPeer.tsloop?.[key]?.n;
  const within = (key: string, limit: number | undefined) => (ts(key) === undefined || limit === undefined ? undefined : ts(key)! <= limit);
  const full = !sizes.quick;
  const out: Row[] = runtimes.flatMap((r) => startRows(r, pick, within));
  out.push(
    { figure: `trivial execute round trip, median of ${sizes.roundTrips}`, values: pick("rtMedian"), target: "< 1 ms", met: within("rtMedian", 0.999999) },
    { figure: `trivial execute round trip, p95 of ${sizes.roundTrips}`, values: pick("rtP95") },
    { figure: "20-line typed cell, round trip (new text each run)", values: pick("cell20") },
    {
      figure: "type-check time added to the 20-line cell (median)",
      values: pick("typeCheck"),
      target: `< ${AIMS.typeCheckMs} ms`,
      met: within("typeCheck", AIMS.typeCheckMs - 1e-9),
    },
    {
      figure: "RSS of the kernel's process tree, idle after the first checked cell",
      values: pick("idleTree"),
      target: `< ${AIMS.idleTreeMb} MB`,
      met: within("idleTree", AIMS.idleTreeMb - 1e-9),
    },
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
  );
  for (const r of runtimes) {
    out.push(...sleepRows(sizes, r, pick, within));
    if (r.suffix === "") out.push(...coroutineSleepRows(sizes, byPeer, r.label)); // the coroutine layer beside raw promises
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

type Pick = (key: string) => Record<string, Value | undefined>;
type Within = (key: string, limit: number | undefined) => boolean | undefined;

function startRows(r: MeasuredRuntime, pick: Pick, within: Within): Row[] {
  const limit = r.floor.start?.n !== undefined ? r.floor.start.n + AIMS.startOverBare : undefined;
  const target = limit !== undefined ? `≤ ${limit.toFixed(3)} s (bare + ${AIMS.startOverBare} s)` : `bare + ${AIMS.startOverBare} s`;
  return [
    {
      figure: `start-up: spawn → kernel_info_reply, ${r.label}`,
      values: pick(`startInfo${r.suffix}`),
      floor: r.floor.start,
      target,
      met: within(`startInfo${r.suffix}`, limit),
    },
    {
      figure: `start-up: spawn → first checked cell's result, ${r.label}`,
      values: pick(`startFirst${r.suffix}`),
      floor: r.floor.start,
      target: `< ${AIMS.firstChecked} s`,
      met: within(`startFirst${r.suffix}`, AIMS.firstChecked - 1e-9),
    },
  ];
}

/** The sleeps rows of one Node; the bare + 10% aim is Node 24's (AsyncContextFrame), on the largest count of a full run. */
function sleepRows(sizes: Sizes, r: MeasuredRuntime, pick: Pick, within: Within): Row[] {
  const largest = Math.max(...sizes.sleeps);
  const counts = r.suffix ? [largest] : sizes.sleeps;
  return counts.flatMap((count) => {
    const f = r.floor.sleeps[count];
    const applies = !sizes.quick && count === largest && r.major >= 24;
    const limit = (v: Value | undefined) => (applies && v?.n !== undefined ? v.n * (1 + AIMS.sleepsOverBare) : undefined);
    const target = (v: Value | undefined, unit: string) =>
      sizes.quick ? "(full run)" : !applies ? "—" : v?.n !== undefined ? `≤ ${(v.n * 1.1).toFixed(unit === "s" ? 2 : 0)} ${unit} (bare + 10%)` : "bare + 10%";
    const row = (what: string, key: string, floor: Value | undefined, unit: string): Row => ({
      figure: `${n(count)} concurrent 1 s sleeps: ${what}, ${r.label}`,
      values: pick(`${key}${count}${r.suffix}`),
      floor,
      target: target(floor, unit),
      met: within(`${key}${count}${r.suffix}`, limit(floor)),
    });
    return [row("wall", "sleepWall", f?.wall, "s"), row("peak RSS", "sleepRss", f?.peakMb, "MB")];
  });
}

/**
 * The coroutine layer's sleeps (tsloop's `coSleep…` keys) beside Python's asyncio doing the same in
 * ipykernel (its `sleep…` keys: its sleeps cell is asyncio's). Aims, on the largest count of a full
 * run: within 20% of tsloop's raw-promise figure, and a tenth of asyncio's wall time.
 */
function coroutineSleepRows(sizes: Sizes, byPeer: Record<string, Measured>, label: string): Row[] {
  const largest = Math.max(...sizes.sleeps);
  return sizes.sleeps.flatMap((count) => {
    const applies = !sizes.quick && count === largest;
    const row = (what: string, key: string, unit: string, vsAsyncio: boolean): Row => {
      const mine = byPeer.tsloop?.[`coSleep${key}${count}`]?.n;
      const promises = byPeer.tsloop?.[`sleep${key}${count}`]?.n;
      const asyncio = vsAsyncio ? byPeer.ipykernel?.[`sleep${key}${count}`]?.n : undefined;
      const limits = [
        promises === undefined ? undefined : promises * (1 + AIMS.coroutinesOverPromises),
        asyncio === undefined ? undefined : asyncio / AIMS.coroutinesVsAsyncio,
      ];
      const known = limits.filter((l): l is number => l !== undefined);
      const shown = (l: number | undefined) => (l === undefined ? "?" : l.toFixed(unit === "s" ? 2 : 0));
      const target = sizes.quick
        ? "(full run)"
        : !applies
          ? "—"
          : `≤ ${shown(limits[0])} ${unit} (raw promises + 20%)${vsAsyncio ? `, ≤ ${shown(limits[1])} ${unit} (asyncio / ${AIMS.coroutinesVsAsyncio})` : ""}`;
      return {
        figure: `${n(count)} asyncio.sleep(1) coroutines gathered: ${what}, ${label} (ipykernel: Python's asyncio)`,
        values: { tsloop: byPeer.tsloop?.[`coSleep${key}${count}`], ipykernel: byPeer.ipykernel?.[`sleep${key}${count}`] },
        target,
        met: applies && mine !== undefined && known.length > 0 ? known.every((limit) => mine <= limit) : undefined,
      };
    };
    return [row("wall", "Wall", "s", true), row("peak RSS", "Rss", "MB", false)];
  });
}

function factMet(v: Value | undefined): boolean | undefined {
  return v === undefined || v.text.startsWith("error") ? undefined : v.text.startsWith("yes");
}
