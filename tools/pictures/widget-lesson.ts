// Writes notebooks/images/widget-lesson.png, the README's picture of lesson 5's widgets. The
// lesson's cells run in a real kernel; then the slider is moved to 6, as a reader would, and while
// those six tasks run the notebook is saved with the cells' outputs and the kernel's widget state
// (jupyter.widget.control's update_states, as JupyterLab saves it). nbconvert turns it into HTML
// and Debian's chromium renders the page. The page loads its widget manager from unpkg, which this
// machine may not reach, so that request is answered with widget-embed.mjs, bundled by esbuild
// from the ipywidgets 8 front-end packages in node_modules; every other request is refused. The
// picture is of the last code cell: its code, the slider, the bars and the printed line.
// Run: npx ts-node --transpile-only tools/pictures/widget-lesson.ts [--html-only]
//   (--html-only stops after nbconvert and prints where the HTML is, for a look in a browser).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { build } from "esbuild";
import { commMsg, commOpen } from "../../src/client/comm-messages";
import { KernelClient } from "../../src/client/kernel-client";
import { kernelArgv } from "../../src/client/kernelspec-argv";
import type { Envelope } from "../../src/protocol/message";
import { isCodeCell, type JsonObject, type Notebook, readNotebook, serializeNotebook } from "../../src/cli/run/notebook";
import { OutputCollector } from "../../src/cli/run/outputs";
import { launchChromium } from "../browser/chromium";

const ROOT = path.join(__dirname, "..", "..");
const NOTEBOOK = path.join(ROOT, "notebooks", "05-asyncio-wait.ipynb");
/** The cell in the picture: the slider and the bars (the notebook's last code cell). */
const PICTURED = "task-count-slider";
/** Where the picture's reader moves the slider, and how long after it the state is taken: task 1 and 2
 * are done by then (0.25 s, 0.5 s), the slower ones part of the way. */
const SLIDER_VALUE = 6;
const SNAPSHOT_MS = 600;
const PICTURE = path.join(ROOT, "notebooks", "images", "widget-lesson.png");
const PYTHON = "/usr/bin/python3";
const WIDGET_STATE_MIME = "application/vnd.jupyter.widget-state+json";

/** Runs every code cell, as a reader would; the notebook gets their outputs and the widget state that goes with them. */
async function runNotebook(notebook: Notebook): Promise<void> {
  const kernel = await KernelClient.start({ argv: kernelArgv(ROOT), cwd: path.dirname(NOTEBOOK) });
  try {
    await kernel.ready();
    const cells = notebook.cells.filter(isCodeCell);
    if (cells[cells.length - 1]?.id !== PICTURED) fail(`the last code cell of ${NOTEBOOK} is not '${PICTURED}'`);
    const collector = new OutputCollector(cells.length);
    let last: Envelope[] = [];
    for (const [i, cell] of cells.entries()) {
      const { messages, reply } = await kernel.execute(cell.source, {}, 60000);
      if (reply.content.status !== "ok") fail(`cell ${JSON.stringify(cell.id)} failed: ${JSON.stringify(reply.content)}`);
      for (const message of messages) collector.handle(i, message);
      cell.outputs = collector.outputsOf(i);
      cell.execution_count = reply.content.execution_count as number;
      last = messages;
    }
    await moveSlider(kernel, last);
    notebook.metadata = { ...notebook.metadata, widgets: { [WIDGET_STATE_MIME]: { version_major: 2, version_minor: 0, state: await widgetStates(kernel) } } };
  } finally {
    await kernel.shutdown();
  }
}

/**
 * Moves the slider as a reader would (a comm update, as JupyterLab sends it) and waits until the
 * new race is under way, so the picture shows bars at different stages, not only full ones.
 */
