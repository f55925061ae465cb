// The Output widget: what a block prints or displays while it is captured goes into the widget's
// `outputs` state (nbformat outputs), which JupyterLab's and the HTML manager's Output views render.
// The capture is an AsyncLocalStorage scope of its own, so the timers and promises the block
// starts print into the widget too, later; comm messages still leave through the cell.
import { CellOutput, type OutputSink } from "../io/cell-output";
import { cellScope, currentScope, type CellScope } from "../io/cell-scope";
import { bundleOf } from "../display/mime-bundle";
import { modelClass } from "./model-class";

/** One nbformat output (stream, display_data, error). */
type NbOutput = Record<string, unknown> & { output_type: string };

export class Output extends modelClass("Output") {
  /** Runs `block` with what it prints and displays (now and later) going into this widget. */
  capture<T>(block: () => T): T {
    const outer = currentScope();
    const scope: CellScope = {
      executionCount: outer?.executionCount ?? 0,
      output: new CellOutput(this.sink(outer)),
      holds: outer?.holds ?? [],
      stdin: outer?.stdin,
    };
    try {
      return cellScope.run(scope, block);
    } finally {
      scope.output.flush();
    }
  }

  /** `capture` for an async block: resolves with its value once it is done. */
  async captureAsync<T>(block: () => Promise<T>): Promise<T> {
    return await this.capture(block);
  }

  /** Clears the widget's outputs; with `wait`, only when the next output arrives. */
  clearOutput(options: { wait?: boolean } = {}): void {
    if (options.wait) waitingClear.add(this);
    else this.outputs = [];
  }

  appendStdout(text: string): void {
    this.appendStream("stdout", text);
  }

  appendStderr(text: string): void {
    this.appendStream("stderr", text);
  }

  /** Shows a value in the widget, as display() shows it in a cell. */
  appendDisplayData(value: unknown): void {
    this.append({ output_type: "display_data", data: bundleOf(value), metadata: {} });
  }

  private appendStream(name: string, text: string): void {
    const outputs = this.current();
    const last = outputs[outputs.length - 1];
    if (last?.output_type === "stream" && last.name === name) this.outputs = [...outputs.slice(0, -1), { ...last, text: `${String(last.text)}${text}` }];
    else this.outputs = [...outputs, { output_type: "stream", name, text }];
  }

  private append(output: NbOutput): void {
    this.outputs = [...this.current(), output];
  }

  /** The outputs new ones follow (none after a waiting clear). */
  private current(): NbOutput[] {
    if (waitingClear.delete(this)) return [];
    return this.outputs as NbOutput[];
  }

  /** Where a capture's outputs go: into this widget; comm messages and display updates to the cell. */
  private sink(outer: CellScope | undefined): OutputSink {
    const cell = () => outer?.output.flushed();
    return {
      stream: (name, text) => this.appendStream(name, text),
      displayData: (data, metadata) => this.append({ output_type: "display_data", data, metadata }),
      updateDisplayData: (data, metadata, displayId) => cell()?.updateDisplayData(data, metadata, displayId),
      clearOutput: (wait) => this.clearOutput({ wait }),
      error: (error) => this.append({ output_type: "error", ...error }),
      commOpen: (content, extras) => cell()?.commOpen(content, extras),
      commMsg: (content, extras) => cell()?.commMsg(content, extras),
      commClose: (content, extras) => cell()?.commClose(content, extras),
    };
  }
}

const waitingClear = new WeakSet<object>();
