// iopub messages → nbformat outputs, per cell, as nbclient does it: clear_output (also with
// wait), update_display_data by display id across cells; consecutive streams of one name merge.
import type { Envelope } from "../../protocol/message";
import { isObject, Json, JsonObject, jsonText, Output } from "./notebook";

const OUTPUT_TYPES = new Set(["stream", "execute_result", "display_data", "error"]);

/** The nbformat output for an output message, or undefined for any other message. */
export function outputFromMessage(message: Envelope): Output | undefined {
  const type = message.header.msg_type;
  if (!OUTPUT_TYPES.has(type)) return undefined;
  const c = message.content as JsonObject;
  const bundle = (value: Json | undefined): JsonObject => (isObject(value) ? value : {});
  switch (type) {
    case "stream":
      return { output_type: type, name: jsonText(c.name ?? "stdout"), text: jsonText(c.text ?? "") };
    case "execute_result":
      return {
        output_type: type,
        data: bundle(c.data),
        metadata: bundle(c.metadata),
        execution_count: typeof c.execution_count === "number" ? c.execution_count : null,
      };
    case "display_data":
      return { output_type: type, data: bundle(c.data), metadata: bundle(c.metadata) };
    default:
      return {
        output_type: type,
        ename: jsonText(c.ename ?? ""),
        evalue: jsonText(c.evalue ?? ""),
        traceback: Array.isArray(c.traceback) ? c.traceback.map(String) : [],
      };
  }
}

function displayIdOf(message: Envelope): string | undefined {
  const transient = (message.content as JsonObject).transient;
  return isObject(transient) && typeof transient.display_id === "string" ? transient.display_id : undefined;
}

/** The outputs of every cell of one notebook run. */
export class OutputCollector {
  private readonly outputs: Output[][];
  private readonly clearPending: boolean[];
  private readonly displays = new Map<string, Set<Output>>();

  constructor(cellCount: number) {
    this.outputs = Array.from({ length: cellCount }, () => []);
    this.clearPending = new Array<boolean>(cellCount).fill(false);
  }

  outputsOf(cell: number): Output[] {
    return this.outputs[cell];
  }

  /** Applies one iopub message whose parent is the request of `cell`. */
  handle(cell: number, message: Envelope): void {
    const type = message.header.msg_type;
    const displayId = displayIdOf(message);
    if (displayId && (type === "display_data" || type === "execute_result" || type === "update_display_data")) this.updateDisplays(displayId, message);
    if (type === "clear_output") {
      if ((message.content as JsonObject).wait) this.clearPending[cell] = true;
      else this.clear(cell);
      return;
    }
    const output = outputFromMessage(message);
    if (!output) return;
    if (this.clearPending[cell]) {
      this.clear(cell);
      this.clearPending[cell] = false;
    }
    const list = this.outputs[cell];
    const last = list[list.length - 1];
    if (output.output_type === "stream" && last?.output_type === "stream" && last.name === output.name) {
      last.text = `${last.text as string}${output.text as string}`;
      return;
    }
    list.push(output);
    if (displayId) {
      if (!this.displays.has(displayId)) this.displays.set(displayId, new Set());
      this.displays.get(displayId)!.add(output);
    }
  }

  private clear(cell: number): void {
    for (const set of this.displays.values()) for (const out of this.outputs[cell]) set.delete(out);
    this.outputs[cell].length = 0;
  }

  private updateDisplays(displayId: string, message: Envelope): void {
    const c = message.content as JsonObject;
    for (const out of this.displays.get(displayId) ?? []) {
      out.data = isObject(c.data) ? c.data : {};
      out.metadata = isObject(c.metadata) ? c.metadata : {};
    }
  }
}

/** Concatenated text of the stream outputs with this name. */
export function streamText(outputs: Output[], name: string): string {
  return outputs
    .filter((o) => o.output_type === "stream" && o.name === name)
    .map((o) => o.text as string)
    .join("");
}

export function errorOutput(outputs: Output[]): { ename: string; evalue: string } | undefined {
  const errors = outputs.filter((o) => o.output_type === "error");
  const last = errors[errors.length - 1];
  return last ? { ename: jsonText(last.ename), evalue: jsonText(last.evalue) } : undefined;
}
