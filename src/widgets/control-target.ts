// The jupyter.widget.control comm target (control protocol 1.0): a frontend that opens it and
// sends `request_states` gets every open widget's state in one `update_states`, the shape
// ipywidgets 8 sends and JupyterLab's widget manager reads (its buffer paths start with the model id).
import { comms, type Comm } from "../comms";
import { log } from "../log";
import { Widget } from "./widget";
import type { WireState } from "./wire";

export const CONTROL_TARGET = "jupyter.widget.control";

function allStates(): WireState {
  const all: WireState = { state: {}, buffer_paths: [], buffers: [] };
  for (const widget of Widget.all()) {
    const { state, buffer_paths, buffers } = widget.wireState([widget.modelId]);
    const model = { model_name: state._model_name, model_module: state._model_module, model_module_version: state._model_module_version };
    all.state[widget.modelId] = { ...model, state };
    all.buffer_paths.push(...buffer_paths.map((path) => [widget.modelId, "state", ...path.slice(1)]));
    all.buffers.push(...buffers);
  }
  return all;
}

function answer(comm: Comm): void {
  comm.onMessage((message) => {
    const method = message.content.data.method;
    if (method !== "request_states") return log(`${CONTROL_TARGET}: unknown method ${JSON.stringify(method)}`);
    const { state, buffer_paths, buffers } = allStates();
    comm.send({ method: "update_states", states: state, buffer_paths }, {}, buffers);
  });
}

/** Registers the widgets' comm targets (kernel/globals.ts, once). */
export function installWidgetTargets(): void {
  comms.registerTarget(CONTROL_TARGET, answer);
}
