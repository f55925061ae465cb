// The comparison rules of shared/lessons/README.md ("Normalization rules and the comparison
// procedure"): a mirror cell's stdout (plus its error line) against a cells.json recorded_output.
// Pure functions: no I/O, every failure is reported with the rule that caused it.

/** The fields of a cells.json entry that the comparison uses. */
export interface LessonEntry {
  id: string;
  recorded_output: string;
  is_error: boolean;
  error_name: string | null;
  error_value: string | null;
  normalize: string[];
  timing: number | null;
}

export interface MirrorActual {
  /** The cell's stdout text (stream outputs named stdout, in order). */
  stdout: string;
  /** The cell's error output, if it raised. */
  error?: { ename: string; evalue: string };
  /** Wall time from execute request to reply, in seconds. */
  wallSeconds?: number;
}

export interface RuleFailure {
  rule: string;
  message: string;
  /** Normalized line lists, for a diff (set when the failure concerns lines). */
  expected?: string[];
  actual?: string[];
}

const EPSILON = 1e-9;
export const TIMESTAMP = /(?<![\d.])\d{10}(?:\.\d+)?(?![\d.])/g;
export const DURATION = /(?<![\d.])\d+\.\d+(?=秒)/g;
export const THREAD_ID = /(?<=started )\d+/g;
export const TIMING_TOLERANCE = 0.5;
const TIMESTAMP_GAP_TOLERANCE = 0.1;

/** Step 2: CRLF to LF, split, strip trailing spaces/tabs/CR, drop empty lines. */
export function splitLines(text: string): string[] {
  return text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t\r]+$/, ""))
    .filter((line) => line !== "");
}

/** Step 1: the actual text, with `${ename}: ${evalue}` appended for is_error cells. */
export function actualText(entry: LessonEntry, actual: MirrorActual): string {
  if (!entry.is_error || !actual.error) return actual.stdout;
  const sep = actual.stdout === "" || actual.stdout.endsWith("\n") ? "" : "\n";
  return `${actual.stdout}${sep}${actual.error.ename}: ${actual.error.evalue}`;
}

function numbers(lines: string[], pattern: RegExp): string[] {
  return lines.flatMap((line) => line.match(new RegExp(pattern.source, "g")) ?? []);
}

/** The `timestamps` numeric check: same count, consecutive gaps equal within 0.1 s. */
export function checkTimestamps(expected: string[], actual: string[]): RuleFailure | undefined {
  const e = numbers(expected, TIMESTAMP).map(Number);
  const a = numbers(actual, TIMESTAMP).map(Number);
  if (e.length !== a.length) return { rule: "timestamps", message: `expected ${e.length} timestamps, found ${a.length}` };
  for (let k = 1; k < e.length; k++) {
    const eg = e[k] - e[k - 1];
    const ag = a[k] - a[k - 1];
    if (Math.abs(ag - eg) > TIMESTAMP_GAP_TOLERANCE + EPSILON) {
      return {
        rule: "timestamps",
        message: `gap ${k} (timestamp ${k} to ${k + 1}) is ${ag.toFixed(3)} s, expected ${eg.toFixed(3)} s ± ${TIMESTAMP_GAP_TOLERANCE}`,
      };
    }
  }
  return undefined;
}

/**
 * The numbers the tolerance rules compare: `durations:<T>` (a decimal directly before 秒, the
 * seed's), and for the notebooks' own cells `seconds:<T>` (a decimal before " s") and
 * `megabytes:<T>` (a number before " MB"): the same count on both sides, each |a − e| ≤ T.
 */
export const QUANTITIES = {
  durations: { pattern: DURATION, token: "<DUR>", noun: "durations", unit: "s" },
  seconds: { pattern: /(?<![\d.])\d+\.\d+(?= s\b)/g, token: "<SEC>", noun: "seconds", unit: "s" },
  megabytes: { pattern: /(?<![\d.])\d+(?:\.\d+)?(?= MB\b)/g, token: "<MB>", noun: "megabytes", unit: "MB" },
} as const;

