// Summarises a V8 .cpuprofile (from `npm run bench -- --only=tsloop --cpu-prof`, written to
// bench/results/profiles/): self and total time per function, the heaviest first.
// Usage: ts-node --transpile-only -P tsconfig.json bench/profile.ts FILE.cpuprofile [TOP]
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { ROOT } from "./peers";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export function summarise(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfMs = new Map<string, number>();
  const totalMs = new Map<string, number>();
  const name = (n: ProfileNode) => {
    const { functionName, url, lineNumber } = n.callFrame;
    const where = url ? `${relative(ROOT, url.replace(/^file:\/\//, ""))}:${lineNumber + 1}` : "";
    return `${functionName || "(anonymous)"}${where ? ` ${where}` : ""}`;
  };
  let all = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    all += ms;
    const leaf = byId.get(id)!;
    selfMs.set(name(leaf), (selfMs.get(name(leaf)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const key = name(byId.get(n)!);
      if (!seen.has(key)) totalMs.set(key, (totalMs.get(key) ?? 0) + ms);
      seen.add(key);
    }
  });
  const list = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => `${ms.toFixed(1).padStart(9)} ms ${((100 * ms) / all).toFixed(1).padStart(5)}%  ${k}`);
  return [`${all.toFixed(0)} ms sampled`, "", "self:", ...list(selfMs), "", "total (inclusive):", ...list(totalMs)].join("\n");
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write("usage: bench/profile.ts FILE.cpuprofile [TOP]\n");
    process.exit(2);
  }
  process.stdout.write(`${summarise(JSON.parse(readFileSync(file, "utf8")) as Profile, top ? Number(top) : 25)}\n`);
}
