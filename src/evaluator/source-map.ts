// Decodes a source map's mappings into a per-line table: generated line → original line
// (both 0-based). Cells only need lines, so columns are read past, not kept.
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** A line takes the original line of its first segment that moves the original position: a
 * segment repeating the previous position carries no news (esbuild starts a parenthesised
 * statement so, with the end of the line before). */
export function lineTable(mappings: string): number[] {
  const table: number[] = [];
  let originalLine = 0;
  let previous = 0;
  mappings.split(";").forEach((segments, generatedLine) => {
    let first: number | undefined;
    let moved: number | undefined;
    for (const segment of segments.split(",")) {
      if (!segment) continue;
      const fields = decodeVlq(segment);
      if (fields.length < 4) continue;
      originalLine += fields[2];
      first ??= originalLine;
      if (fields[2] !== 0 || fields[3] !== 0) moved ??= originalLine;
    }
    previous = moved ?? first ?? previous;
    table[generatedLine] = previous;
  });
  return table;
}

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char) ?? 0;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}
