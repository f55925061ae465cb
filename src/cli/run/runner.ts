// The `tsloop run` loop: finds the notebooks, runs each one, checks and writes them, prints the
// per-notebook lines and the summary, and decides the exit code (2 unreadable, 1 failures, else 0).
import * as fs from "node:fs";
import * as path from "node:path";
import { kernelArgv } from "../../client/kernelspec-argv";
import { packageRoot } from "../package-root";
import { ensureCellIds, JsonObject, jsonText, NotebookError, readNotebook, writeNotebook } from "./notebook";
import { CheckOpening, NotebookCheck, openLessonCheck, taggedRaisesException } from "./notebook-check";
import { ExecutedCell, runNotebook } from "./notebook-run";
import type { RunOptions } from "./options";
import { injectParameters } from "./parameters";
import { Renderer, Sink } from "./render";

export interface RunIO {
  stdout: Sink;
  stderr: Sink;
  /** stdout is a terminal: keep ANSI in tracebacks and colour the prompts. */
  tty: boolean;
  cwd: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The notebooks to run: the paths given (directories expand to their *.ipynb), else notebooks/. */
function notebookFiles(options: RunOptions, root: string, io: RunIO): { files: string[]; unreadable: string[] } {
  const listDir = (dir: string) =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(".ipynb"))
      .map((e) => path.join(dir, e.name))
      .sort();
  if (options.paths.length === 0) {
    const dir = path.join(root, "notebooks");
    return { files: fs.existsSync(dir) ? listDir(dir) : [], unreadable: [] };
  }
  const files: string[] = [];
  const unreadable: string[] = [];
  for (const p of options.paths) {
    const abs = path.resolve(io.cwd, p);
    if (fs.existsSync(abs) && fs.statSync(abs).isDirectory()) {
      const found = listDir(abs);
      if (found.length === 0) unreadable.push(`${p}: no *.ipynb files in this directory`);
      files.push(...found);
    } else {
      files.push(abs);
    }
  }
  return { files, unreadable };
}

