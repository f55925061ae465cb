// JupyterLab's notebook in headless Chromium: a page built from JupyterLab's npm packages
// (test/browser/jupyterlab-page/, bundled by esbuild into a temp folder) that Debian's Jupyter
// Server serves as a static file beside its API, on loopback with a token and tsloop's kernelspec.
// The lesson copy opens with "TypeScript (tsloop)"; Run All renders its outputs; then, typed in its
// last cell: Tab completion, Stop ending `while (true) {}` with the kernel's state kept, Restart.
import type { Locator, Page } from "playwright-core";
import { LAB_CELLS, type OpenNotebook, START_MS, openJupyterLabNotebook, readKernelStatus, runInLastCell as runIn } from "./jupyterlab";
import { CELLS, LATER_DONE, TIMER_ARMED, TIMER_LATE, writeLessonCopy } from "./lesson-copy";
import { cellFinder, pollUntil, screenshotPath, watchLateLine } from "./page";

// Bounds for a loaded 2-core machine: every cell of the lesson is type-checked and run (the first
// waits for the checker's start-up).
const RUN_ALL_MS = 180_000;
const CELL_MS = 60_000;

let lab: OpenNotebook;
let page: Page;
let errors: string[];

const cells = () => cellFinder(page, LAB_CELLS);
const cell = (snippet: string): Locator => cells().cell(snippet);
const outputText = (snippet: string): Promise<string> => cells().outputText(snippet);
const lastCell = (): Locator => page.locator(".jp-CodeCell").last();
const toolbarButton = (title: string): Locator => page.locator(`.jp-Toolbar [title="${title}"]`).first();
const kernelStatus = (): Promise<string | null> => readKernelStatus(page);
const runInLastCell = (code: string): Promise<Locator> => runIn(page, code);

beforeAll(async () => {
  lab = await openJupyterLabNotebook(writeLessonCopy);
  ({ page, errors } = lab);
}, START_MS * 2);

afterAll(async () => {
  await lab?.close();
});

test("the notebook opens with the kernel its metadata names: TypeScript (tsloop)", async () => {
  await expect(page.locator(".jp-Toolbar .jp-KernelName").first().innerText()).resolves.toBe("TypeScript (tsloop)");
});

test(
  "Run All renders every kind of output, and the timer's late line lands in its own cell",
  async () => {
    await toolbarButton("Run All").click();
    // The timer fires about 2 s after its cell ended; the next cell sleeps 6 s. When the late line
    // shows, that cell is still running: it has printed nothing yet.
    const whenLate = await watchLateLine(outputText, RUN_ALL_MS, errors);
    expect(whenLate.timer).toContain(TIMER_LATE);
    expect(whenLate.later).not.toContain(LATER_DONE);
    await expect(cell(CELLS.timer).locator('[data-mime-type="application/vnd.jupyter.stdout"]').innerText()).resolves.toBe(`${TIMER_ARMED}\n${TIMER_LATE}\n`);

    await expect(cell(CELLS.warning).locator('[data-mime-type="application/vnd.jupyter.stderr"]').innerText()).resolves.toMatch(
      /warning TS2322: Type 'number' is not assignable to type 'string'\./,
    );
    const average = cell(CELLS.average).locator(".jp-OutputArea-executeResult");
    await expect(average.locator(".jp-OutputArea-output").innerText()).resolves.toBe("5");
    await expect(average.locator(".jp-OutputPrompt").innerText()).resolves.toMatch(/^\[\d+\]:$/);
    await expect(cell(CELLS.swatch).locator(".jp-OutputArea-executeResult .jp-RenderedHTMLCommon span").getAttribute("style")).resolves.toMatch(
      /background:\s*teal/,
    );
    await expect(cell(CELLS.display).locator('.jp-RenderedHTMLCommon[data-mime-type="text/html"] b').first().innerText()).resolves.toBe("bold");
    // The LaTeX display is typeset by MathJax (JupyterLab's typesetter), not left as its source.
    const latex = cell(CELLS.display).locator('[data-mime-type="text/latex"]');
    await latex.locator("mjx-container").first().waitFor({ timeout: CELL_MS });
    await expect(latex.innerText()).resolves.not.toContain("$$");
    const error = await cell(CELLS.rangeError).locator(".jp-OutputArea-output").innerText();
    expect(error).toMatch(/RangeError\s+Traceback \(most recent call last\)/);
    expect(error).toMatch(/Cell In\[\d+\], line 2/);
    expect(error).toMatch(/RangeError: average of no values/);

    await cell(CELLS.display).scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath("jupyterlab-notebook.png") });
  },
  RUN_ALL_MS * 2,
);

test(
  "Tab opens the completer with the members of a value an earlier cell declared",
  async () => {
    await lastCell().locator(".cm-content").click();
    await page.keyboard.type("cyclic.");
    await page.keyboard.press("Tab");
    const completer = page.locator(".jp-Completer");
    await completer.waitFor({ state: "visible", timeout: CELL_MS });
    await expect(completer.locator(".jp-Completer-item .jp-Completer-match").allInnerTexts()).resolves.toEqual(expect.arrayContaining(["name", "self"]));
    await page.keyboard.press("Escape");
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Backspace");
  },
  CELL_MS * 2,
);

test(
  "Stop ends `while (true) {}`; the kernel keeps the earlier cells' state",
  async () => {
    const spinning = await runInLastCell("while (true) {}");
    await pollUntil(kernelStatus, (status) => /Busy/i.test(status ?? ""), CELL_MS, "a busy kernel");
    await toolbarButton("Stop").click();
    await pollUntil(
      () => spinning.locator(".jp-OutputArea").innerText(),
      (text) => /interrupt/i.test(text),
      CELL_MS,
      "the interrupted cell's error",
    );
    const after = await runInLastCell("average([4, 5, 6])");
    await pollUntil(
      () => after.locator(".jp-OutputArea-output").allInnerTexts(),
      (texts) => texts.join("").trim() === "5",
      CELL_MS,
      "average() after the interrupt",
    );
  },
  CELL_MS * 3,
);

test(
  "Restart gives a fresh kernel: its first cell no longer sees the lesson's declarations",
  async () => {
    await toolbarButton("Restart").click();
    await pollUntil(kernelStatus, (status) => /Idle/i.test(status ?? ""), CELL_MS, "an idle kernel after the restart");
    // The new kernel's first cell, and the checker no longer knows the lesson's function.
    const fresh = await runInLastCell("typeof average");
    const seen = await pollUntil(
      () => fresh.locator(".jp-OutputArea").innerText(),
      (text) => text.includes("TS2304"),
      CELL_MS,
      "the checker's error after the restart",
    );
    expect(seen).toMatch(/Cell In\[1\], line 1, col 8: error TS2304: Cannot find name 'average'\./);
    await page.screenshot({ path: screenshotPath("jupyterlab-notebook-after-restart.png") });
  },
  CELL_MS * 3,
);
