// is_complete by the real parser: code that parses is complete; code whose every error is at the
// end of the input (an open bracket, template literal or comment, a trailing operator), or goes
// there once a next line is added, is incomplete, since more lines can finish it; anything else
// can only fail: invalid.
import { parseCell, SyntaxProblem } from "../syntax/parse";

export type Completeness = { status: "complete" | "invalid" } | { status: "incomplete"; indent: string };

const INDENT = "  ";
/** A next line that finishes what lacks only an expression. */
const PROBE = "\n0";

export function isComplete(code: string): Completeness {
  const { errors } = parseCell(code);
  if (errors.length === 0) return { status: "complete" };
  return endsOpen(code, errors) || probedOpen(code) ? { status: "incomplete", indent: nextIndent(code) } : { status: "invalid" };
}

/** The parser may blame a token before the end that only the end made wrong (`(a, b) =>` with
 * no body yet is read as a parenthesised list): with a next line added, the error is gone or
 * at the new end. An error that no next line can mend stays where it was. */
function probedOpen(code: string): boolean {
  const probed = code + PROBE;
  const { errors } = parseCell(probed);
  return errors.length === 0 || endsOpen(probed, errors);
}

/** Every error is at the end of the input, or follows the start of a template literal or a
 * comment that runs to the end (what the parser says after that is about text inside it). */
function endsOpen(code: string, errors: SyntaxProblem[]): boolean {
  const end = code.trimEnd().length;
  const openFrom = Math.min(...errors.filter((e) => opensToEnd(code, e, end)).map((e) => e.start));
  return errors.every((e) => e.start >= end || e.start >= openFrom);
}

/** An unterminated template literal (from its start or a `}` closing a substitution) or block
 * comment. A plain string may not span lines, so an unterminated one stays invalid, as
 * Python's codeop (ipykernel) says of an unterminated single-line string. */
function opensToEnd(code: string, error: SyntaxProblem, end: number): boolean {
  if (!error.message.startsWith("Unterminated") || error.end < end) return false;
  const opener = code.slice(error.start, error.start + 2);
  return opener.startsWith("`") || opener.startsWith("}") || opener === "/*";
}

/** The last line's indentation, one level deeper when that line opens more brackets than it
 * closes or ends with an arrow (a rough count: it only places the cursor). */
function nextIndent(code: string): string {
  const last = code.trimEnd().split("\n").pop() ?? "";
  const indent = /^[ \t]*/.exec(last)![0];
  const text = last.replace(/\/\/.*$/, "").trimEnd();
  const depth = (text.match(/[{([]/g)?.length ?? 0) - (text.match(/[})\]]/g)?.length ?? 0);
  return depth > 0 || text.endsWith("=>") ? indent + INDENT : indent;
}
