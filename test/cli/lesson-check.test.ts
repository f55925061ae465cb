// The lesson comparison rules (shared/lessons/README.md, "Normalization rules and the comparison
// procedure") with the README's own examples, on the real entries of notebooks/cells.json.
import * as path from "node:path";
import type { Json, JsonObject, Output } from "../../src/cli/run/notebook";
import { type CellComparison, checkCell, compareStored } from "../../tools/lessons/check";
import { loadExpectations } from "../../tools/lessons/expectations";
import {
  applyReplacements,
  checkDurations,
  checkQuantities,
  checkThreadIds,
  checkTimestamps,
  compareLesson,
  compareLines,
  LessonEntry,
  replaceObjectReprs,
  splitLines,
} from "../../tools/lessons/lesson-check";

const CELLS = loadExpectations(path.join(__dirname, "..", "..", "notebooks", "cells.json"));
const entry = (id: string): LessonEntry => {
  const e = CELLS.get(id);
  if (!e) throw new Error(`no cells.json entry ${id}`);
  return e;
};
const rules = (failures: { rule: string }[]) => failures.map((f) => f.rule);
const stamps = (start: number, gaps: number[]) => {
  let t = start;
  return [t, ...gaps.map((g) => (t += g))].map((s) => `Hello World ${s.toFixed(3)}`).join("\n") + "\n";
};

describe("notebooks/cells.json", () => {
  it("holds the 20 lesson entries", () => {
    expect(CELLS.size).toBe(20);
    expect(entry("subgenerator-send-stopiteration")).toMatchObject({ is_error: true, error_name: "StopIteration", error_value: "5" });
  });
});

describe("line split (step 2)", () => {
  it("normalizes CRLF, strips trailing blanks and drops empty lines", () => {
    expect(splitLines("a  \r\nb\t\n\n\n  c\r\n")).toEqual(["a", "b", "  c"]);
    expect(splitLines("加 None\n\n\nStopIteration: 5")).toEqual(["加 None", "StopIteration: 5"]);
  });
});

describe("object-repr", () => {
  it("collapses nested reprs into one token per object (the README example)", () => {
    const line = "{<Task finished coro=<taskIO_2() done, defined at <ipython-input-1-…>:8> result='taskIO_2'>, <Task …>}";
    expect(replaceObjectReprs(line)).toBe("{<OBJ>, <OBJ>}");
  });
  it("needs a letter or _ after '<' and leaves an unclosed repr alone", () => {
    expect(replaceObjectReprs("1 < 2 and 3 > 2")).toBe("1 < 2 and 3 > 2");
    expect(replaceObjectReprs("x <_MainThread(MainThread, started 9020)> y")).toBe("x <OBJ> y");
    expect(replaceObjectReprs("a <Foo <Bar> b <Baz>")).toBe("a <Foo <Bar> b <Baz>");
    expect(replaceObjectReprs("<A> and <B x=<C>>")).toBe("<OBJ> and <OBJ>");
  });
  it("still requires the braces, separators and number of objects to match", () => {
    const e = entry("asyncio-wait-print-done-set");
    const expected = splitLines(e.recorded_output);
    const good = "{<Task finished name='Task-2' coro=<taskIO_2()> result='taskIO_2'>, <Task finished name='Task-1' coro=<taskIO_1()> result='taskIO_1'>}";
    expect(applyReplacements([good], e.normalize)).toEqual(applyReplacements([expected[4]], e.normalize));
    expect(applyReplacements(["{<Task finished>}"], e.normalize)).not.toEqual(applyReplacements([expected[4]], e.normalize));
  });
});

