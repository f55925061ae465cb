// The lesson notebooks' mirrored cells with their expectations, and a check of one executed
// cell against its cells.json entry (the README's comparison rules, via tools/lessons).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Envelope } from "../../src/protocol/message";
import { compareLesson, LessonEntry, RuleFailure } from "../../tools/lessons/lesson-check";
import { ROOT } from "../support/kernel";

export const NOTEBOOKS = join(ROOT, "notebooks");

export interface MirroredCell {
  notebook: string;
  id: string;
  source: string;
  entry: LessonEntry;
}

export function lessonNotebooks(): string[] {
  return readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb")).sort().map((f) => join(NOTEBOOKS, f));
}

export function mirroredCells(): MirroredCell[] {
  const entries = new Map((JSON.parse(readFileSync(join(NOTEBOOKS, "cells.json"), "utf8")) as LessonEntry[]).map((e) => [e.id, e]));
  return lessonNotebooks().flatMap((notebook) => {
    const cells = (JSON.parse(readFileSync(notebook, "utf8")) as { cells: { cell_type: string; source: string | string[]; metadata?: { tsloop?: { mirrors?: string } } }[] }).cells;
    return cells.flatMap((cell) => {
      const id = cell.metadata?.tsloop?.mirrors;
      if (cell.cell_type !== "code" || !id) return [];
      return [{ notebook, id, source: Array.isArray(cell.source) ? cell.source.join("") : cell.source, entry: entries.get(id)! }];
    });
  });
}

/** Compares what the kernel sent for one execute with the cell's expectation. */
export function checkExecuted(cell: MirroredCell, messages: Envelope[], wallSeconds: number): RuleFailure[] {
  const stdout = messages.filter((m) => m.header.msg_type === "stream" && m.content.name === "stdout").map((m) => String(m.content.text)).join("");
  const error = messages.find((m) => m.header.msg_type === "error");
  return compareLesson(cell.entry, {
    stdout,
    error: error ? { ename: String(error.content.ename), evalue: String(error.content.evalue) } : undefined,
    wallSeconds,
  });
}
