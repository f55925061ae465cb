// --check for one cell: a cell marked {"tsloop": {"mirrors": id}} against its cells.json entry,
// any other executed cell against the outputs stored in the notebook ({"tsloop": {"check": false}} skips).
// A cell whose numbers vary from run to run says so in its metadata, as a cells.json entry does:
// {"tsloop": {"normalize": ["seconds:0.3"], "timing": 1}} compares its stdout with the stored one
// under those lesson rules (and its wall time), and the rest of its outputs exactly.
import { isObject, JsonObject, Output } from "../../src/cli/run/notebook";
import { type CellRun, taggedRaisesException } from "../../src/cli/run/notebook-check";
import { errorOutput, streamText } from "../../src/cli/run/outputs";
import { exactLines, lineDiff } from "./diff";
import { compareLesson, LessonEntry, RuleFailure } from "./lesson-check";

export type CellComparison = { kind: "skipped"; reason: string } | { kind: "checked"; against: string; failures: RuleFailure[] };

function tsloopMetadata(metadata: JsonObject): JsonObject {
  return isObject(metadata.tsloop) ? metadata.tsloop : {};
}

export function mirrorIdOf(metadata: JsonObject): string | undefined {
  const id = tsloopMetadata(metadata).mirrors;
  return typeof id === "string" ? id : undefined;
}

/** True when the cell may end with an error: a mirror of an is_error entry, or tagged raises-exception. */
export function errorExpected(metadata: JsonObject, expectations: Map<string, LessonEntry> | undefined): boolean {
  const id = mirrorIdOf(metadata);
  if (id !== undefined && expectations?.get(id)?.is_error) return true;
  return taggedRaisesException(metadata);
}

export function checkCell(run: CellRun, expectations: Map<string, LessonEntry>): CellComparison {
  const id = mirrorIdOf(run.metadata);
  if (id !== undefined) {
    const entry = expectations.get(id);
    if (!entry) return { kind: "checked", against: `expectation '${id}'`, failures: [{ rule: "mirrors", message: `no entry '${id}' in the expectations` }] };
    const failures = compareLesson(entry, { stdout: streamText(run.outputs, "stdout"), error: errorOutput(run.outputs), wallSeconds: run.wallSeconds });
    return { kind: "checked", against: `expectation '${id}'`, failures };
  }
  if (tsloopMetadata(run.metadata).check === false) return { kind: "skipped", reason: "check disabled in metadata" };
  if (run.stored.executionCount === null && run.stored.outputs.length === 0) return { kind: "skipped", reason: "no stored outputs" };
  const tolerant = storedEntry(run.metadata, run.stored.outputs);
  if (!tolerant) return { kind: "checked", against: "stored outputs", failures: compareStored(run.stored.outputs, run.outputs) };
  const stdout = compareLesson(tolerant, { stdout: streamText(run.outputs, "stdout"), wallSeconds: run.wallSeconds });
  return {
    kind: "checked",
    against: "stored outputs (lesson rules on stdout)",
    failures: [...stdout, ...compareStored(run.stored.outputs, run.outputs, ["stdout"])],
  };
}

/** The stored stdout as a lesson entry, when the cell's metadata gives it rules or a timing. */
export function storedEntry(metadata: JsonObject, stored: Output[]): LessonEntry | undefined {
  const { normalize, timing } = tsloopMetadata(metadata);
  if (normalize === undefined && timing === undefined) return undefined;
  return {
    id: "stored outputs",
    recorded_output: streamText(stored, "stdout"),
    is_error: false,
    error_name: null,
    error_value: null,
    normalize: Array.isArray(normalize) ? normalize.map(String) : [],
    timing: typeof timing === "number" ? timing : null,
  };
}

const WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json";

/**
 * A result as compared: its text/plain, and a line for a widget view with the model id left out
 * (a new one on every run), so a result that stops being a widget, or changes version, differs.
 */
function resultText(data: JsonObject): string {
  const plain = typeof data["text/plain"] === "string" ? data["text/plain"] : "";
  const view = data[WIDGET_VIEW_MIME];
  if (!isObject(view)) return `${plain}\n`;
  return `${plain}\n[widget view ${JSON.stringify(view.version_major)}.${JSON.stringify(view.version_minor)}, model <id>]\n`;
}

/** The parts of a cell's outputs compared exactly with the stored ones. */
export function comparableParts(outputs: Output[]): Record<string, string> {
  const results = outputs
    .filter((o) => o.output_type === "execute_result" || o.output_type === "display_data")
    .map((o) => resultText(isObject(o.data) ? o.data : {}))
    .join("");
  const error = errorOutput(outputs);
  return {
    stdout: streamText(outputs, "stdout"),
    stderr: streamText(outputs, "stderr"),
    results,
    error: error ? `${error.ename}: ${error.evalue}\n` : "",
  };
}

/** The parts (stdout, stderr, results, error) that differ from the stored outputs; `skip` names parts compared elsewhere. */
export function compareStored(stored: Output[], actual: Output[], skip: string[] = []): RuleFailure[] {
  const e = comparableParts(stored);
  const a = comparableParts(actual);
  return Object.keys(e)
    .filter((part) => !skip.includes(part) && e[part] !== a[part])
    .map((part) => ({
      rule: `stored ${part}`,
      message: `the ${part} text differs from the stored output`,
      expected: exactLines(e[part]),
      actual: exactLines(a[part]),
    }));
}

/** The report lines for one failing cell. */
export function formatFailures(where: string, against: string, failures: RuleFailure[]): string[] {
  const lines = [`MISMATCH ${where} against ${against}`];
  for (const f of failures) {
    lines.push(`  ${f.rule}: ${f.message}`);
    if (f.expected && f.actual) {
      lines.push("    --- expected", "    +++ actual");
      for (const l of lineDiff(f.expected, f.actual)) lines.push(`    ${l}`);
    }
  }
  return lines;
}