describe("timestamps", () => {
  const sync = entry("sync-hello-time-sleep");
  const missingAwait = entry("async-hello-missing-await");

  it("accepts 1 s gaps for the blocking cell and rejects 0 s gaps", () => {
    expect(compareLesson(sync, { stdout: stamps(1700000000.5, [1.01, 0.99, 1.0, 1.05]) })).toEqual([]);
    const failures = compareLesson(sync, { stdout: stamps(1700000000.5, [0, 0, 0, 0]) });
    expect(rules(failures)).toEqual(["timestamps"]);
    expect(failures[0].message).toContain("gap 1");
  });
  it("accepts 0 s gaps for the missing-await cell and rejects 1 s gaps", () => {
    expect(compareLesson(missingAwait, { stdout: stamps(1700000000, [0, 0.001, 0, 0]) })).toEqual([]);
    expect(rules(compareLesson(missingAwait, { stdout: stamps(1700000000, [1, 1, 1, 1]) }))).toEqual(["timestamps"]);
  });
  it("matches integer epoch seconds (Date.now()/1000 output) and checks gaps within 0.1 s", () => {
    expect(checkTimestamps(["t 1554695118", "t 1554695119.0"], ["t 1700000000", "t 1700000001.1"])).toBeUndefined();
    expect(checkTimestamps(["t 1554695118", "t 1554695119"], ["t 1700000000", "t 1700000001.15"])).toMatchObject({ rule: "timestamps" });
  });
  it("requires the same number of timestamps; 9 or 11 digits are not timestamps", () => {
    expect(checkTimestamps(["a 1554695118.1"], ["a 1554695118.1 1554695118.2"])).toMatchObject({ message: "expected 1 timestamps, found 2" });
    expect(checkTimestamps(["n 123456789", "n 12345678901"], [])).toBeUndefined();
  });
  it("never compares absolute values, and replaces them with <TS>", () => {
    expect(applyReplacements(["Hello World 1554695117.795327"], ["timestamps"])).toEqual(["Hello World <TS>"]);
  });
});

describe("durations:T", () => {
  const e = entry("sync-two-io-tasks");
  const out = (total: string, task1 = "耗时2秒") =>
    `开始运行IO任务1...\nIO任务1已完成，${task1}...\n开始运行IO任务2...\nIO任务2已完成，耗时3秒...\n所有IO任务总耗时${total}秒\n`;

  it("accepts a total within 0.25 s whatever the number of decimals", () => {
    expect(compareLesson(e, { stdout: out("5.20000") })).toEqual([]);
    expect(compareLesson(e, { stdout: out("4.8") })).toEqual([]);
  });
  it("rejects a total further than 0.25 s away", () => {
    const failures = compareLesson(e, { stdout: out("5.30000") });
    expect(rules(failures)).toEqual(["durations:0.25"]);
    expect(failures[0].message).toContain("5.3");
  });
  it("keeps integers before 秒 literal: 耗时2秒 must be identical", () => {
    expect(rules(compareLesson(e, { stdout: out("5.00000", "耗时2.0秒") }))).toEqual(["durations:0.25", "lines"]);
    expect(rules(compareLesson(e, { stdout: out("5.00000", "耗时4秒") }))).toEqual(["lines"]);
  });
  it("counts and pairs every decimal before 秒", () => {
    expect(checkDurations(["a 1.5秒 b 2.5秒"], ["a 1.6秒 b 2.4秒"], 0.25)).toBeUndefined();
    expect(checkDurations(["a 1.5秒"], ["a 1.5s"], 0.25)).toMatchObject({ message: "expected 1 durations, found 0" });
  });
});

describe("thread-ids", () => {
  const e = entry("asyncio-two-hellos-same-thread");
  const out = (ids: string[]) => ids.map((id, i) => `Hello ${i < 2 ? "world" : "again"}! <_MainThread(MainThread, started ${id})>`).join("\n") + "\n";

  it("accepts one Linux-sized id printed four times", () => {
    const id = "140234455762752";
    expect(compareLesson(e, { stdout: out([id, id, id, id]), wallSeconds: 1.02 })).toEqual([]);
  });
  it("rejects differing ids: the equality pattern must be kept", () => {
    expect(rules(compareLesson(e, { stdout: out(["1", "1", "2", "1"]), wallSeconds: 1 }))).toEqual(["thread-ids"]);
  });
  it("compares the pattern both ways", () => {
    expect(checkThreadIds(["started 1 started 2"], ["started 7 started 8"])).toBeUndefined();
    expect(checkThreadIds(["started 1 started 2"], ["started 7 started 7"])).toMatchObject({ rule: "thread-ids" });
  });
});

