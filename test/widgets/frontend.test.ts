/**
 * @jest-environment ./test/support/jsdom-node-environment.js
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The widget protocol checked against the real front-end code: tsloop's comm_opens become models in
// a widget manager built as JupyterLab's (lab-manager.ts) over @jupyter-widgets/base, controls,
// output and anywidget's front end, reached through @jupyterlab/services and Jupyter Server; their
// views render in jsdom; changes flow both ways.
import { readFileSync } from "node:fs";
import { Kernel, KernelManager, KernelMessage } from "@jupyterlab/services";
import type { DOMWidgetView, WidgetModel } from "@jupyter-widgets/base";
import { disposeManager, JupyterServer, startJupyterServer } from "../support/jupyter-server";
import { runCell, streamText, within, type CellRun } from "../jupyterlab/run-cell";
import { ANYWIDGET_FRONTEND_VERSION, LabWidgetManager } from "./lab-manager";

let server: JupyterServer;
let kernels: KernelManager;
let kernel: Kernel.IKernelConnection;
let manager: LabWidgetManager;

beforeAll(async () => {
  for (const level of ["debug", "warn", "log"] as const) jest.spyOn(console, level).mockImplementation(() => undefined);
  server = await startJupyterServer();
  kernels = new KernelManager({ serverSettings: server.settings });
  await within(kernels.ready, 10_000, "KernelManager.ready");
  kernel = await within(kernels.startNew({ name: "tsloop" }), 20_000, "starting a tsloop kernel");
  await within(kernel.info, 20_000, "kernel_info");
  manager = new LabWidgetManager(kernel);
}, 60_000);

afterAll(async () => {
  await disposeManager(kernels);
  await server?.stop();
}, 30_000);

/** Runs a cell that ends with a widget; returns its model, made by the manager from the comm_opens. */
async function widgetOf(code: string): Promise<{ run: CellRun; model: WidgetModel }> {
  const run = await runCell(kernel, code);
  expect(run.reply.content.status).toBe("ok");
  const result = run.iopub.find((m) => m.header.msg_type === "execute_result") as KernelMessage.IExecuteResultMsg;
  const view = result.content.data["application/vnd.jupyter.widget-view+json"] as { model_id: string; version_major: number };
  expect(view.version_major).toBe(2);
  return { run, model: await within(manager.get_model(view.model_id), 5_000, `model ${view.model_id}`) };
}

/** The little of the DOM these tests read (the lint's types have no DOM library). */
interface Element {
  readonly isConnected: boolean;
  readonly textContent: string | null;
  click(): void;
}
const page = (globalThis as unknown as { document: { body: { appendChild(el: unknown): void } } }).document;

/** Renders the model's view into the page; returns its element. */
async function render(model: WidgetModel): Promise<Element> {
  const view: DOMWidgetView = await manager.create_view<DOMWidgetView>(model);
  const el: unknown = view.el; // an HTMLElement, a type the lint cannot see
  page.body.appendChild(el);
  return el as Element;
}

/** Resolves when the model's `key` changes (the frontend applied a kernel update). */
const changeOf = (model: WidgetModel, key: string) => new Promise<unknown>((resolve) => model.once(`change:${key}`, () => resolve(model.get(key))));

const SCHEMA = JSON.parse(readFileSync(require.resolve("@jupyter-widgets/schema/jupyterwidgetmodels.latest.json"), "utf8")) as Array<{
  model: { name: string };
  attributes: Array<{ name: string }>;
}>;

/** The state keys of a model as ipywidgets' schema lists them. */
const schemaKeys = (modelName: string) => SCHEMA.find((m) => m.model.name === modelName)!.attributes.map((a) => a.name);

