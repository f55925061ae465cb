// The main thread stopped at a breakpoint, a step or an exception: its frames as DAP stack
// frames (cell lines through each cell's line table), their scopes, evaluation in a frame.
import { FILE_PREFIX } from "./cell-files";
import type { CellSources } from "./cells";
import { DapError } from "./dap";
import type { MainThreadInspector, RemoteObject } from "./inspector";
import { cellLine } from "./line-table";
import { VariableHandles } from "./variables";

export interface CallFrame {
  callFrameId: string;
  functionName: string;
  location: { scriptId: string; lineNumber: number; columnNumber: number };
  url: string;
  scopeChain: { type: string; object: RemoteObject; name?: string }[];
}

const SCOPE_NAMES: Record<string, string> = {
  local: "Locals",
  closure: "Closure",
  block: "Block",
  catch: "Catch",
  script: "Cells",
  module: "Module",
  with: "With",
  global: "Globals",
};

/** Frames of the kernel itself and of Node, which a user of the cells does not step through. */
export const KERNEL_CODE = [/^node:/, /[\\/]dist[\\/](src|kernel)[\\/]/, /[\\/]node_modules[\\/]/];

export const isCellFile = (url: string) => url.startsWith(FILE_PREFIX);

export class PausedThread {
  readonly handles = new VariableHandles();

  constructor(
    readonly frames: CallFrame[],
    private readonly urlOf: (frame: CallFrame) => string,
    /** What was thrown, when the pause is on an exception. */
    readonly exception?: RemoteObject,
  ) {}

  /** Whether any frame is in a cell (a pause elsewhere, in the kernel's own code, is resumed). */
  get inCell(): boolean {
    return this.frames.some((f) => isCellFile(this.urlOf(f)));
  }

  async stackFrames(cells: CellSources) {
    const frames = [];
    for (const [index, frame] of this.frames.entries()) {
      const url = this.urlOf(frame);
      if (!url || KERNEL_CODE.some((re) => re.test(url))) continue;
      const lines = isCellFile(url) ? await cells.lines(url) : undefined;
      const line = (lines ? cellLine(lines, frame.location.lineNumber) : frame.location.lineNumber) + 1;
      const path = url.replace(/^file:\/\//, "");
      frames.push({ id: index + 1, name: frame.functionName || "<cell>", source: { path, name: path.split(/[\\/]/).pop() }, line, column: 1 });
    }
    return { stackFrames: frames, totalFrames: frames.length };
  }

  scopes(frameId: number) {
    const frame = this.frame(frameId);
    const scopes = frame.scopeChain.map((scope, scopeNumber) => ({
      name: SCOPE_NAMES[scope.type] ?? scope.type,
      variablesReference: this.handles.handle(scope.object, { frameId, scopeNumber, type: scope.type }),
      expensive: scope.type === "global",
    }));
    return { scopes };
  }

  frame(frameId: number): CallFrame {
    const frame = this.frames[frameId - 1];
    if (!frame) throw new DapError(`no frame ${frameId}`);
    return frame;
  }

  async evaluate(inspector: MainThreadInspector, frameId: number, expression: string, returnByValue = false): Promise<RemoteObject> {
    const reply = await inspector.post<{ result: RemoteObject; exceptionDetails?: { exception?: RemoteObject; text: string } }>(
      "Debugger.evaluateOnCallFrame",
      { callFrameId: this.frame(frameId).callFrameId, expression, returnByValue, silent: true },
    );
    if (reply.exceptionDetails) throw new DapError(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
    return reply.result;
  }
}
