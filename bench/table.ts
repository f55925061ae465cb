// The results as a markdown table: one row per figure, a column per kernel and for the bare Node
// floor, the ratios tsloop/floor and tsloop/peer for each peer, the target and whether tsloop meets it.

export interface Value {
  text: string;
  /** The number behind the text, when there is one (ratios use it). */
  n?: number;
}

export interface Row {
  figure: string;
  values: Record<string, Value | undefined>;
  floor?: Value;
  target?: string;
  /** Whether tsloop meets the target (undefined: no target, or not measured). */
  met?: boolean;
}

export const value = {
  seconds: (s: number): Value => ({ text: `${s.toFixed(s < 10 ? 3 : 1)} s`, n: s }),
  ms: (ms: number): Value => ({ text: `${ms.toFixed(ms < 10 ? 2 : ms < 100 ? 1 : 0)} ms`, n: ms }),
  mb: (mb: number): Value => ({ text: `${Math.round(mb)} MB`, n: mb }),
  fact: (yes: boolean, detail?: string): Value => ({ text: `${yes ? "yes" : "no"}${detail ? ` (${detail})` : ""}` }),
  text: (text: string): Value => ({ text }),
};

const cell = (text: string) => text.replace(/\|/g, "\\|");

export function ratio(a: Value | undefined, b: Value | undefined): string {
  if (a?.n === undefined || b?.n === undefined || !Number.isFinite(a.n) || !Number.isFinite(b.n) || b.n === 0) return "—";
  const r = a.n / b.n;
  return `${r.toFixed(r < 0.1 ? 3 : 2)}×`;
}

/** `peers` are the measured kernels, tsloop first; ratios are tsloop/peer for each other one. */
export function renderTable(rows: Row[], peers: string[]): string {
  const others = peers.filter((p) => p !== "tsloop");
  const header = ["figure", ...peers, "bare Node", "tsloop/bare", ...others.map((p) => `tsloop/${p}`), "target", "met?"];
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`];
  for (const row of rows) {
    const cells = [
      row.figure,
      ...peers.map((p) => row.values[p]?.text ?? "—"),
      row.floor?.text ?? "—",
      ratio(row.values.tsloop, row.floor),
      ...others.map((p) => ratio(row.values.tsloop, row.values[p])),
      row.target ?? "—",
      row.met === undefined ? "—" : row.met ? "yes" : "**no**",
    ];
    lines.push(`| ${cells.map(cell).join(" | ")} |`);
  }
  return lines.join("\n");
}
