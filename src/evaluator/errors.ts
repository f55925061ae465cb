// A thrown value → ename, evalue and a traceback in ipykernel's shape: frames of cells mapped
// to their TypeScript lines ("Cell In[5], line 3" with context), the kernel's own frames cut.
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import { CELL_SCRIPT, cellByScript, CellRecord } from "./cells";
import { sourceArrow } from "./syntax-location";
import type { CellDiagnostic } from "../diagnostic";

export interface ErrorReport {
  ename: string;
  evalue: string;
  traceback: string[];
}

const RED = "\x1b[0;31m";
const GREEN = "\x1b[0;32m";
const CYAN = "\x1b[0;36m";
const BOLD_GREEN = "\x1b[1;32m";
const RESET = "\x1b[0m";
const RULE = "-".repeat(75);

/** How many of a group's errors a traceback shows, and how deep groups in groups go (Python's limits). */
const MAX_GROUP_ERRORS = 15;
const MAX_GROUP_DEPTH = 10;

export function describeThrown(thrown: unknown): { ename: string; evalue: string } {
  if (thrown instanceof Error || isErrorLike(thrown)) {
    const error = thrown as Error & { __str__?: unknown };
    // An error that words itself as Python's str() does (an ExceptionGroup counts its errors).
    const text =
      typeof error.__str__ === "function" ? (pythonStr(error.__str__ as () => unknown, error) ?? String(error.message ?? "")) : String(error.message ?? "");
    return { ename: error.name || error.constructor?.name || "Error", evalue: text };
  }
  return { ename: "Uncaught", evalue: inspect(thrown) };
}

/** What an error's own `__str__()` gives; undefined if it throws (the error is still reported, by its message). */
function pythonStr(str: () => unknown, error: unknown): string | undefined {
  try {
    return String(str.call(error));
  } catch {
    return undefined;
  }
}

export function reportThrown(thrown: unknown): ErrorReport {
  const { ename, evalue } = describeThrown(thrown);
  return { ename, evalue, traceback: [`${RED}${RULE}${RESET}`, ...tracebackOf(thrown, 0)] };
}

/** The traceback of one thrown value; a group's errors (an AggregateError's: an ExceptionGroup,
 * Promise.any's) follow it, numbered and indented, as Python prints an ExceptionGroup. */
function tracebackOf(thrown: unknown, depth: number): string[] {
  const { ename, evalue } = describeThrown(thrown);
  const stack = isErrorLike(thrown) && typeof (thrown as Error).stack === "string" ? (thrown as Error).stack! : "";
  const frames = userFrames(parseFrames(stack)).reverse(); // most recent call last, as Python prints
  const traceback = [`${RED}${ename}${RESET}${" ".repeat(Math.max(1, 42 - ename.length))}Traceback (most recent call last)`];
  for (const frame of frames) traceback.push(...renderFrame(frame));
  traceback.push(...renderArrow(stack));
  traceback.push(`${RED}${ename}${RESET}: ${evalue}`);
  return [...traceback, ...groupedErrors(thrown, depth)];
}

function groupedErrors(thrown: unknown, depth: number): string[] {
  if (!(thrown instanceof AggregateError) || !Array.isArray(thrown.errors) || thrown.errors.length === 0) return [];
  if (depth >= MAX_GROUP_DEPTH) return [`  +-+${"-".repeat(16)} ... ${"-".repeat(16)}`, ...indented(["groups nested deeper are not shown"])];
  const errors = thrown.errors as unknown[];
  const lines: string[] = [];
  errors.slice(0, MAX_GROUP_ERRORS).forEach((error, i) => {
    lines.push(`${i === 0 ? "  +-+" : "    +"}${"-".repeat(16)} ${i + 1} ${"-".repeat(16)}`);
    lines.push(...indented(tracebackOf(error, depth + 1)));
  });
  if (errors.length > MAX_GROUP_ERRORS)
    lines.push(`    +${"-".repeat(16)} ... ${"-".repeat(16)}`, ...indented([`and ${errors.length - MAX_GROUP_ERRORS} more exceptions`]));
  lines.push(`    +${"-".repeat(36)}`);
  return lines;
}

/** Lines of a grouped error's traceback, behind the group's bar (a line may hold several). */
function indented(lines: string[]): string[] {
  return lines.flatMap((line) => line.split("\n")).map((line) => `    | ${line}`);
}

/** A syntax error reported by the transpiler, with the source line and a caret; line and column
 * (1-based) close the message, as the parser numbers no errors. */
export function reportSyntax(executionCount: number, source: string, diagnostic: CellDiagnostic): ErrorReport {
  const evalue = `${diagnostic.message} (${diagnostic.line + 1}:${diagnostic.column + 1})`;
  const traceback = [
    ...pointAt(source, diagnostic, `${CYAN}  Cell ${cellLabel(executionCount)}, line ${diagnostic.line + 1}, col ${diagnostic.column + 1}${RESET}`),
    `${RED}SyntaxError${RESET}: ${evalue}`,
  ];
  return { ename: "SyntaxError", evalue, traceback };
}

/** An error V8 raised before running any of the cell (REPL mode refuses to re-declare a `let` as a
 * `const`, or a `var`/`function` as a `let`): the cell's line with a caret, and what to do. */
