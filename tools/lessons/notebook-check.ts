// The lesson check that `tsloop run --check` loads by path (see src/cli/run/notebook-check.ts):
// the expectations of notebooks/cells.json (or --expectations) with the comparison of check.ts.
import type { NotebookCheck, NotebookCheckModule } from "../../src/cli/run/notebook-check";
import { checkCell, errorExpected, formatFailures, mirrorIdOf } from "./check";
import { ExpectationsError, loadExpectations } from "./expectations";
import type { LessonEntry } from "./lesson-check";

export const openNotebookCheck: NotebookCheckModule["openNotebookCheck"] = (expectationsFile) => {
  try {
    return { kind: "ready", check: lessonCheck(loadExpectations(expectationsFile)) };
  } catch (err) {
    if (!(err instanceof ExpectationsError)) throw err;
    return { kind: "problem", message: err.message };
  }
};

export function lessonCheck(expectations: Map<string, LessonEntry>): NotebookCheck {
  return {
    mirrorIdOf,
    errorExpected: (metadata) => errorExpected(metadata, expectations),
    checkCell(cell, where) {
      const comparison = checkCell(cell, expectations);
      if (comparison.kind === "skipped") return comparison;
      const lessonCell = mirrorIdOf(cell.metadata) !== undefined;
      if (comparison.failures.length === 0) return { kind: "match", lessonCell };
      return { kind: "mismatch", lessonCell, report: formatFailures(where, comparison.against, comparison.failures) };
    },
    unmirrored: (mirrored) => [...expectations.keys()].filter((id) => !mirrored.has(id)),
  };
}
