// The unittest -v parser used by the conformance wrapper, on real Python 3.11 output.
import { parseUnittest } from "./unittest-output";

const SAMPLE = `test_a (t.A.test_a) ... ok
test_b (t.A.test_b) ... 
  test_b (t.A.test_b) (i=1) ... FAIL
test_c (t.A.test_c) ... skipped 'nope'
test_d (t.A.test_d) ... ERROR
test_e (t.A.test_e) ... 
  test_e (t.A.test_e) (k=1) ... skipped 'sub skip'
test_f (t.A.test_f) ... 
[W 12:00:00] some log line
ok
test_g (t.A.test_g) ... 
setUpClass (t.B) ... ERROR

======================================================================
ERROR: test_d (t.A.test_d)
----------------------------------------------------------------------
RuntimeError: x

----------------------------------------------------------------------
Ran 6 tests in 0.001s

FAILED (failures=1, errors=2, skipped=2)
`;

describe("parseUnittest", () => {
  const run = parseUnittest(SAMPLE);
  const outcome = (name: string) => run.tests.get(name)?.outcome;

  it("reads each test's outcome, folding subtests in", () => {
    expect(outcome("test_a")).toBe("ok");
    expect(outcome("test_b")).toBe("fail");
    expect(outcome("test_c")).toBe("skipped");
    expect(outcome("test_d")).toBe("error");
    expect(outcome("test_e")).toBe("skipped");
    expect(outcome("test_f")).toBe("ok");
    expect(outcome("test_g")).toBe("unknown");
  });

  it("reports fixture errors, the summary and the count", () => {
    expect(run.fixtureErrors).toEqual(["setUpClass (t.B) ... ERROR"]);
    expect(run.summary).toBe("FAILED (failures=1, errors=2, skipped=2)");
    expect(run.ran).toBe(6);
  });
});
