// The breakpoints the client set, by cell file: kept as the client gave them (cell lines, for
// debugInfo and for the cell when it runs again), set in V8 on the cell's generated lines.
import type { MainThreadInspector } from "./inspector";
import { generatedLine } from "./line-table";

export interface SourceBreakpoint {
  line: number;
  condition?: string;
}

export interface SetBreakpoint {
  id?: number;
  verified: boolean;
  line: number;
  source: { path: string };
  message?: string;
}

export class BreakpointBook {
  private readonly bySource = new Map<string, SourceBreakpoint[]>();
  private readonly v8Ids = new Map<string, string[]>();
  private nextId = 1;

  constructor(private readonly inspector: MainThreadInspector) {}

  /** Replaces the breakpoints of `path` (lines start at 1); `lines`: the cell's line table. */
  async set(path: string, wanted: SourceBreakpoint[], lines: number[] | undefined): Promise<SetBreakpoint[]> {
    await this.clear(path);
    this.bySource.set(path, wanted);
    const ids: string[] = [];
    const answers: SetBreakpoint[] = [];
    for (const breakpoint of wanted) {
      const generated = lines ? generatedLine(lines, breakpoint.line - 1) : undefined;
      if (generated === undefined) {
        answers.push({ verified: false, line: breakpoint.line, source: { path }, message: "no code on this line of the cell" });
        continue;
      }
      const set = await this.inspector.post<{ breakpointId: string }>("Debugger.setBreakpointByUrl", {
        url: path,
        lineNumber: generated,
        columnNumber: 0,
        ...(breakpoint.condition ? { condition: breakpoint.condition } : {}),
      });
      ids.push(set.breakpointId);
      answers.push({ id: this.nextId++, verified: true, line: breakpoint.line, source: { path } });
    }
    this.v8Ids.set(path, ids);
    return answers;
  }

  /** For debugInfo: every source with its breakpoints. */
  list(): { source: string; breakpoints: SourceBreakpoint[] }[] {
    return [...this.bySource].filter(([, list]) => list.length > 0).map(([source, breakpoints]) => ({ source, breakpoints }));
  }

  /** Forgets every breakpoint (V8's went with the session). */
  reset(): void {
    this.bySource.clear();
    this.v8Ids.clear();
  }

  private async clear(path: string): Promise<void> {
    for (const id of this.v8Ids.get(path) ?? []) await this.inspector.post("Debugger.removeBreakpoint", { breakpointId: id }).catch(() => undefined);
    this.v8Ids.delete(path);
  }
}
