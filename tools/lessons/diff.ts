// A small line diff (longest common subsequence) for mismatch reports: "- " expected lines,
// "+ " actual lines, "  " lines both have. Lines with control characters or trailing blanks are quoted.

const MAX_CELLS = 4_000_000;

export function visible(line: string): string {
  return /[\x00-\x08\x0b-\x1f\x7f]|\s$/.test(line) ? JSON.stringify(line) : line;
}

export function lineDiff(expected: string[], actual: string[]): string[] {
  const n = expected.length;
  const m = actual.length;
  if (n * m > MAX_CELLS) return [...expected.map((l) => `- ${visible(l)}`), ...actual.map((l) => `+ ${visible(l)}`)];
  // lcs[i][j]: length of the LCS of expected[i..] and actual[j..]
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = expected[i] === actual[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] === actual[j]) {
      out.push(`  ${visible(expected[i])}`);
      i++;
      j++;
    } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push(`- ${visible(expected[i++])}`);
    } else {
      out.push(`+ ${visible(actual[j++])}`);
    }
  }
  return out;
}

/** Splits exact text into lines for a diff; a missing final newline shows as its own marker line. */
export function exactLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  else lines.push("\\ no newline at end");
  return lines;
}
