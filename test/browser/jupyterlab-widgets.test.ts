// ipywidgets in JupyterLab's notebook page, rendered by JupyterLab's own widget manager
// (@jupyter-widgets/jupyterlab-manager, wired in jupyterlab-page/widgets.ts) in headless Chromium:
// an IntSlider and an IntProgress a cell displays render as ipywidgets' views with the kernel's
// values; a progress value the kernel sets later moves the bar; the slider moved with the keyboard
// in the page reaches the kernel, whose observer prints the new value under the slider's cell, and
// a next cell reads the same value back from the kernel.
import type { Locator, Page } from "playwright-core";
import { type OpenNotebook, LAB_CELLS, START_MS, openJupyterLabNotebook, runCell, runInLastCell } from "./jupyterlab";
import { codeCell, writeCellsWithLessonMetadata } from "./lesson-copy";
import { cellFinder, pollUntil, screenshotPath } from "./page";

// Per cell on a loaded 2-core machine (the first waits for the checker's start-up).
const CELL_MS = 60_000;

const SLIDER_START = 4;
const SLIDER_MAX = 10;
const PROGRESS_START = 3;
const PROGRESS_LATER = 8;
const PROGRESS_MAX = 10;
/** Arrow-key presses on the slider's handle: each moves it one step. */
const PRESSES = 3;
/** What the slider's observer prints, before the new value. */
const MOVED = "slider moved to";

/** Source snippets that pick out one cell each (unique in the notebook). */
const CELLS = {
  slider: "new widgets.IntSlider",
  progress: "new widgets.IntProgress",
  progressLater: `progress.value = ${PROGRESS_LATER}`,
};

const writeWidgetNotebook = (dir: string) =>
  writeCellsWithLessonMetadata(dir, "widgets.ipynb", [
    codeCell(
      "browser-slider",
      `const slider = ${CELLS.slider}({ value: ${SLIDER_START}, min: 0, max: ${SLIDER_MAX}, description: "tasks" });\n` +
        `slider.observe("value", (change) => print("${MOVED}", change.new));\nslider`,
    ),
    codeCell("browser-progress", `const progress = ${CELLS.progress}({ value: ${PROGRESS_START}, max: ${PROGRESS_MAX}, description: "done" });\nprogress`),
    codeCell("browser-progress-later", `${CELLS.progressLater};`),
    codeCell("browser-scratch", ""),
  ]);

let lab: OpenNotebook;
let page: Page;

const cell = (snippet: string): Locator => cellFinder(page, LAB_CELLS).cell(snippet);
/** A widget's view in a cell's output, as ipywidgets' views mark their element. */
const widgetView = (snippet: string, kind: string): Locator => cell(snippet).locator(`.jp-OutputArea-output .jupyter-widgets.${kind}`);
const sliderReadout = (): Promise<string> => widgetView(CELLS.slider, "widget-slider").locator(".widget-readout").innerText();
const progressBarWidth = (): Promise<string> =>
  widgetView(CELLS.progress, "widget-hprogress")
    .locator(".progress-bar")
    .evaluate((bar: HTMLElement) => bar.style.width);
/** The lines the slider's cell printed (its observer's). */
const sliderPrints = async (): Promise<string[]> =>
  (await cell(CELLS.slider).locator('[data-mime-type="application/vnd.jupyter.stdout"]').allInnerTexts()).join("").split("\n").filter(Boolean);

/** Runs the cell `snippet` picks out; resolves with the widget view of `kind` it displays, once rendered. */
async function runAndRender(snippet: string, kind: string): Promise<Locator> {
  await runCell(page, cell(snippet));
  const view = widgetView(snippet, kind);
  await view.waitFor({ timeout: CELL_MS }).catch((error: Error) => {
    throw new Error(`${error.message} (page errors: ${lab.errors.join("; ")})`);
  });
  return view;
}

beforeAll(async () => {
  lab = await openJupyterLabNotebook(writeWidgetNotebook);
  page = lab.page;
}, START_MS * 2);

afterAll(async () => {
  await lab?.close();
});

test(
  "an IntSlider renders as the manager's slider view, at the kernel's value",
  async () => {
    const slider = await runAndRender(CELLS.slider, "widget-slider");
    await expect(slider.locator(".widget-label").innerText()).resolves.toBe("tasks");
    await pollUntil(sliderReadout, (text) => text === String(SLIDER_START), CELL_MS, "the slider's readout");
    await expect(slider.locator(".noUi-handle").getAttribute("aria-valuenow")).resolves.toBe(SLIDER_START.toFixed(1));
    // The live view replaced the static HTML copy the kernel sends beside it.
    await expect(cell(CELLS.slider).locator(".tsloop-widget-fallback").count()).resolves.toBe(0);
  },
  CELL_MS * 2,
);

test(
  "an IntProgress renders as a bar as long as its value; the kernel's later value moves it",
  async () => {
    await runAndRender(CELLS.progress, "widget-hprogress");
    const percent = (value: number) => `${(100 * value) / PROGRESS_MAX}%`;
    await pollUntil(progressBarWidth, (width) => width === percent(PROGRESS_START), CELL_MS, "the bar at the kernel's first value");
    await runCell(page, cell(CELLS.progressLater));
    await pollUntil(progressBarWidth, (width) => width === percent(PROGRESS_LATER), CELL_MS, "the bar at the kernel's later value");
  },
  CELL_MS * 3,
);

test(
  "the slider moved in the page reaches the kernel: its observer prints the shown value, and the next cell reads it",
  async () => {
    const handle = widgetView(CELLS.slider, "widget-slider").locator(".noUi-handle");
    await handle.focus();
    for (let i = 0; i < PRESSES; i++) await page.keyboard.press("ArrowRight");
    const shown = await pollUntil(sliderReadout, (text) => text === String(SLIDER_START + PRESSES), CELL_MS, "the slider moved by the keys");
    const prints = await pollUntil(sliderPrints, (lines) => lines.at(-1) === `${MOVED} ${shown}`, CELL_MS, "the observer's line with the shown value");
    // Every line is a move the page made, in order (the manager may merge moves sent while the kernel was busy).
    const values = prints.map((line) => Number(line.slice(MOVED.length)));
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values[0]).toBeGreaterThan(SLIDER_START);

    const readBack = await runInLastCell(page, "slider.value");
    const result = await pollUntil(
      () => readBack.locator(".jp-OutputArea-executeResult .jp-OutputArea-output").allInnerTexts(),
      (texts) => texts.length > 0,
      CELL_MS,
      "slider.value's result",
    );
    expect(result.join("").trim()).toBe(shown);
    await cell(CELLS.slider).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath("jupyterlab-widgets.png") });
  },
  CELL_MS * 3,
);
