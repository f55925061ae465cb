// Parses `python -m unittest -v` output into one outcome per test method (subtests folded in),
// so the jest wrapper can say exactly which conformance test failed.
export type Outcome = "ok" | "fail" | "error" | "skipped";
/** "unknown": unittest printed the test's name but never its status (e.g. the run was killed). */
export type TestOutcome = Outcome | "unknown";

export interface TestResult {
  name: string;
  outcome: TestOutcome;
  /** The verbose lines unittest printed for this test (its own and its subtests'). */
  lines: string[];
}

export interface UnittestRun {
  tests: Map<string, TestResult>;
  /** Class/module level failures such as `setUpClass (module.Class) ... ERROR`. */
  fixtureErrors: string[];
  /** The final `OK` / `FAILED (...)` line, if unittest got that far. */
  summary?: string;
  ran?: number;
}

// `test_x (mod.Class.test_x) ... ok`, `  test_x (mod.Class.test_x) (code='1') ... FAIL`
const LINE = /^\s*(\w+) \(([\w.]+)\)(.*?) \.\.\. ?(.*)$/;
const FIXTURE = /^\s*(setUpClass|tearDownClass|setUpModule|tearDownModule) \(([\w.]+)\)/;

export function parseUnittest(output: string): UnittestRun {
  const tests = new Map<string, TestResult>();
  const fixtureErrors: string[] = [];
  const lines = output.split(/\r?\n/);
  let pending: TestResult | undefined; // a test whose status went to a later line
  for (const line of lines) {
    if (line.startsWith("======") || line.startsWith("------")) pending = undefined;
    const fixture = FIXTURE.exec(line);
    if (fixture && / \.\.\. (ERROR|FAIL)/.test(line)) {
      fixtureErrors.push(line.trim());
      continue;
    }
    const m = LINE.exec(line);
    if (m && m[1].startsWith("test")) {
      const result = tests.get(m[1]) ?? { name: m[1], outcome: "unknown" as TestOutcome, lines: [] };
      result.lines.push(line.trim());
      tests.set(m[1], result);
      record(result, m[4]);
      pending = m[4].trim() === "" ? result : undefined;
    } else if (pending && statusOf(line) !== undefined) {
      pending.lines.push(line.trim());
      record(pending, line);
      pending = undefined;
    }
  }
  const summary = lines.map((l) => l.trim()).find((l) => /^(OK|FAILED)\b/.test(l));
  const ran = /^Ran (\d+) tests?/m.exec(output);
  return { tests, fixtureErrors, summary, ran: ran ? Number(ran[1]) : undefined };
}

/** The worst status wins: a test with one failing subtest failed, one with a skipped subtest was skipped. */
function record(result: TestResult, status: string): void {
  const outcome = statusOf(status);
  if (outcome === undefined) return;
  const rank: Record<TestOutcome, number> = { unknown: -1, ok: 0, skipped: 1, fail: 2, error: 3 };
  if (rank[outcome] > rank[result.outcome]) result.outcome = outcome;
}

function statusOf(text: string): Outcome | undefined {
  const s = text.trim();
  if (s === "ok" || s === "expected failure") return "ok";
  if (s === "FAIL" || s === "unexpected success") return "fail";
  if (s === "ERROR") return "error";
  if (s.startsWith("skipped")) return "skipped";
  return undefined;
}
