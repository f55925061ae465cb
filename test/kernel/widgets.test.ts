// Widgets on the wire (protocol 2.1), through the real kernel process: what a cell's widget opens
// and sends, how it answers the frontend's update, request_state and custom messages, Output
// capture, selections, link, interact, anywidget, and the cells' types. (The same messages read by
// the real front-end code: test/widgets/frontend.test.ts.)
import type { KernelClient } from "../../src/client/kernel-client";
import { commMsg, commOpen } from "../../src/client/comm-messages";
import type { Envelope } from "../../src/protocol/message";
import { ofType, plain, startKernel, streamText } from "../support/kernel";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());

type State = Record<string, unknown>;
const parentId = (m: Envelope) => (m.parent_header as { msg_id?: string }).msg_id;
const stateOf = (open: Envelope) => (open.content.data as { state: State }).state;
const dataOf = (m: Envelope) => m.content.data as { method: string; state?: State; buffer_paths?: unknown[]; content?: unknown };
/** The comm_open of the cell's last widget (the one its result shows). */
const lastOpen = (messages: Envelope[]) => ofType(messages, "comm_open").pop()!;
const result = (messages: Envelope[]) => ofType(messages, "execute_result")[0];

describe("a widget's comm_open and display", () => {
  it("opens its layout and style first, then itself, in snake_case with the protocol version, and shows its view", async () => {
    const { messages } = await kernel.execute(`const s = new widgets.IntSlider({ value: 5, min: 0, max: 10, description: "n", continuousUpdate: false }); s`);
    const opens = ofType(messages, "comm_open");
    expect(opens.map((m) => stateOf(m)._model_name)).toEqual(["LayoutModel", "SliderStyleModel", "IntSliderModel"]);
    for (const open of opens) {
      expect(open.content.target_name).toBe("jupyter.widget");
      expect(open.metadata).toEqual({ version: "2.1.0" });
    }
    const state = stateOf(opens[2]);
    expect(state).toMatchObject({
      _model_module: "@jupyter-widgets/controls",
      _model_module_version: "2.0.0",
      _view_name: "IntSliderView",
      continuous_update: false,
      description: "n",
      value: 5,
      layout: `IPY_MODEL_${String(opens[0].content.comm_id)}`,
      style: `IPY_MODEL_${String(opens[1].content.comm_id)}`,
    });
    const data = result(messages).content.data as State;
    expect(data["application/vnd.jupyter.widget-view+json"]).toEqual({ model_id: opens[2].content.comm_id, version_major: 2, version_minor: 0 });
    expect(data["text/plain"]).toBe("IntSlider(continuousUpdate=false, description='n', max=10, value=5)");
  });

  it("sends display(w) as a display_data with the view", async () => {
    const { messages } = await kernel.execute(`display(new widgets.Label({ value: "hi" }))`);
    const shown = ofType(messages, "display_data")[0].content.data as State;
    expect(shown["application/vnd.jupyter.widget-view+json"]).toMatchObject({ model_id: lastOpen(messages).content.comm_id });
  });

  it("adds the state at display time as static HTML where a widget has a form, escaped, a box with its children's", async () => {
    const { messages } = await kernel.execute(
      `const bar = new widgets.IntProgress({ value: 3, max: 5, description: "<t>", barStyle: "success" });
      new widgets.VBox({ children: [bar, new widgets.Text({ value: "x" })] })`,
    );
    const html = (result(messages).content.data as State)["text/html"];
    expect(html).toContain(
      '<label style="min-width:6em;display:inline-block">&lt;t&gt;</label> <progress value="3" max="5" style="accent-color:#4caf50"></progress> <span>3 / 5</span>',
    );
    expect(html).toContain("<code>Text(value=&#39;x&#39;)</code>");
    expect(html).toMatch(/^<div style="display:flex;flex-direction:column/);
    const later = await kernel.execute(`bar.value = 5; bar`);
    expect((result(later.messages).content.data as State)["text/html"]).toContain('<progress value="5" max="5"');
    const text = await kernel.execute(`new widgets.Text({ value: "x" })`);
    expect(Object.keys(result(text.messages).content.data as State).sort()).toEqual(["application/vnd.jupyter.widget-view+json", "text/plain"]);
  });

  it("sends bytes as a buffer with its path", async () => {
    const { messages } = await kernel.execute(`new widgets.Image({ value: new Uint8Array([1, 2, 3]) })`);
    const open = lastOpen(messages);
    expect((open.content.data as { buffer_paths: unknown }).buffer_paths).toEqual([["value"]]);
    expect(stateOf(open)).not.toHaveProperty("value");
    expect([...open.buffers[0]]).toEqual([1, 2, 3]);
  });
});

describe("state both ways", () => {
  let id: string;
  let cell: Envelope;
  beforeAll(async () => {
    const { messages, reply } = await kernel.execute(
      `const w = new widgets.IntSlider({ value: 1, max: 10 }); w.observe("value", (c) => console.log(c.name, c.old, "->", c.new)); w`,
    );
    id = lastOpen(messages).content.comm_id as string;
    cell = reply;
  });

  it("sends an update when the kernel sets a property (kept within min and max); the observer prints on its own cell", async () => {
    const printed = kernel.nextIopub((m) => m.header.msg_type === "stream" && String(m.content.text).includes("-> 10"));
    const { messages } = await kernel.execute("w.value = 3; w.value = 50; w.value");
    const updates = ofType(messages, "comm_msg").filter((m) => m.content.comm_id === id);
    expect(updates.map(dataOf)).toEqual([
      { method: "update", state: { value: 3 }, buffer_paths: [] },
      { method: "update", state: { value: 10 }, buffer_paths: [] },
    ]);
    expect(plain(result(messages))).toBe("10");
    expect(streamText(messages)).toBe("");
    const line = await printed;
    expect(line.content.text).toBe("value 1 -> 3\nvalue 3 -> 10\n");
    expect(parentId(line)).toBe(parentId(cell));
  });

  it("echoes the frontend's update as a child of it, sets the value, and runs the observer on its cell", async () => {
    const printed = kernel.nextIopub((m) => m.header.msg_type === "stream" && String(m.content.text).includes("-> 7"));
    const answer = await commMsg(kernel, id, { method: "update", state: { value: 7 }, buffer_paths: [] });
    expect(ofType(answer, "comm_msg").map(dataOf)).toEqual([{ method: "echo_update", state: { value: 7 }, buffer_paths: [] }]);
    expect(parentId(await printed)).toBe(parentId(cell));
    expect(plain(result((await kernel.execute("w.value")).messages))).toBe("7");
  });

  it("answers request_state with the whole state, as a child of the request", async () => {
    const answer = await commMsg(kernel, id, { method: "request_state" });
    const [update] = ofType(answer, "comm_msg").map(dataOf);
    expect(update.method).toBe("update");
    expect(update.state).toMatchObject({ _model_name: "IntSliderModel", value: 7, max: 10 });
  });

  it("passes custom messages with their buffers to onMsg, and a click to onClick", async () => {
    const { messages } = await kernel.execute(`
      const b = new widgets.Button({ description: "go" });
      b.onMsg((content, buffers) => console.log("custom", JSON.stringify(content), buffers.length));
      b.onClick((button) => console.log("clicked", button.description));
      b`);
    const buttonId = lastOpen(messages).content.comm_id as string;
    const printed = kernel.nextIopub((m) => m.header.msg_type === "stream" && String(m.content.text).includes("clicked"));
    await commMsg(kernel, buttonId, { method: "custom", content: { event: "click" } }, { buffers: [Buffer.from("x")] });
    expect((await printed).content.text).toBe('custom {"event":"click"} 1\nclicked go\n');
  });
});

describe("Output", () => {
  const outputsOf = (messages: Envelope[], id: unknown) =>
    ofType(messages, "comm_msg")
      .filter((m) => m.content.comm_id === id && dataOf(m).state?.outputs)
      .map((m) => dataOf(m).state!.outputs);

  it("captures what a block prints, displays and throws into its outputs; the cell keeps the rest", async () => {
    const { messages } = await kernel.execute(`
      const out = new widgets.Output();
      console.log("before");
      try { out.capture(() => { console.log("in"); console.log("side"); display.markdown("*m*"); throw new Error("boom"); }); } catch (e) { console.log("caught", (e as Error).message); }
      out`);
    expect(streamText(messages)).toBe("before\ncaught boom\n");
    const last = outputsOf(messages, lastOpen(messages).content.comm_id).pop();
    expect(last).toEqual([
      { output_type: "stream", name: "stdout", text: "in\nside\n" },
      { output_type: "display_data", data: { "text/plain": "<text/markdown>", "text/markdown": "*m*" }, metadata: {} },
    ]);
  });

  it("captures an async block, and what its timers print later", async () => {
    const { messages } = await kernel.execute(`
      const later = new widgets.Output();
      await later.captureAsync(async () => { await new Promise((r) => setTimeout(r, 10)); console.log("after await"); setTimeout(() => console.log("from a timer"), 50); });
      later.modelId`);
    const id = String(plain(result(messages))).replace(/'/g, "");
    const timer = await kernel.nextIopub(
      (m) => m.header.msg_type === "comm_msg" && m.content.comm_id === id && JSON.stringify(m.content.data).includes("from a timer"),
    );
    expect(dataOf(timer).state!.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "after await\nfrom a timer\n" }]);
    expect(streamText(messages)).toBe("");
  });

  it("clears its outputs", async () => {
    const { messages } = await kernel.execute(`out.clearOutput(); out.appendStdout("fresh"); out.modelId`);
    expect(outputsOf(messages, String(plain(result(messages))).replace(/'/g, ""))).toEqual([[], [{ output_type: "stream", name: "stdout", text: "fresh" }]]);
  });
});

describe("selections, link, interact, anywidget", () => {
  it("sends a Dropdown's labels and index; a frontend index change moves value and label", async () => {
    const { messages } = await kernel.execute(`
      const d = new widgets.Dropdown({ options: [["one", 1], ["two", 2]], value: 2 });
      d.observe("value", (c) => console.log("value", c.old, "->", c.new));
      d`);
    const open = lastOpen(messages);
    expect(stateOf(open)).toMatchObject({ _options_labels: ["one", "two"], index: 1 });
    const printed = kernel.nextIopub((m) => m.header.msg_type === "stream" && String(m.content.text).includes("value 2 -> 1"));
    await commMsg(kernel, open.content.comm_id as string, { method: "update", state: { index: 0 } });
    await printed;
    expect(plain(result((await kernel.execute("[d.value, d.label]")).messages))).toBe("[ 1, 'one' ]");
  });

  it("links two properties both ways in the kernel", async () => {
    const { messages } = await kernel.execute(`
      const a = new widgets.IntSlider({ value: 2 }); const c = new widgets.IntSlider();
      widgets.link([a, "value"], [c, "value"]); c.value = 6; [a.value, c.value]`);
    expect(plain(result(messages))).toBe("[ 6, 6 ]");
  });

  it("makes a frontend link (LinkModel) with the widgets and the wire names", async () => {
    const { messages } = await kernel.execute(`widgets.jslink([a, "value"], [c, "value"]); [a.modelId, c.modelId]`);
    const state = stateOf(lastOpen(messages));
    expect(state._model_name).toBe("LinkModel");
    expect(JSON.stringify([state.source, state.target])).toContain('"value"');
  });

  it("interact shows controls and an Output that the function re-runs into on each change", async () => {
    const { messages } = await kernel.execute(
      `const shown = widgets.interact(({ n, word }) => word.repeat(n), { n: [1, 5], word: "ab" }); shown.controls.n.modelId`,
    );
    expect(ofType(messages, "display_data")).toHaveLength(1);
    const sliderId = String(plain(result(messages))).replace(/'/g, "");
    const opens = ofType(messages, "comm_open").map(stateOf);
    expect(opens.map((s) => s._model_name)).toEqual(expect.arrayContaining(["IntSliderModel", "TextModel", "OutputModel", "VBoxModel"]));
    const rerun = kernel.nextIopub((m) => m.header.msg_type === "comm_msg" && JSON.stringify(m.content.data).includes("abababab"));
    await commMsg(kernel, sliderId, { method: "update", state: { value: 4 } });
    const outputs = dataOf(await rerun).state!.outputs as Array<{ data: State }>;
    expect(outputs.map((o) => o.data["text/plain"])).toEqual(["'abababab'"]);
  });

  it("opens an AnyWidget with anywidget's model, its module, css and state, and syncs that state", async () => {
    const { messages } = await kernel.execute(`
      const any = new widgets.AnyWidget<{ count: number }>({ esm: "export default { render() {} }", css: ".a {}", count: 1 });
      any.observe("count", (ch) => console.log("count", ch.new));
      any.set("count", 2); any`);
    const open = lastOpen(messages);
    expect(stateOf(open)).toMatchObject({
      _model_name: "AnyModel",
      _model_module: "anywidget",
      _model_module_version: ">=0.9.0 <0.12.0",
      _view_name: "AnyView",
      _esm: "export default { render() {} }",
      _css: ".a {}",
      count: 1,
    });
    expect(ofType(messages, "comm_msg").map(dataOf).pop()).toEqual({ method: "update", state: { count: 2 }, buffer_paths: [] });
    await commMsg(kernel, open.content.comm_id as string, { method: "update", state: { count: 5 } });
    expect(plain(result((await kernel.execute("any.get('count')")).messages))).toBe("5");
  });
});

describe("jupyter.widget.control", () => {
  it("answers request_states with every widget's model and state, and buffer paths under its id", async () => {
    const { messages } = await kernel.execute(`new widgets.Image({ value: new Uint8Array([9]) }).modelId`);
    const imageId = String(plain(result(messages))).replace(/'/g, "");
    const { commId } = await commOpen(kernel, "jupyter.widget.control", {}, { metadata: { version: "1.0.0" } });
    const [answer] = ofType(await commMsg(kernel, commId, { method: "request_states" }), "comm_msg");
    const data = answer.content.data as { method: string; states: Record<string, State>; buffer_paths: unknown[][] };
    expect(data.method).toBe("update_states");
    expect(data.states[imageId]).toMatchObject({ model_name: "ImageModel", model_module: "@jupyter-widgets/controls", model_module_version: "2.0.0" });
    const at = data.buffer_paths.findIndex((path) => path[0] === imageId);
    expect(data.buffer_paths[at]).toEqual([imageId, "state", "value"]);
    expect([...answer.buffers[at]]).toEqual([9]);
  });
});

describe("the cells' types", () => {
  it("refuses an option of the wrong type or an unknown one, and types properties", async () => {
    const wrong = await kernel.execute(`new widgets.IntSlider({ value: "five" })`);
    expect(wrong.reply.content.ename).toBe("TSError");
    const unknown = await kernel.execute(`new widgets.IntSlider({ continous: true })`);
    expect(unknown.reply.content.ename).toBe("TSError");
    const typed = await kernel.execute(
      `import { widgets as w2 } from "tsloop"; const t: w2.IntSlider = new w2.IntSlider(); const n: number = t.value; t.orientation = "vertical"; n`,
    );
    expect(typed.reply.content.status).toBe("ok");
  });
});