const CONTROLS: Array<[string, string, string]> = [
  ["IntSlider", "new widgets.IntSlider({ value: 5, min: 0, max: 10, description: 'n', continuousUpdate: false })", "IntSliderModel"],
  ["FloatSlider", "new widgets.FloatSlider({ value: 0.5, min: 0, max: 1, step: 0.1 })", "FloatSliderModel"],
  ["IntProgress", "new widgets.IntProgress({ value: 3, max: 10, barStyle: 'success' })", "IntProgressModel"],
  ["FloatProgress", "new widgets.FloatProgress({ value: 0.25, max: 1 })", "FloatProgressModel"],
  ["Button", "new widgets.Button({ description: 'Go', buttonStyle: 'primary', icon: 'check' })", "ButtonModel"],
  ["Text", "new widgets.Text({ value: 'hi', placeholder: 'type' })", "TextModel"],
  ["Textarea", "new widgets.Textarea({ value: 'a\\nb', rows: 3 })", "TextareaModel"],
  ["Checkbox", "new widgets.Checkbox({ value: true, description: 'on' })", "CheckboxModel"],
  ["ToggleButton", "new widgets.ToggleButton({ value: false, description: 't' })", "ToggleButtonModel"],
  ["Dropdown", "new widgets.Dropdown({ options: ['a', 'b', 'c'], value: 'b' })", "DropdownModel"],
  ["RadioButtons", "new widgets.RadioButtons({ options: [['one', 1], ['two', 2]], value: 2 })", "RadioButtonsModel"],
  ["Label", "new widgets.Label({ value: 'a label' })", "LabelModel"],
  ["HTML", "new widgets.HTML({ value: '<b>bold</b>' })", "HTMLModel"],
  ["Image", "new widgets.Image({ value: new Uint8Array([137, 80, 78, 71]), format: 'png', width: '10' })", "ImageModel"],
  ["Output", "new widgets.Output()", "OutputModel"],
  ["HBox", "new widgets.HBox({ children: [new widgets.Label({ value: 'x' }), new widgets.Button()] })", "HBoxModel"],
  ["VBox", "new widgets.VBox({ children: [new widgets.IntSlider()], layout: { width: '50%' } })", "VBoxModel"],
  ["Play", "new widgets.Play({ value: 1, min: 0, max: 5, interval: 200 })", "PlayModel"],
];

describe.each(CONTROLS)("%s", (_name, code, modelName) => {
  it("becomes its ipywidgets model in JupyterLab's manager, with every state key, and its view renders", async () => {
    const { run, model } = await widgetOf(code);
    expect(model.get("_model_name")).toBe(modelName);
    expect(model.constructor.name).toBe(modelName);
    // The kernel sent the keys ipywidgets 8 sends: its schema of the model (the front end's defaults
    // are no complete list: they lack layout, style and keys added later, such as a slider's behavior).
    const open = run.iopub.find((m) => m.header.msg_type === "comm_open" && (m.content as { comm_id: string }).comm_id === model.model_id)!;
    const sent = Object.keys((open.content as { data: { state: object } }).data.state).sort();
    expect(sent).toEqual([...schemaKeys(modelName), "_view_count"].sort());
    const view = await render(model);
    expect(view.isConnected).toBe(true);
  }, 20_000);
});

