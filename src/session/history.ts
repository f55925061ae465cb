// This session's inputs (and text outputs) for history_request: tail, range and search.
type Entry = { line: number; input: string; output: string | null };
type Row = [number, number, string | [string, string | null]];

/** A history_request's content (its field types are checked by the request table). */
export interface HistoryQuery {
  output?: boolean;
  hist_access_type?: string;
  session?: number;
  start?: number;
  stop?: number;
  n?: number;
  pattern?: string;
  unique?: boolean;
}

/** Session number used in history rows; ipykernel numbers sessions in its database, we have one. */
export const SESSION_NUMBER = 1;

export class History {
  private readonly entries: Entry[] = [];

  add(line: number, input: string): void {
    this.entries.push({ line, input, output: null });
  }

  setOutput(line: number, output: string): void {
    const entry = this.entries.find((e) => e.line === line);
    if (entry) entry.output = output;
  }

  query(request: HistoryQuery): Row[] {
    const output = Boolean(request.output);
    const rows = this.select(request);
    return rows.map((e) => [SESSION_NUMBER, e.line, output ? [e.input, e.output] : e.input]);
  }

  private select(r: HistoryQuery): Entry[] {
    switch (r.hist_access_type) {
      case "tail":
        return lastN(this.entries, r.n);
      case "range":
        return this.range(r.session ?? 0, r.start, r.stop);
      case "search":
        return this.search(r.pattern ?? "*", r.n, Boolean(r.unique));
      default:
        return [];
    }
  }

  private range(session: number, start: number | undefined, stop: number | undefined): Entry[] {
    // 0 and our own number mean this session; negative numbers are earlier sessions, which we lack.
    if (session !== 0 && session !== SESSION_NUMBER) return [];
    return this.entries.filter((e) => e.line >= (start ?? 0) && (stop == null || e.line < stop));
  }

  private search(pattern: string, n: number | undefined, unique: boolean): Entry[] {
    const regex = globToRegExp(pattern);
    let found = this.entries.filter((e) => regex.test(e.input));
    if (unique) {
      const lastIndex = new Map(found.map((e, i) => [e.input, i]));
      found = found.filter((e, i) => lastIndex.get(e.input) === i);
    }
    return lastN(found, n);
  }
}

function lastN<T>(items: T[], n: number | undefined | null): T[] {
  return n == null || n <= 0 ? items.slice() : items.slice(-n);
}

/** IPython's search uses sqlite GLOB (* and ? wildcards, case-sensitive, whole string). */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|\\]/g, "\\$&")
    .replace(/\*/g, "[\\s\\S]*")
    .replace(/\?/g, "[\\s\\S]");
  return new RegExp(`^${body}$`);
}
