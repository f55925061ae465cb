// Replacements of spans of a cell's text. Each keeps the line count of the span it replaces
// (missing newlines follow the new text), so every later line stays on its own line and the
// source map of what is built from the edited text still names the cell's lines.
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export function replace(start: number, end: number, text: string): TextEdit {
  return { start, end, text };
}

/** Applies edits that do not overlap (in any order). */
export function applyEdits(code: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    out += code.slice(at, edit.start) + edit.text + "\n".repeat(Math.max(0, newlines(code.slice(edit.start, edit.end)) - newlines(edit.text)));
    at = edit.end;
  }
  return out + code.slice(at);
}

function newlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) count++;
  return count;
}