export type QuantityRule = keyof typeof QUANTITIES;

/** A tolerance rule's numeric check: same count, each |a − e| ≤ tolerance. */
export function checkQuantities(kind: QuantityRule, expected: string[], actual: string[], tolerance: number): RuleFailure | undefined {
  const { pattern, noun, unit } = QUANTITIES[kind];
  const rule = `${kind}:${tolerance}`;
  const e = numbers(expected, pattern).map(Number);
  const a = numbers(actual, pattern).map(Number);
  if (e.length !== a.length) return { rule, message: `expected ${e.length} ${noun}, found ${a.length}` };
  for (let i = 0; i < e.length; i++) {
    if (Math.abs(a[i] - e[i]) > tolerance + EPSILON) {
      return { rule, message: `${noun.replace(/s$/, "")} ${i + 1} is ${a[i]} ${unit}, expected ${e[i]} ${unit} ± ${tolerance}` };
    }
  }
  return undefined;
}

/** The `durations:<T>` numeric check: same count, each |a − e| ≤ T. */
export function checkDurations(expected: string[], actual: string[], tolerance: number): RuleFailure | undefined {
  return checkQuantities("durations", expected, actual, tolerance);
}

/** The `thread-ids` numeric check: same count and the same equality pattern. */
export function checkThreadIds(expected: string[], actual: string[]): RuleFailure | undefined {
  const e = numbers(expected, THREAD_ID);
  const a = numbers(actual, THREAD_ID);
  if (e.length !== a.length) return { rule: "thread-ids", message: `expected ${e.length} thread ids, found ${a.length}` };
  for (let i = 0; i < e.length; i++) {
    for (let j = i + 1; j < e.length; j++) {
      if ((e[i] === e[j]) !== (a[i] === a[j])) {
        const relation = e[i] === e[j] ? "equal" : "different";
        return { rule: "thread-ids", message: `thread ids ${i + 1} and ${j + 1} must be ${relation} (found ${a[i]} and ${a[j]})` };
      }
    }
  }
  return undefined;
}

/** The `object-repr` replacement: each outermost `<name ...>` span (nesting counted) becomes `<OBJ>`. */
export function replaceObjectReprs(line: string): string {
  let out = "";
  let i = 0;
  while (i < line.length) {
    if (line[i] === "<" && /[A-Za-z_]/.test(line[i + 1] ?? "")) {
      let depth = 0;
      let end = -1;
      for (let j = i; j < line.length; j++) {
        if (line[j] === "<") depth++;
        else if (line[j] === ">" && --depth === 0) {
          end = j;
          break;
        }
      }
      if (end < 0) return out + line.slice(i);
      out += "<OBJ>";
      i = end + 1;
    } else {
      out += line[i++];
    }
  }
  return out;
}

/** Step 5: the replacements of the listed rules, in the README's order. */
export function applyReplacements(lines: string[], rules: string[]): string[] {
  const has = (name: string) => rules.some((r) => r === name || r.startsWith(`${name}:`));
  return lines.map((line) => {
    if (has("object-repr")) line = replaceObjectReprs(line);
    if (has("thread-ids")) line = line.replace(THREAD_ID, "<TID>");
    if (has("timestamps")) line = line.replace(TIMESTAMP, "<TS>");
    for (const [kind, { pattern, token }] of Object.entries(QUANTITIES)) if (has(kind)) line = line.replace(pattern, token);
    return line;
  });
}

export interface Range {
  start: number;
  end: number;
}

/** Parses the `unordered-lines:<s>-<e>` rules (1-based, inclusive). */
export function unorderedRanges(rules: string[]): Range[] {
  return rules.flatMap((rule) => {
    const m = /^unordered-lines:(\d+)-(\d+)$/.exec(rule);
    return m ? [{ start: Number(m[1]), end: Number(m[2]) }] : [];
  });
}