describe("state both ways", () => {
  it("shows kernel values in the view, takes the frontend's changes, and the kernel's later ones", async () => {
    const { model } = await widgetOf(
      "const s = new widgets.IntSlider({ value: 5, max: 10, description: 'n' }); s.observe('value', (c) => console.log(`value ${c.old} -> ${c.new}`)); s",
    );
    const view = await render(model);
    expect(view.textContent).toContain("5");
    expect(model.get("layout")).toBeDefined();
    expect((model.get("layout") as WidgetModel).get("_model_name")).toBe("LayoutModel");

    model.set("value", 7);
    model.save_changes();
    const seen = await within(
      new Promise<string>((resolve) => kernel.iopubMessage.connect((_, m) => m.header.msg_type === "stream" && resolve((m.content as { text: string }).text))),
      5_000,
      "the observer's print",
    );
    expect(seen).toBe("value 5 -> 7\n");
    const back = await runCell(kernel, "s.value");
    expect(back.iopub.find((m) => m.header.msg_type === "execute_result")?.content).toMatchObject({ data: { "text/plain": "7" } });

    const changed = changeOf(model, "value");
    await runCell(kernel, "s.value = 9");
    expect(await within(changed, 5_000, "the update")).toBe(9);
  }, 30_000);

  it("runs a button's click handler when its view is clicked", async () => {
    const { model } = await widgetOf("const b = new widgets.Button({ description: 'Go' }); b.onClick(() => console.log('clicked')); b");
    const view = await render(model);
    const printed = new Promise<string>((resolve) =>
      kernel.iopubMessage.connect((_, m) => m.header.msg_type === "stream" && resolve((m.content as { text: string }).text)),
    );
    view.click();
    expect(await within(printed, 5_000, "the click's print")).toBe("clicked\n");
  }, 20_000);

  it("fills an Output's outputs with what a captured block prints and displays", async () => {
    const { model } = await widgetOf("const out = new widgets.Output(); out.capture(() => { console.log('inside'); display.html('<i>x</i>'); }); out");
    const outputs = model.get("outputs") as Array<Record<string, unknown>>;
    expect(outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "inside\n" },
      { output_type: "display_data", data: { "text/plain": "<text/html>", "text/html": "<i>x</i>" }, metadata: {} },
    ]);
  }, 20_000);

  it("renders an anywidget's own module with anywidget's front end, and syncs its state", async () => {
    const { model } = await widgetOf(`
      const counter = new widgets.AnyWidget({
        esm: "export default { render({ model, el }) { const show = () => { el.textContent = 'count ' + model.get('count'); }; show(); model.on('change:count', show); } }",
        css: ".x { color: red }",
        count: 1,
      });
      counter`);
    expect(model.get("_model_module_version")).not.toBe(ANYWIDGET_FRONTEND_VERSION); // a range that accepts it
    const view = await render(model);
    await within(new Promise<void>((resolve) => (view.textContent ? resolve() : setTimeout(resolve, 100))), 5_000, "render");
    expect(view.textContent).toBe("count 1");
    const changed = changeOf(model, "count");
    await runCell(kernel, "counter.set('count', 2)");
    await within(changed, 5_000, "the update");
    expect(view.textContent).toBe("count 2");
  }, 20_000);
});

describe("the manager's checks can fail", () => {
  it("makes an error widget of a model whose module version no registered module satisfies", async () => {
    jest.spyOn(console, "error").mockImplementation(() => undefined); // the manager logs the failure
    const run = await runCell(
      kernel,
      `comms.open("jupyter.widget", { state: { _model_name: "IntSliderModel", _model_module: "@jupyter-widgets/controls", _model_module_version: "3.0.0" }, buffer_paths: [] }, { version: "2.1.0" }).id`,
    );
    const result = run.iopub.find((m) => m.header.msg_type === "execute_result") as KernelMessage.IExecuteResultMsg;
    const model = await within(manager.get_model(JSON.parse((result.content.data["text/plain"] as string).replace(/'/g, '"')) as string), 5_000, "the model");
    expect(model.constructor.name).toBe("ErrorWidget");
    expect(String(model.get("error"))).toContain("version 3.0.0 is not registered");
  }, 20_000);
});

describe("reopening a notebook", () => {
  it("loads every widget through the jupyter.widget.control comm, with its state and buffers", async () => {
    await runCell(kernel, "const again = new widgets.Image({ value: new Uint8Array([1, 2, 3]) }); again.modelId");
    const reopened = kernels.connectTo({ model: kernel.model, handleComms: true }); // a second frontend's connection
    const fresh = new LabWidgetManager(reopened);
    // The one-comm-at-a-time fallback (for kernels without the control target) must not be needed.
    const fallback = jest.spyOn(fresh as unknown as { _loadFromKernelModels(): Promise<void> }, "_loadFromKernelModels");
    await within(fresh.loadFromKernel(), 10_000, "loading from the kernel");
    expect(fallback).not.toHaveBeenCalled();
    const ids = await widgetIds();
    expect(ids.length).toBeGreaterThan(20);
    const models = await Promise.all(ids.map((id) => fresh.get_model(id)));
    expect(models.map((m) => m.constructor.name)).not.toContain("ErrorWidget");
    const image = models.find((m) => m.get("_model_name") === "ImageModel" && (m.get("value") as DataView).byteLength === 3)!;
    expect([...new Uint8Array((image.get("value") as DataView).buffer, (image.get("value") as DataView).byteOffset, 3)]).toEqual([1, 2, 3]);
    reopened.dispose();
  }, 20_000);
});

/** The model ids of the kernel's open widgets. */
async function widgetIds(): Promise<string[]> {
  const run = await runCell(kernel, "console.log(JSON.stringify(widgets.Widget.all().map((w) => w.modelId)))");
  return JSON.parse(streamText(run, "stdout")) as string[];
}
