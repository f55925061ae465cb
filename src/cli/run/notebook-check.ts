// What `tsloop run` asks of a notebook check (--check, and which errors a notebook expects), and
// where one comes from: the lesson comparison of a tsloop checkout (tools/lessons, built to
// dist/tools/lessons), loaded by path at run time, so the shipped CLI carries no lesson tooling.
import * as fs from "node:fs";
import * as path from "node:path";
import type { JsonObject, Output } from "./notebook";

/** One executed cell, as a check sees it. */
export interface CellRun {
  metadata: JsonObject;
  /** The outputs and execution count stored in the file before the run. */
  stored: { outputs: Output[]; executionCount: number | null };
  /** The outputs of this run (late output included). */
  outputs: Output[];
  wallSeconds: number;
}

/** The result of checking one cell; a lesson cell is one that mirrors an expectation. */
export type CellCheck =
  | { kind: "skipped"; reason: string }
  | { kind: "match"; lessonCell: boolean }
  /** `report`: the lines to print, starting with `MISMATCH <where> against ...`. */
  | { kind: "mismatch"; lessonCell: boolean; report: string[] };

export interface NotebookCheck {
  /** The expectation id a cell mirrors (metadata {"tsloop": {"mirrors": id}}), if any. */
  mirrorIdOf(metadata: JsonObject): string | undefined;
  /** True when the cell may end with an error (e.g. tagged raises-exception). */
  errorExpected(metadata: JsonObject): boolean;
  /** Checks one executed cell; `where` names it in the report. */
  checkCell(cell: CellRun, where: string): CellCheck;
  /** The expectation ids that none of `mirrored` is, in the expectations' order. */
  unmirrored(mirrored: ReadonlySet<string>): string[];
}

/** What the module at LESSON_CHECK_MODULE exports. */
export interface NotebookCheckModule {
  /** Reads the expectations file; a problem with it is a one-line message. */
  openNotebookCheck(expectationsFile: string): { kind: "ready"; check: NotebookCheck } | { kind: "problem"; message: string };
}

export type CheckOpening = ReturnType<NotebookCheckModule["openNotebookCheck"]> | { kind: "absent"; message: string };

/** The lesson check's entry point, relative to the package root (tools/lessons/notebook-check.ts built). */
export const LESSON_CHECK_MODULE = path.join("dist", "tools", "lessons", "notebook-check.js");

/** Loads the lesson check of the checkout at `root`; "absent" in an installed package (no tools/). */
export function openLessonCheck(root: string, expectationsFile: string): CheckOpening {
  const file = path.join(root, LESSON_CHECK_MODULE);
  if (!fs.existsSync(file)) {
    return { kind: "absent", message: `--check needs the lesson tooling of a tsloop checkout (${file} is missing; npm run build makes it)` };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time, loaded synchronously and only when the checkout has it
  const lessons = require(file) as NotebookCheckModule;
  return lessons.openNotebookCheck(expectationsFile);
}

/** The notebook convention without expectations: a cell tagged raises-exception may end with an error. */
export function taggedRaisesException(metadata: JsonObject): boolean {
  return Array.isArray(metadata.tags) && metadata.tags.includes("raises-exception");
}