/** Step 6: lines inside unordered ranges compare as multisets, all others by position. */
export function compareLines(expected: string[], actual: string[], ranges: Range[]): RuleFailure[] {
  const failures: RuleFailure[] = [];
  const inRange = new Set<number>();
  /** For the diff of a positional failure: matching unordered ranges shown in the expected order. */
  const shown = [...actual];
  for (const { start, end } of ranges) {
    const rule = `unordered-lines:${start}-${end}`;
    if (start < 1 || end < start || end > expected.length) {
      failures.push({ rule, message: `range is outside the ${expected.length} expected lines` });
      continue;
    }
    for (let n = start; n <= end; n++) inRange.add(n - 1);
    const e = expected.slice(start - 1, end).sort();
    const a = actual.slice(start - 1, end).sort();
    if (e.some((line, i) => line !== a[i])) {
      failures.push({
        rule,
        message: `lines ${start}-${end} differ (in any order)`,
        expected: expected.slice(start - 1, end),
        actual: actual.slice(start - 1, end),
      });
    } else {
      shown.splice(start - 1, end - start + 1, ...expected.slice(start - 1, end));
    }
  }
  const differing = expected.map((_, i) => i).filter((i) => !inRange.has(i) && expected[i] !== actual[i]);
  if (differing.length > 0) {
    const where = differing.map((i) => i + 1).join(", ");
    failures.push({
      rule: "lines",
      message: `line${differing.length > 1 ? "s" : ""} ${where} differ${differing.length > 1 ? "" : "s"}`,
      expected,
      actual: shown,
    });
  }
  return failures;
}

const KNOWN_RULE = /^(object-repr|thread-ids|timestamps|python-only|(durations|seconds|megabytes):\d+(\.\d+)?|unordered-lines:\d+-\d+)$/;

/** The tolerance rule `rule` names, with its tolerance, if it is one. */
function quantityRule(rule: string): { kind: QuantityRule; tolerance: number } | undefined {
  const m = /^(durations|seconds|megabytes):(\d+(?:\.\d+)?)$/.exec(rule);
  return m ? { kind: m[1] as QuantityRule, tolerance: Number(m[2]) } : undefined;
}

/** The whole procedure (steps 1-8); an empty list means the cell matches. */
export function compareLesson(entry: LessonEntry, actual: MirrorActual): RuleFailure[] {
  const failures: RuleFailure[] = [];
  for (const rule of entry.normalize) {
    if (!KNOWN_RULE.test(rule)) failures.push({ rule, message: "unknown normalization rule" });
  }
  if (entry.is_error && !actual.error) {
    failures.push({ rule: "is_error", message: `expected the cell to end with ${entry.error_name}: ${entry.error_value}, but it raised no error` });
  }
  const expected = splitLines(entry.recorded_output);
  const got = splitLines(actualText(entry, actual));
  if (expected.length !== got.length) {
    failures.push({ rule: "line count", message: `expected ${expected.length} lines, got ${got.length}`, expected, actual: got });
  } else {
    for (const rule of entry.normalize) {
      let failure: RuleFailure | undefined;
      if (rule === "timestamps") failure = checkTimestamps(expected, got);
      else if (rule === "thread-ids") failure = checkThreadIds(expected, got);
      else {
        const quantity = quantityRule(rule);
        if (quantity) failure = checkQuantities(quantity.kind, expected, got, quantity.tolerance);
      }
      if (failure) failures.push({ ...failure, expected, actual: got });
    }
    const e = applyReplacements(expected, entry.normalize);
    const a = applyReplacements(got, entry.normalize);
    failures.push(...compareLines(e, a, unorderedRanges(entry.normalize)));
  }
  if (entry.timing !== null && actual.wallSeconds !== undefined) {
    if (Math.abs(actual.wallSeconds - entry.timing) > TIMING_TOLERANCE + EPSILON) {
      failures.push({ rule: "timing", message: `the cell took ${actual.wallSeconds.toFixed(2)} s, expected ${entry.timing} s ± ${TIMING_TOLERANCE}` });
    }
  }
  return failures;
}
