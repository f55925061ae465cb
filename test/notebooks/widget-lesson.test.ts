// Lesson 5's widget section through the real kernel, as a frontend uses it: the cells show a
// slider and a bar per task, with a static HTML copy for pages without widgets; moving the slider
// (a comm update, as JupyterLab sends it) races that many new tasks, whose line lands on the cell.
import * as fs from "node:fs";
import * as path from "node:path";
import { type KernelClient, withTimeout } from "../../src/client/kernel-client";
import { commMsg } from "../../src/client/comm-messages";
import type { Envelope } from "../../src/protocol/message";
import { ofType, ROOT, startKernel, streamText } from "../support/kernel";

const NOTEBOOK = path.join(ROOT, "notebooks", "05-asyncio-wait.ipynb");
const WIDGET_VIEW = "application/vnd.jupyter.widget-view+json";

function cellSource(id: string): string {
  const notebook = JSON.parse(fs.readFileSync(NOTEBOOK, "utf8")) as { cells: { id: string; source: string[] }[] };
  const cell = notebook.cells.find((c) => c.id === id);
  if (!cell) throw new Error(`no cell ${id} in ${NOTEBOOK}`);
  return cell.source.join("");
}

type State = Record<string, unknown>;
const stateOf = (open: Envelope) => (open.content.data as { state: State }).state;
const opensOf = (messages: Envelope[], model: string) => ofType(messages, "comm_open").filter((m) => stateOf(m)._model_name === model);
const fullBars = (html: unknown) => String(html).match(/<progress value="5" max="5"/g)?.length ?? 0;

let kernel: KernelClient;
let messages: Envelope[];
beforeAll(async () => {
  kernel = await startKernel();
  expect((await kernel.execute(cellSource("task-count-race"))).reply.content.status).toBe("ok");
  ({ messages } = await kernel.execute(cellSource("task-count-slider")));
}, 60000);
afterAll(async () => kernel?.shutdown());

it("shows the slider and the panel with its widget view and an HTML copy, and races four tasks with a bar each", () => {
  const shown = ofType(messages, "display_data")[0].content.data as State;
  expect(Object.keys(shown).sort()).toEqual([WIDGET_VIEW, "text/html", "text/plain"]);
  expect(shown["text/html"]).toContain('<input type="range" min="1" max="8" step="1" value="4" disabled>');
  expect(opensOf(messages, "IntProgressModel").map((m) => stateOf(m).description)).toEqual(["task 1", "task 2", "task 3", "task 4"]);
  expect(streamText(messages)).toBe("task 1, task 2, task 3, task 4 done, in less time than the 2.5 s their sleeps add up to\n");
  const updated = ofType(messages, "update_display_data")[0].content.data as State;
  expect((updated[WIDGET_VIEW] as { model_id: string }).model_id).toBe((shown[WIDGET_VIEW] as { model_id: string }).model_id);
  expect(fullBars(updated["text/html"])).toBe(4);
});

it("races as many tasks as the frontend's slider says, and prints their line on the cell", async () => {
  const cell = ofType(messages, "display_data")[0].parent_header;
  const slider = opensOf(messages, "IntSliderModel")[0].content.comm_id as string;
  const late: Envelope[] = [];
  const stop = kernel.onIopub((m) => void late.push(m));
  const printed = kernel.nextIopub((m) => m.header.msg_type === "stream" && String(m.content.text).includes("done"));
  const refreshed = kernel.nextIopub((m) => m.header.msg_type === "update_display_data");
  try {
    await commMsg(kernel, slider, { method: "update", state: { value: 2 }, buffer_paths: [] });
    const line = await withTimeout(printed, 20000, "no line from the slider's race");
    expect(line.content.text).toBe("task 1, task 2 done, in less time than the 0.75 s their sleeps add up to\n");
    expect(line.parent_header).toEqual(cell);
    expect(opensOf(late, "IntProgressModel")).toHaveLength(2);
    const refresh = await withTimeout(refreshed, 5000, "no refreshed display");
    expect(fullBars((refresh.content.data as State)["text/html"])).toBe(2);
  } finally {
    stop();
  }
});
