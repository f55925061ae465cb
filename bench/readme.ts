// The README block: the table with the date, machine and versions it was measured with, written
// between `<!-- bench:start -->` and `<!-- bench:end -->` in README.md. Nothing else is touched;
// without both markers the README is left alone and the caller prints the block instead.
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, release, totalmem } from "node:os";

export const START = "<!-- bench:start -->";
export const END = "<!-- bench:end -->";

export function machine(): string {
  const list = cpus();
  const model = list[0]?.model.replace(/\s+/g, " ").trim() ?? "unknown CPU";
  return `${model} × ${list.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()}`;
}

export function block(table: string, versions: Record<string, string>, notes: string[], command: string): string {
  const date = new Date().toISOString().slice(0, 10);
  const versionText = Object.entries(versions)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
  return [
    `Measured ${date} on ${machine()}; ${versionText}. Regenerate with \`${command}\`.`,
    "",
    table,
    ...(notes.length > 0 ? ["", ...notes.map((note) => `- ${note}`)] : []),
  ].join("\n");
}

/** Replaces the marked block; returns false (README unchanged) when a marker is missing. */
export function writeReadme(path: string, content: string): boolean {
  const text = readFileSync(path, "utf8");
  const start = text.indexOf(START);
  const end = text.indexOf(END, start + START.length);
  if (start < 0 || end < 0) return false;
  writeFileSync(path, `${text.slice(0, start + START.length)}\n${content}\n${text.slice(end)}`);
  return true;
}