async function moveSlider(kernel: KernelClient, messages: Envelope[]): Promise<void> {
  const open = messages.find((m) => m.header.msg_type === "comm_open" && (m.content.data as { state?: JsonObject }).state?._model_name === "IntSliderModel");
  if (!open) fail(`no slider in cell '${PICTURED}'`);
  await commMsg(kernel, String(open.content.comm_id), { method: "update", state: { value: SLIDER_VALUE }, buffer_paths: [] });
  await new Promise((resolve) => setTimeout(resolve, SNAPSHOT_MS));
}

/** Every widget's model and state, asked for as JupyterLab does when it saves a notebook. */
async function widgetStates(kernel: KernelClient): Promise<JsonObject> {
  const { commId } = await commOpen(kernel, "jupyter.widget.control");
  const answer = (await commMsg(kernel, commId, { method: "request_states" })).find((m) => m.header.msg_type === "comm_msg");
  const data = answer?.content.data as { states?: JsonObject; buffer_paths?: unknown[] } | undefined;
  if (!data?.states) fail("no update_states from jupyter.widget.control");
  if (data.buffer_paths?.length) fail("the lesson's widgets have binary state, which the saved notebook would need as base64");
  return data.states;
}

function nbconvert(notebook: Notebook, dir: string): string {
  const file = path.join(dir, "widget-lesson.ipynb");
  fs.writeFileSync(file, serializeNotebook(notebook));
  const run = spawnSync(PYTHON, ["-m", "nbconvert", "--to", "html", "--output-dir", dir, file], { encoding: "utf8" });
  if (run.status !== 0) fail(`nbconvert failed (Debian's python3-nbconvert is needed):\n${run.stderr}`);
  return file.replace(/\.ipynb$/, ".html");
}

/** The widget manager's script: widget-embed.mjs with its CSS put into the page. */
async function embedScript(dir: string): Promise<string> {
  await build({
    entryPoints: [path.join(__dirname, "widget-embed.mjs")],
    absWorkingDir: ROOT,
    bundle: true,
    platform: "browser",
    format: "iife",
    outdir: dir,
    // Some of the packages are UMD: with nbconvert's require.js on the page they would define AMD modules instead.
    define: { define: "undefined" },
    loader: { ".svg": "dataurl", ".png": "dataurl", ".gif": "dataurl", ".woff": "dataurl", ".woff2": "dataurl", ".ttf": "dataurl", ".eot": "dataurl" },
    logLevel: "error",
  });
  const js = fs.readFileSync(path.join(dir, "widget-embed.js"), "utf8");
  const css = fs.readFileSync(path.join(dir, "widget-embed.css"), "utf8");
  return `(() => { const style = document.createElement("style"); style.textContent = ${JSON.stringify(css)}; document.head.appendChild(style); })();\n${js}`;
}

async function screenshot(html: string, script: string): Promise<void> {
  const { context, close } = await launchChromium();
  try {
    await context.route(/^https?:/, (route) =>
      /\/@jupyter-widgets\/html-manager@[^/]*\/dist\/embed-amd\.js$/.test(route.request().url())
        ? route.fulfill({ contentType: "text/javascript", body: script })
        : route.abort(),
    );
    const page = await context.newPage();
    await page.goto(`file://${html}`);
    await page.waitForSelector("body[data-widgets]", { state: "attached", timeout: 30000 });
    const status = await page.getAttribute("body", "data-widgets");
    if (status !== "rendered") fail(`the widgets did not render: ${status}`);
    fs.mkdirSync(path.dirname(PICTURE), { recursive: true });
    await page.locator(".jp-CodeCell").last().screenshot({ path: PICTURE });
  } finally {
    await close();
  }
}

function fail(message: string): never {
  throw new Error(message);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tsloop-picture-"));
  const htmlOnly = process.argv.includes("--html-only");
  try {
    const notebook = readNotebook(NOTEBOOK);
    await runNotebook(notebook);
    const html = nbconvert(notebook, dir);
    if (htmlOnly) return console.log(html);
    await screenshot(html, await embedScript(dir));
    console.log(`wrote ${path.relative(ROOT, PICTURE)}`);
  } finally {
    if (!htmlOnly) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
