// Loads the lesson expectations (notebooks/cells.json, or the file given with --expectations)
// and checks that every entry has the fields the comparison needs (is_error, normalize and
// timing may be left out: false, [] and null).
import * as fs from "node:fs";
import type { LessonEntry } from "./lesson-check";

export class ExpectationsError extends Error {}

export function loadExpectations(file: string): Map<string, LessonEntry> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    throw new ExpectationsError(`cannot read expectations ${file}: ${reason}`);
  }
  if (!Array.isArray(parsed)) throw new ExpectationsError(`expectations ${file}: expected a JSON array of cell entries`);
  const entries = new Map<string, LessonEntry>();
  parsed.forEach((raw, index) => {
    const problem = entryProblem(raw);
    if (problem) throw new ExpectationsError(`expectations ${file}: entry ${index + 1}: ${problem}`);
    const e = raw as Record<string, unknown>;
    const entry: LessonEntry = {
      id: e.id as string,
      recorded_output: e.recorded_output as string,
      is_error: e.is_error === true,
      error_name: (e.error_name as string | undefined) ?? null,
      error_value: (e.error_value as string | undefined) ?? null,
      normalize: (e.normalize as string[] | undefined) ?? [],
      timing: (e.timing as number | undefined) ?? null,
    };
    if (entries.has(entry.id)) throw new ExpectationsError(`expectations ${file}: duplicate id '${entry.id}'`);
    entries.set(entry.id, entry);
  });
  return entries;
}

function entryProblem(raw: unknown): string | undefined {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return "not an object";
  const e = raw as Record<string, unknown>;
  if (typeof e.id !== "string" || e.id === "") return "'id' must be a non-empty string";
  if (typeof e.recorded_output !== "string") return "'recorded_output' must be a string";
  if (e.is_error !== undefined && typeof e.is_error !== "boolean") return "'is_error' must be a boolean";
  if (e.is_error && (typeof e.error_name !== "string" || typeof e.error_value !== "string"))
    return "'error_name' and 'error_value' must be strings when is_error is true";
  if (e.normalize !== undefined && (!Array.isArray(e.normalize) || e.normalize.some((r) => typeof r !== "string")))
    return "'normalize' must be a list of strings";
  if (e.timing !== undefined && e.timing !== null && typeof e.timing !== "number") return "'timing' must be a number or null";
  return undefined;
}
