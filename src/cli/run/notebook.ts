// Notebook files: read and check an nbformat 4 file, and write one the way nbformat does
// (multi-line strings split into lines, keys sorted, 1-space indent, trailing newline).
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** An output in nbformat shape, with multi-line strings joined. */
export interface Output extends JsonObject {
  output_type: string;
}

/** A cell with its source joined into one string; code cells have outputs. */
export interface Cell extends JsonObject {
  cell_type: string;
  metadata: JsonObject;
  source: string;
}

export interface CodeCell extends Cell {
  outputs: Output[];
  execution_count: number | null;
}

export interface Notebook extends JsonObject {
  nbformat: number;
  nbformat_minor: number;
  metadata: JsonObject;
  cells: Cell[];
}

/** A notebook that cannot be run: the message is one line for stderr. */
export class NotebookError extends Error {}

const SPLIT_MIMES = new Set(["application/javascript", "image/svg+xml"]);
const CELL_ID = /^[a-zA-Z0-9-_]{1,64}$/;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON value as String() shows it (a string as it is, "undefined" when absent); an object or a list as its JSON text. */
export function jsonText(value: Json | undefined): string {
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

export function isCodeCell(cell: Cell): cell is CodeCell {
  return cell.cell_type === "code";
}

/** Reads a notebook file; throws NotebookError for a missing file, bad JSON or a format other than 4. */
export function readNotebook(file: string, shown = file): Notebook {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new NotebookError(`${shown}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new NotebookError(`${shown}: not a JSON file (${(err as Error).message})`);
  }
  if (!isObject(raw)) throw new NotebookError(`${shown}: not a notebook (the JSON is not an object)`);
  if (raw.nbformat === undefined) throw new NotebookError(`${shown}: not a notebook (no nbformat version)`);
  if (raw.nbformat !== 4) throw new NotebookError(`${shown}: unsupported nbformat ${JSON.stringify(raw.nbformat)} (tsloop run reads nbformat 4 only)`);
  if (!Array.isArray(raw.cells)) throw new NotebookError(`${shown}: not a notebook ('cells' is not a list)`);
  const cells = raw.cells.map((cell, i) => toCell(cell, `${shown}: cell ${i + 1}`));
  const minor = typeof raw.nbformat_minor === "number" ? raw.nbformat_minor : 0;
  return { ...raw, nbformat: 4, nbformat_minor: minor, metadata: isObject(raw.metadata) ? raw.metadata : {}, cells };
}

function toCell(raw: Json, where: string): Cell {
  if (!isObject(raw) || typeof raw.cell_type !== "string") throw new NotebookError(`${where}: not a cell (no cell_type)`);
  const source = joined(raw.source ?? "");
  if (source === undefined) throw new NotebookError(`${where}: 'source' must be a string or a list of strings`);
  const cell: Cell = { ...raw, cell_type: raw.cell_type, metadata: isObject(raw.metadata) ? raw.metadata : {}, source };
  if (isObject(raw.attachments)) cell.attachments = mapBundles(raw.attachments, joinBundle);
  if (cell.cell_type !== "code") return cell;
  const outputs = Array.isArray(raw.outputs) ? raw.outputs.filter(isObject).map(joinOutput) : [];
  return { ...cell, outputs, execution_count: typeof raw.execution_count === "number" ? raw.execution_count : null };
}

function joined(value: Json): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.join("");
  return undefined;
}

function joinOutput(raw: JsonObject): Output {
  const out = { ...raw, output_type: jsonText(raw.output_type) } as Output;
  if (isObject(out.data)) out.data = joinBundle(out.data);
  if (out.output_type === "stream") out.text = joined(out.text ?? "") ?? "";
  return out;
}

function joinBundle(bundle: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(bundle)) result[key] = Array.isArray(value) && needsSplit(key) ? (joined(value) ?? value) : value;
  return result;
}

function mapBundles(bundles: JsonObject, f: (bundle: JsonObject) => JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(bundles).map(([name, b]) => [name, isObject(b) ? f(b) : b]));
}

function needsSplit(mime: string): boolean {
  return mime.startsWith("text/") || SPLIT_MIMES.has(mime);
}

/** Python's str.splitlines(keepends=True), which nbformat uses to split multi-line strings. */
export function splitLinesKeepEnds(text: string): string[] {
  return text.match(/[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]|$)/g)!.filter((s) => s !== "");
}

function splitBundle(bundle: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(bundle)) result[key] = typeof value === "string" && needsSplit(key) ? splitLinesKeepEnds(value) : value;
  return result;
}

/** Gives every cell a valid, unique id (nbformat 4.5), keeping the ids that are already fine. */
export function ensureCellIds(notebook: Notebook): void {
  const seen = new Set<string>();
  for (const cell of notebook.cells) {
    let id = cell.id;
    if (typeof id !== "string" || !CELL_ID.test(id) || seen.has(id)) {
      do id = randomBytes(4).toString("hex");
      while (seen.has(id));
      cell.id = id;
    }
    seen.add(id);
  }
  if (notebook.nbformat_minor < 5) notebook.nbformat_minor = 5;
}

/** Missing required keys (nbformat 4.5 schema, minimal); an empty list means writable. */
export function notebookProblems(notebook: Notebook): string[] {
  const problems: string[] = [];
  const need = (obj: JsonObject, keys: string[], where: string) => keys.filter((k) => !(k in obj)).forEach((k) => problems.push(`${where}: missing '${k}'`));
  need(notebook, ["nbformat", "nbformat_minor", "metadata", "cells"], "notebook");
  notebook.cells.forEach((cell, i) => {
    const where = `cell ${i + 1}`;
    need(cell, ["id", "cell_type", "metadata", "source"], where);
    if (!isCodeCell(cell)) return;
    need(cell, ["outputs", "execution_count"], where);
    cell.outputs.forEach((out, j) => {
      const keys = {
        stream: ["name", "text"],
        execute_result: ["data", "metadata", "execution_count"],
        display_data: ["data", "metadata"],
        error: ["ename", "evalue", "traceback"],
      }[out.output_type];
      if (!keys) problems.push(`${where} output ${j + 1}: unknown output_type '${out.output_type}'`);
      else need(out, keys, `${where} output ${j + 1}`);
    });
  });
  return problems;
}

/** The file text nbformat would write: split lines, transient keys dropped, sorted keys, indent 1. */
export function serializeNotebook(notebook: Notebook): string {
  const metadata = { ...notebook.metadata };
  for (const key of ["orig_nbformat", "orig_nbformat_minor", "signature"]) delete metadata[key];
  const cells = notebook.cells.map((cell) => {
    const { trusted: _trusted, ...cellMetadata } = cell.metadata;
    const out: JsonObject = { ...cell, metadata: cellMetadata, source: splitLinesKeepEnds(cell.source) };
    if (isObject(cell.attachments)) out.attachments = mapBundles(cell.attachments, splitBundle);
    if (isCodeCell(cell)) out.outputs = cell.outputs.map(splitOutput);
    return out;
  });
  return `${JSON.stringify(sortKeys({ ...notebook, metadata, cells }), null, 1)}\n`;
}

function splitOutput(output: Output): JsonObject {
  const out: JsonObject = { ...output };
  if (isObject(output.data) && (output.output_type === "execute_result" || output.output_type === "display_data")) out.data = splitBundle(output.data);
  if (output.output_type === "stream" && typeof output.text === "string") out.text = splitLinesKeepEnds(output.text);
  return out;
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const sorted: JsonObject = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys(value[key]);
  return sorted;
}

export function writeNotebook(file: string, notebook: Notebook): void {
  const problems = notebookProblems(notebook);
  if (problems.length > 0) throw new NotebookError(`${file}: not writing an invalid notebook: ${problems.join("; ")}`);
  const temp = `${file}.tsloop-tmp`;
  fs.writeFileSync(temp, serializeNotebook(notebook));
  fs.renameSync(temp, file);
}