export function reportRefused(executionCount: number, source: string, thrown: unknown): ErrorReport {
  const { ename, evalue } = describeThrown(thrown);
  const name = /Identifier '([^']+)' has already been declared/.exec(evalue)?.[1];
  const hint = name
    ? " (an earlier cell declared it with another keyword: a name keeps its let, const, var, function or class across cells; use the same keyword again, or restart the kernel)"
    : "";
  const at = name ? declarationOf(source, name) : undefined;
  const header = `${CYAN}  Cell ${cellLabel(executionCount)}${at ? `, line ${at.line + 1}` : ""}${RESET}`;
  const traceback = [...(at ? pointAt(source, { ...at, code: 0, message: evalue }, header) : [header]), `${RED}${ename}${RESET}: ${evalue}${hint}`];
  return { ename, evalue: evalue + hint, traceback };
}

function declarationOf(source: string, name: string): { line: number; column: number } | undefined {
  const escaped = name.replace(/[$]/g, "\\$");
  const pattern = new RegExp(`\\b(?:let|const|var|function\\*?|class)\\s+(${escaped})\\b`);
  const lines = source.split("\n");
  for (let line = 0; line < lines.length; line++) {
    const match = pattern.exec(lines[line]);
    if (match) return { line, column: match.index + match[0].length - name.length };
  }
  return undefined;
}

/** Type errors from the checker, worded as tsc words them, each with its source line and a caret. */
export function reportTypeErrors(executionCount: number, source: string, diagnostics: CellDiagnostic[]): ErrorReport {
  const ename = "TSError";
  const traceback = diagnostics.flatMap((d) => pointAt(source, d, `${CYAN}${typeErrorHeader(executionCount, d, "error")}${RESET}`));
  traceback.push(`${RED}${ename}${RESET}: ${diagnostics[0].message}`);
  return { ename, evalue: diagnostics[0].message, traceback };
}

/** The same diagnostics as plain text, for a cell that runs anyway (check mode "warn"). */
export function describeTypeWarnings(executionCount: number, source: string, diagnostics: CellDiagnostic[]): string {
  return diagnostics
    .map(
      (d) =>
        pointAt(source, d, typeErrorHeader(executionCount, d, "warning"))
          .join("\n")
          .replace(/\x1b\[[\d;]*m/g, "") + "\n",
    )
    .join("");
}

function typeErrorHeader(executionCount: number, d: CellDiagnostic, severity: string): string {
  return `Cell ${cellLabel(executionCount)}, line ${d.line + 1}, col ${d.column + 1}: ${severity} TS${d.code}: ${d.message}`;
}

/** A header, the diagnostic's source line, and a caret under its column. */
function pointAt(source: string, diagnostic: CellDiagnostic, header: string): string[] {
  const line = source.split("\n")[diagnostic.line] ?? "";
  return [header, `    ${line}`, `    ${" ".repeat(diagnostic.column)}${RED}^${RESET}`];
}

type Frame = { text: string; fn?: string; script?: string; line?: number };

function parseFrames(stack: string): Frame[] {
  return stack
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .map((text) => {
      const match = /at (?:async )?(?:(.*?) \()?(\S+?):(\d+):(\d+)\)?$/.exec(text.trim()); // "async": a frame awaited in
      const script = match && cellByScript(match[2]) ? match[2] : match?.[2].match(CELL_SCRIPT)?.[0];
      return { text: text.trim(), fn: match?.[1], script, line: match ? Number(match[3]) : undefined };
    });
}

/** Keeps frames up to the last cell frame (below it is the kernel that ran the cell), less the
 * kernel's own frames above it (the import loader, the display API). */
function userFrames(frames: Frame[]): Frame[] {
  let last = -1;
  frames.forEach((f, i) => f.script && (last = i));
  return (last < 0 ? frames : frames.slice(0, last + 1)).filter((f) => !isKernelFrame(f));
}

function isKernelFrame(frame: Frame): boolean {
  return /node:internal|node:inspector|node:async_hooks|\(<anonymous>\)|[\\/]dist[\\/](src|kernel)[\\/]/.test(frame.text);
}

function renderFrame(frame: Frame): string[] {
  const cell = frame.script ? cellByScript(frame.script) : undefined;
  if (!cell || frame.line === undefined) return [`${GREEN}${frame.text}${RESET}`];
  const line = cell.lines[frame.line - 1] ?? frame.line - 1;
  const where = frame.fn && frame.fn !== "eval" ? `, in ${CYAN}${frame.fn}${RESET}` : "";
  return [`${GREEN}Cell ${cellLabel(cell.executionCount)}, line ${line + 1}${RESET}${where}`, context(cell, line), ""];
}

/** The file, line and caret Node writes at the head of a module's SyntaxError: where it went wrong,
 * so last, as the most recent call is. */
function renderArrow(stack: string): string[] {
  const arrow = sourceArrow(stack);
  if (!arrow) return [];
  const file = arrow.file.startsWith("file:") ? fileURLToPath(arrow.file) : arrow.file;
  return [`${GREEN}${file}, line ${arrow.line}${RESET}`, `    ${arrow.source}`, `    ${RED}${arrow.caret}${RESET}`, ""];
}

function context(cell: CellRecord, line: number): string {
  const from = Math.max(0, line - 2);
  const to = Math.min(cell.source.length - 1, line + 2);
  const rows: string[] = [];
  for (let i = from; i <= to; i++) {
    const number = String(i + 1).padStart(4);
    rows.push(i === line ? `${BOLD_GREEN}---->${number}${RESET} ${cell.source[i]}` : `${GREEN}     ${number}${RESET} ${cell.source[i]}`);
  }
  return rows.join("\n");
}

function cellLabel(executionCount: number): string {
  return `In[${executionCount}]`;
}

function isErrorLike(value: unknown): boolean {
  return typeof value === "object" && value !== null && "message" in value && "stack" in value;
}
