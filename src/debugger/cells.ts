// What the adapter knows of the cells: their code and line tables by cell file, from dumpCell or
// asked of the main thread (a cell that ran as that file).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { cellFile } from "./cell-files";
import { DapError } from "./dap";
import type { MainThreadInspector } from "./inspector";

interface KnownCell {
  code: string;
  lines: number[];
}

export class CellSources {
  private readonly known = new Map<string, KnownCell>();

  constructor(private readonly inspector: MainThreadInspector) {}

  /** dumpCell: writes the code to its file and learns its line table; returns the file. */
  async dump(code: string): Promise<string> {
    const file = cellFile(code);
    const lines = await this.inspector.callDebuggee<number[] | string>("lines", [code], true);
    if (typeof lines === "string") throw new DapError(lines);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, code);
    this.known.set(file, { code, lines });
    return file;
  }

  async lines(file: string): Promise<number[] | undefined> {
    return (await this.cell(file))?.lines;
  }

  async code(file: string): Promise<string | undefined> {
    return (await this.cell(file))?.code;
  }

  private async cell(file: string): Promise<KnownCell | undefined> {
    const known = this.known.get(file);
    if (known) return known;
    const record = await this.inspector.callDebuggee<{ source: string; lines: number[] } | undefined>("record", [file]).catch(() => undefined);
    if (!record) return undefined;
    const cell = { code: record.source, lines: record.lines };
    this.known.set(file, cell);
    return cell;
  }
}
