// The classic Notebook (Debian's jupyter-notebook 6.4, its own server on loopback with a token and
// tsloop's kernelspec in a temp prefix) in headless Chromium: the lesson copy opens with
// "TypeScript (tsloop)", Cell > Run All runs it, and the rendered page shows a stream, an
// execute_result, rich HTML, an error with its traceback, and a timer's line inside the cell that
// armed it, shown while the next cell was still running. The page is saved as a screenshot.
import type { Locator, Page } from "playwright-core";
import { type Chromium, launchChromium } from "../../tools/browser/chromium";
import { type JupyterServer, startJupyterServer } from "../support/jupyter-server";
import { CELLS, LATER_DONE, TIMER_ARMED, TIMER_LATE, writeLessonCopy } from "./lesson-copy";
import { cellFinder, pageErrors, screenshotPath, watchLateLine } from "./page";

// Bounds for a loaded 2-core machine: the server, Chromium and the kernel start; then every cell
// of the lesson is type-checked and run (the first waits for the checker's start-up).
const START_MS = 120_000;
const RUN_ALL_MS = 180_000;

let server: JupyterServer;
let chromium: Chromium;
let page: Page;
let errors: string[];

const cells = () => cellFinder(page, { cell: ".code_cell", input: ".input_area", outputs: ".output_area" });
const cell = (snippet: string): Locator => cells().cell(snippet);
const outputText = (snippet: string): Promise<string> => cells().outputText(snippet);

beforeAll(async () => {
  server = await startJupyterServer({ app: "notebook", startTimeout: START_MS });
  const name = writeLessonCopy(server.rootDir);
  chromium = await launchChromium();
  page = await chromium.context.newPage();
  errors = pageErrors(page);
  await page.goto(`${server.baseUrl}notebooks/${name}?token=${server.token}`);
  await page.locator("#kernel_indicator_icon.kernel_idle_icon").waitFor({ timeout: START_MS });
}, START_MS + 30_000);

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

test("the notebook opens with the kernel its metadata names: TypeScript (tsloop)", async () => {
  await expect(page.locator("#kernel_indicator .kernel_indicator_name").innerText()).resolves.toBe("TypeScript (tsloop)");
});

test(
  "Cell > Run All renders every kind of output, and the timer's late line lands in its own cell",
  async () => {
    await page.locator("#celllink").click(); // the menu bar's Cell menu
    await page.locator("#run_all_cells > a").click();

    // The timer fires about 2 s after its cell ended; the next cell sleeps 6 s. When the late line
    // shows, that cell is still running: it has printed nothing yet.
    const whenLate = await watchLateLine(outputText, RUN_ALL_MS, errors);
    expect(whenLate.timer).toContain(TIMER_LATE);
    expect(whenLate.later).not.toContain(LATER_DONE);

    const timerCell = cell(CELLS.timer);
    await expect(timerCell.locator(".output_stdout").innerText()).resolves.toBe(`${TIMER_ARMED}\n${TIMER_LATE}\n`);
    expect(await outputText(CELLS.later)).toBe(`${LATER_DONE}\n`);

    // A stderr stream: the type checker's warning, then the cell's value.
    await expect(cell(CELLS.warning).locator(".output_stderr").innerText()).resolves.toMatch(
      /warning TS2322: Type 'number' is not assignable to type 'string'\./,
    );
    // execute_results, plain and rich, each after its Out[n] prompt.
    const average = cell(CELLS.average);
    await expect(average.locator(".output_result").innerText()).resolves.toBe("5");
    await expect(average.locator(".output_prompt").innerText()).resolves.toMatch(/^Out\[\d+\]:$/);
    await expect(cell(CELLS.swatch).locator(".output_result.output_html span").getAttribute("style")).resolves.toMatch(/background:\s*teal/);
    // display_data with text/html, rendered as HTML.
    await expect(cell(CELLS.display).locator(".output_html b").first().innerText()).resolves.toBe("bold");
    // The error and its traceback, in the cell's own lines.
    const error = await cell(CELLS.rangeError).locator(".output_error").innerText();
    expect(error).toMatch(/RangeError\s+Traceback \(most recent call last\)/);
    expect(error).toMatch(/Cell In\[\d+\], line 2/);
    expect(error).toMatch(/RangeError: average of no values/);

    // The notebook scrolls inside its own box, so the picture is of that box, not of the page.
    await page.locator("#notebook-container").screenshot({ path: screenshotPath("classic-notebook.png") });
  },
  RUN_ALL_MS * 2,
);