describe("unordered-lines", () => {
  const e = entry("async-await-wait-two-tasks");
  const lines = (order: [number, number], results: [number, number], total = "3.01000") =>
    [
      `开始运行IO任务${order[0]}...`,
      `开始运行IO任务${order[1]}...`,
      "IO任务1已完成，耗时2秒...",
      "IO任务2已完成，耗时3秒...",
      `协程无序返回值：taskIO_${results[0]}`,
      `协程无序返回值：taskIO_${results[1]}`,
      `所有IO任务总耗时${total}秒`,
    ].join("\n");

  it("accepts both ranges in any order", () => {
    expect(compareLesson(e, { stdout: lines([1, 2], [1, 2]), wallSeconds: 3.1 })).toEqual([]);
    expect(compareLesson(e, { stdout: lines([2, 1], [2, 1]), wallSeconds: 3.1 })).toEqual([]);
  });
  it("keeps position checks outside the ranges", () => {
    const swapped = [
      "开始运行IO任务2...",
      "开始运行IO任务1...",
      "IO任务2已完成，耗时3秒...",
      "IO任务1已完成，耗时2秒...",
      "协程无序返回值：taskIO_2",
      "协程无序返回值：taskIO_1",
      "所有IO任务总耗时3.00000秒",
    ];
    const failures = compareLesson(e, { stdout: swapped.join("\n"), wallSeconds: 3 });
    expect(rules(failures)).toEqual(["lines"]);
    expect(failures[0].message).toBe("lines 3, 4 differ");
  });
  it("compares multisets, not sets", () => {
    expect(rules(compareLines(["a", "b", "c"], ["a", "a", "c"], [{ start: 1, end: 2 }]))).toEqual(["unordered-lines:1-2"]);
    expect(compareLines(["a", "b", "c"], ["b", "a", "c"], [{ start: 1, end: 2 }])).toEqual([]);
  });
  it("reports a range outside the expected lines", () => {
    expect(rules(compareLines(["a"], ["a"], [{ start: 1, end: 3 }]))).toEqual(["unordered-lines:1-3"]);
  });
});

describe("is_error", () => {
  const e = entry("subgenerator-send-stopiteration");
  it("appends `${ename}: ${evalue}` from the TS error", () => {
    expect(compareLesson(e, { stdout: "加 2\n加 3\n加 None\n", error: { ename: "StopIteration", evalue: "5" } })).toEqual([]);
  });
  it("fails without an error, or with another value", () => {
    expect(rules(compareLesson(e, { stdout: "加 2\n加 3\n加 None\n" }))).toEqual(["is_error", "line count"]);
    expect(rules(compareLesson(e, { stdout: "加 2\n加 3\n加 None\n", error: { ename: "StopIteration", evalue: "6" } }))).toEqual(["lines"]);
  });
  it("ignores an error of a cell that is not is_error (only stdout is compared)", () => {
    const plain = entry("create-task-run-until-complete");
    expect(compareLesson(plain, { stdout: "Hello, World\n", error: { ename: "Error", evalue: "x" } })).toEqual([]);
  });
});

describe("timing", () => {
  const e = entry("sync-hello-time-sleep");
  const out = stamps(1700000000, [1, 1, 1, 1]);
  it("requires |W − timing| ≤ 0.5 s", () => {
    expect(compareLesson(e, { stdout: out, wallSeconds: 5.45 })).toEqual([]);
    expect(compareLesson(e, { stdout: out, wallSeconds: 4.55 })).toEqual([]);
    expect(rules(compareLesson(e, { stdout: out, wallSeconds: 5.6 }))).toEqual(["timing"]);
    expect(rules(compareLesson(entry("async-hello-missing-await"), { stdout: stamps(1700000000, [0, 0, 0, 0]), wallSeconds: 0.7 }))).toEqual(["timing"]);
  });
});

describe("the whole procedure", () => {
  it("passes a faithful mirror of asyncio-wait-print-done-set and fails a JS repr", () => {
    const e = entry("asyncio-wait-print-done-set");
    const done = "{<Task finished coro=<taskIO_1() done> result='taskIO_1'>, <Task finished coro=<taskIO_2() done> result='taskIO_2'>}";
    const stdout = [
      "开始运行IO任务1...",
      "开始运行IO任务2...",
      "IO任务1已完成，耗时2s",
      "IO任务2已完成，耗时3s",
      done,
      "协程无序返回值：taskIO_1",
      "协程无序返回值：taskIO_2",
      "所有IO任务总耗时3.00213秒",
    ].join("\n");
    expect(compareLesson(e, { stdout, wallSeconds: 3.01 })).toEqual([]);
    const jsRepr = stdout.replace(done, "Set(2) { Task {}, Task {} }");
    expect(rules(compareLesson(e, { stdout: jsRepr, wallSeconds: 3.01 }))).toEqual(["lines"]);
  });
  it("rejects JS spellings (true for True)", () => {
    expect(rules(compareLesson(entry("async-def-is-coroutine"), { stdout: "true\n" }))).toEqual(["lines"]);
    expect(compareLesson(entry("async-def-is-coroutine"), { stdout: "True\n" })).toEqual([]);
  });
  it("reports an unknown rule", () => {
    const bogus: LessonEntry = { id: "x", recorded_output: "a", is_error: false, error_name: null, error_value: null, normalize: ["fuzzy"], timing: null };
    expect(rules(compareLesson(bogus, { stdout: "a" }))).toEqual(["fuzzy"]);
  });
});

