// Offsets in a cell's text (UTF-16, as oxc-parser reports them) as 0-based line and column.
export interface Position {
  line: number;
  column: number;
}

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length - 1, column: before.length - lineStart };
}