export async function runAll(options: RunOptions, io: RunIO): Promise<number> {
  const root = packageRoot();
  const problem = (text: string) => io.stderr.write(`tsloop run: ${text}\n`);
  const shown = (file: string) => {
    const rel = path.relative(io.cwd, file);
    return rel.startsWith("..") || path.isAbsolute(rel) ? file : rel;
  };

  const { files, unreadable } = notebookFiles(options, root, io);
  unreadable.forEach(problem);
  if (files.length === 0 && options.paths.length === 0) {
    problem(`no notebooks found in ${path.join(root, "notebooks")}`);
    return 2;
  }

  const opening = openCheck(options, root, io.cwd);
  if (options.check && opening && opening.kind !== "ready") {
    problem(opening.message);
    return 2;
  }
  const lessons = opening?.kind === "ready" ? opening.check : undefined;
  const errorExpected = (cell: ExecutedCell) => (lessons ? lessons.errorExpected(cell.metadata) : taggedRaisesException(cell.metadata));
  /** With --check (then never undefined): without it the expectations only tell which errors are expected. */
  const checking = options.check ? lessons : undefined;

  let argv: string[];
  try {
    argv = kernelArgv(root);
  } catch (err) {
    problem(`cannot read the kernelspec: ${(err as Error).message}`);
    return 1;
  }
  const spec = JSON.parse(fs.readFileSync(path.join(root, "kernel.json"), "utf8")) as JsonObject;
  const kernelspec = { name: "tsloop", display_name: jsonText(spec.display_name ?? "TypeScript (tsloop)"), language: jsonText(spec.language ?? "typescript") };

  const renderer = options.quiet ? undefined : new Renderer(io.stdout, { ansi: io.tty, color: io.tty && !process.env.NO_COLOR });
  const say = (text: string) => (renderer ? renderer.line(text) : io.stdout.write(`${text}\n`));
  const totals = { notebooks: 0, cells: 0, errors: 0, unexpected: 0, mismatches: 0, unreadable: unreadable.length, kernelFailures: 0 };
  const lessonCells: LessonCellCounts = { checked: 0, matching: 0 };
  const mirrored = new Set<string>();

  for (const file of files) {
    const name = shown(file);
    let input;
    try {
      input = readNotebook(file, name);
    } catch (err) {
      if (!(err instanceof NotebookError)) throw err;
      problem(err.message);
      totals.unreadable++;
      continue;
    }
    if (options.parameters.length > 0) {
      const injected = injectParameters(input, options.parameters);
      injected.warnings.forEach((warning) => problem(`${name}: warning: ${warning}`));
      input = injected.notebook;
    }
    for (const cell of input.cells) {
      const id = checking?.mirrorIdOf(cell.metadata);
      if (id !== undefined) mirrored.add(id);
    }
    renderer?.notebookHeader(name);
    const result = await runNotebook(file, input, { name, argv, timeoutMs: options.timeoutSeconds * 1000, kernelspec, renderer, problem });
    totals.notebooks++;
    totals.cells += result.cells.length;
    if (result.kernelFailed) totals.kernelFailures++;

    const errors = result.cells.filter((c) => c.errored);
    const expected = errors.filter(errorExpected).length;
    totals.errors += errors.length;
    totals.unexpected += errors.length - expected;

    renderer?.line();
    const mismatches = checking ? checkCells(checking, name, result.cells, lessonCells, say) : 0;
    totals.mismatches += mismatches;

    const parts = [plural(result.cells.length, "cell"), plural(errors.length, "error") + (expected > 0 ? ` (${expected} expected)` : "")];
    if (checking) parts.push(plural(mismatches, "mismatch").replace(/hs$/, "hes"));
    if (result.kernelFailed) parts.push("kernel failed");
    say(`${name}: ${parts.join(", ")}, ${result.seconds.toFixed(1)} s`);

    if (options.write) {
      if (result.kernelFailed) {
        problem(`${name}: not saved, the kernel failed before the end`);
        continue;
      }
      const dest = options.outputDir ? path.join(path.resolve(io.cwd, options.outputDir), path.basename(file)) : file;
      try {
        ensureCellIds(result.notebook);
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        writeNotebook(dest, result.notebook);
        say(`saved ${shown(dest)}`);
      } catch (err) {
        problem(`${name}: cannot save ${dest}: ${(err as Error).message}`);
        totals.kernelFailures++;
      }
    }
  }

  if (checking && options.paths.length === 0) {
    const missing = checking.unmirrored(mirrored);
    if (missing.length > 0) {
      say(`MISMATCH no notebook mirrors ${plural(missing.length, "expectation")}: ${missing.join(", ")}`);
      totals.mismatches += missing.length;
    }
  }

  const summary = [plural(totals.notebooks, "notebook"), plural(totals.cells, "cell")];
  if (checking) summary.push(plural(totals.mismatches, "mismatch").replace(/hs$/, "hes"));
  if (checking && lessonCells.checked > 0) summary.push(`${lessonCells.matching} of ${plural(lessonCells.checked, "mirrored lesson cell")} matching`);
  summary.push(plural(totals.errors, "error") + (totals.errors > totals.unexpected ? ` (${totals.errors - totals.unexpected} expected)` : ""));
  if (totals.kernelFailures > 0) summary.push(plural(totals.kernelFailures, "kernel failure"));
  if (totals.unreadable > 0) summary.push(`${totals.unreadable} unreadable`);
  say(summary.join(", "));

  if (totals.unreadable > 0) return 2;
  return totals.unexpected > 0 || totals.mismatches > 0 || totals.kernelFailures > 0 ? 1 : 0;
}

/** The check of this run: the lesson check, when --check or an expectations file asks for one. */
function openCheck(options: RunOptions, root: string, cwd: string): CheckOpening | undefined {
  const file = options.expectations ? path.resolve(cwd, options.expectations) : path.join(root, "notebooks", "cells.json");
  return options.check || fs.existsSync(file) ? openLessonCheck(root, file) : undefined;
}

interface LessonCellCounts {
  checked: number;
  matching: number;
}

/** --check of one notebook's executed cells: prints each mismatch, counts the lesson cells; returns the mismatches. */
function checkCells(check: NotebookCheck, name: string, cells: ExecutedCell[], lessonCells: LessonCellCounts, say: (text: string) => void): number {
  let mismatches = 0;
  for (const cell of cells) {
    const result = check.checkCell(cell, `${name} In [${cell.executionCount ?? " "}] (cell ${cell.index + 1})`);
    if (result.kind === "skipped") continue;
    if (result.lessonCell) lessonCells.checked++;
    if (result.kind === "match") {
      if (result.lessonCell) lessonCells.matching++;
      continue;
    }
    mismatches++;
    say(result.report.join("\n"));
  }
  return mismatches;
}