describe("stored outputs of a widget", () => {
  const shown = (data: Record<string, Json>) => [{ output_type: "display_data", data, metadata: {} }];
  const view = (modelId: string) => ({ model_id: modelId, version_major: 2, version_minor: 0 });
  const plain = "IntProgress(max=5, value=5)";

  it("match whatever model id each run gives the widget", () => {
    const stored = shown({ "text/plain": plain, "application/vnd.jupyter.widget-view+json": view("5001dfeb753243d7ab4e43a84b746931") });
    const actual = shown({ "text/plain": plain, "application/vnd.jupyter.widget-view+json": view("0c3c0b6a1e8f4a1d9b1e2f3a4b5c6d7e") });
    expect(compareStored(stored, actual)).toEqual([]);
  });

  it("differ when the result is no longer a widget view, or its version changes", () => {
    const stored = shown({ "text/plain": plain, "application/vnd.jupyter.widget-view+json": view("a") });
    expect(rules(compareStored(stored, shown({ "text/plain": plain })))).toEqual(["stored results"]);
    const older = shown({ "text/plain": plain, "application/vnd.jupyter.widget-view+json": { ...view("b"), version_major: 1 } });
    expect(compareStored(stored, older)[0].actual).toEqual([plain, "[widget view 1.0, model <id>]"]);
  });
});

describe("tolerance rules of a notebook's own cells (seconds:T, megabytes:T, in the cell's metadata)", () => {
  const own = (stdout: string): Output[] => [{ output_type: "stream", name: "stdout", text: stdout }];
  const run = (metadata: Json, stored: string, actual: string, wallSeconds = 1) => ({
    metadata: { tsloop: metadata } as JsonObject,
    stored: { outputs: own(stored), executionCount: 1 },
    outputs: own(actual),
    wallSeconds,
  });
  const failed = (comparison: CellComparison) => (comparison.kind === "checked" ? rules(comparison.failures) : ["skipped"]);

  it("let the seconds and megabytes printed vary within the tolerance, the rest exactly", () => {
    const stored = "gather: 5 pages in 1.03 s\nkernel memory: 812 MB\n";
    const metadata = { normalize: ["seconds:0.4", "megabytes:300"], timing: 1 };
    expect(failed(checkCell(run(metadata, stored, "gather: 5 pages in 1.31 s\nkernel memory: 1010 MB\n"), new Map()))).toEqual([]);
    expect(failed(checkCell(run(metadata, stored, "gather: 5 pages in 1.51 s\nkernel memory: 812 MB\n"), new Map()))).toEqual(["seconds:0.4"]);
    expect(failed(checkCell(run(metadata, stored, "gather: 5 pages in 1.03 s\nkernel memory: 1200 MB\n"), new Map()))).toEqual(["megabytes:300"]);
    expect(failed(checkCell(run(metadata, stored, "gather: 6 pages in 1.03 s\nkernel memory: 812 MB\n"), new Map()))).toEqual(["lines"]);
  });

  it("check the cell's wall time against its timing, and compare exactly without rules", () => {
    expect(failed(checkCell(run({ timing: 5 }, "done\n", "done\n", 1.2), new Map()))).toEqual(["timing"]);
    expect(failed(checkCell(run({}, "took 1.03 s\n", "took 1.04 s\n"), new Map()))).toEqual(["stored stdout"]);
    expect(checkQuantities("seconds", ["a 1.0 s", "b 2.5 s"], ["a 1.2 s"], 0.4)).toMatchObject({ message: "expected 2 seconds, found 1" });
  });
});
