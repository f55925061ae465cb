// A cell's line table (generated line → cell line, 0-based, from its transpilation) read both
// ways: a breakpoint's cell line to the first generated line of it, a frame's generated line back.

/** The first generated line that comes from `cellLine` or, if none does, from a later line. */
export function generatedLine(lines: number[], cellLine: number): number | undefined {
  let best: number | undefined;
  for (let generated = 0; generated < lines.length; generated++) {
    const from = lines[generated];
    if (from === cellLine) return generated;
    if (from > cellLine && (best === undefined || from < lines[best])) best = generated;
  }
  return best;
}

export function cellLine(lines: number[], generated: number): number {
  return lines[generated] ?? generated;
}
