// JupyterLab's debugger (@jupyterlab/debugger's service, handler and sidebar, wired in
// test/browser/jupyterlab-page/debugger.ts) on tsloop, in headless Chromium: the notebook
// toolbar's bug button turns it on (its sidebar opens), a click in a cell's breakpoint gutter
// sets a breakpoint on a line inside a function, running the cell stops there (the call stack
// shows the function's frame, the cell highlights the line, the variables panel shows its local
// with its value), and Continue lets the cell finish with its result.
import type { Locator, Page } from "playwright-core";
import { type OpenNotebook, openJupyterLabNotebook, readKernelStatus, START_MS } from "./jupyterlab";
import { codeCell, writeCellsWithLessonMetadata } from "./lesson-copy";
import { pollUntil, screenshotPath } from "./page";

// Per step on a loaded 2-core machine (the first cell waits for the checker's start-up).
const STEP_MS = 60_000;

const WIDTH = 6;
const HEIGHT = 7;
/** The cell the test debugs; the breakpoint goes on BREAK_LINE, where `product` has its value. */
const AREA_CELL = ["function area(w: number, h: number) {", "  const product = w * h;", "  return product;", "}", `area(${WIDTH}, ${HEIGHT})`].join("\n");
const BREAK_LINE = 3;

let lab: OpenNotebook;
let page: Page;

/** A notebook with the one cell, for "TypeScript (tsloop)". */
const writeAreaNotebook = (dir: string): string => writeCellsWithLessonMetadata(dir, "debugger.ipynb", [codeCell("area", AREA_CELL)]);

const areaCell = (): Locator => page.locator(".jp-CodeCell").first();
const sidebar = (): Locator => page.locator("#jp-debugger-sidebar");
const frames = (): Locator => sidebar().locator(".jp-DebuggerCallstack .jp-DebuggerCallstackFrame");
// The side panel shows each panel's toolbar in the panel's title bar.
const continueButton = (): Locator => sidebar().locator('[data-jp-item-name="continue"] .jp-ToolbarButtonComponent');
const pageErrors = (): string => lab.errors.join("; ");

/** The text of the variables panel's entry named `name` (its name, then its value), or "" if absent. */
async function variableText(name: string): Promise<string> {
  const entries = await sidebar().locator(".jp-DebuggerVariables .jp-TreeItem").allInnerTexts();
  return entries.find((entry) => entry.trim().split(/\s+/)[0] === name) ?? "";
}

/** The 1-based lines of the cell's editor with a breakpoint marker beside them in the gutter. */
async function markedLines(cell: Locator): Promise<number[]> {
  const lines = await Promise.all((await cell.locator(".cm-content .cm-line").all()).map((line) => line.boundingBox()));
  // The gutter's spacer holds a marker too, hidden: it only sets the gutter's width.
  const markers = cell.locator(".cm-gutter.cm-breakpoint-gutter .cm-gutterElement:has(.cm-breakpoint-icon)").filter({ visible: true });
  const marked: number[] = [];
  for (const marker of await markers.all()) {
    const box = await marker.boundingBox();
    const middle = box ? box.y + box.height / 2 : NaN;
    marked.push(lines.findIndex((line) => line !== null && line.y <= middle && middle < line.y + line.height) + 1);
  }
  return marked;
}

/** Clicks the breakpoint gutter beside line `line` (1-based) of the cell's editor, as a user does. */
async function clickGutterAt(cell: Locator, line: number): Promise<void> {
  const gutter = await cell.locator(".cm-gutter.cm-breakpoint-gutter").boundingBox();
  const text = await cell
    .locator(".cm-content .cm-line")
    .nth(line - 1)
    .boundingBox();
  if (!gutter || !text) throw new Error("the cell's breakpoint gutter or its line is not on the page");
  await page.mouse.click(gutter.x + gutter.width / 2, text.y + text.height / 2);
}

beforeAll(async () => {
  lab = await openJupyterLabNotebook(writeAreaNotebook, { width: 1400, height: 800 });
  page = lab.page;
}, START_MS * 2);

afterAll(() => lab?.close());

test(
  "the bug button turns the debugger on: its sidebar opens and the cell's editor gets a breakpoint gutter",
  async () => {
    const bug = page.locator('.jp-Toolbar [data-jp-item-name="debugger-icon"] button');
    await page.locator('body[data-tsloop-debugger="ready"]').waitFor({ state: "attached", timeout: STEP_MS });
    await expect(bug.getAttribute("aria-disabled")).resolves.toBe("false");
    await expect(sidebar().isVisible()).resolves.toBe(false);
    await bug.click();
    await pollUntil(
      () => bug.getAttribute("aria-pressed"),
      (pressed) => pressed === "true",
      STEP_MS,
      "the bug button pressed",
    );
    await sidebar().waitFor({ state: "visible", timeout: STEP_MS });
    await areaCell().locator(".cm-gutter.cm-breakpoint-gutter").waitFor({ timeout: STEP_MS });
  },
  STEP_MS * 3,
);

test(
  "a click in the gutter sets a breakpoint: a marker on its line, and the breakpoints panel lists it",
  async () => {
    await clickGutterAt(areaCell(), BREAK_LINE);
    await pollUntil(
      () => markedLines(areaCell()),
      (lines) => lines.length > 0,
      STEP_MS,
      "a breakpoint marker in the gutter",
    );
    await expect(markedLines(areaCell())).resolves.toEqual([BREAK_LINE]);
    const listed = sidebar().locator(".jp-DebuggerBreakpoints .jp-DebuggerBreakpoint-line");
    await pollUntil(
      () => listed.allInnerTexts(),
      (lines) => lines.join(",") === String(BREAK_LINE),
      STEP_MS,
      `line ${BREAK_LINE} in the breakpoints panel (page errors: ${pageErrors()})`,
    );
  },
  STEP_MS * 2,
);

test(
  "the cell stops at the breakpoint: its frame in the call stack, its line highlighted, its local in the variables panel",
  async () => {
    await areaCell().locator(".cm-content").click();
    await page.keyboard.press("Shift+Enter");
    await pollUntil(
      () => frames().allInnerTexts(),
      (names) => names.length > 0,
      START_MS,
      `a stopped frame (page errors: ${pageErrors()})`,
    );
    await expect(frames().first().locator(".jp-DebuggerCallstackFrame-name").innerText()).resolves.toBe("area");
    const highlighted = areaCell().locator(".cm-line.jp-DebuggerEditor-highlight");
    await pollUntil(
      () => highlighted.allInnerTexts(),
      (lines) => lines.length === 1,
      STEP_MS,
      "the highlighted line",
    );
    await expect(highlighted.innerText()).resolves.toBe(AREA_CELL.split("\n")[BREAK_LINE - 1]);
    // The variables panel fills in after the stop: its scopes come in further requests.
    const product = await pollUntil(
      () => variableText("product"),
      (entry) => entry !== "",
      STEP_MS,
      "`product` in the variables panel",
    );
    expect(product.split(/\s+/)).toEqual(["product", String(WIDTH * HEIGHT)]);
    await expect(variableText("w")).resolves.toMatch(new RegExp(`^w\\s+${WIDTH}$`));
    // The cell is still running (the kernel's status says idle, as with ipykernel: each debug
    // request on control has its own busy and idle).
    await expect(areaCell().locator(".jp-InputPrompt").innerText()).resolves.toBe("[*]:");
    await page.screenshot({ path: screenshotPath("jupyterlab-debugger.png") });
  },
  START_MS + STEP_MS * 3,
);

test(
  "Continue in the call stack's toolbar lets the cell finish: its result shows and the kernel goes idle",
  async () => {
    await pollUntil(
      () => continueButton().getAttribute("title"),
      (title) => title === "Continue",
      STEP_MS,
      "the Continue button",
    );
    await continueButton().click();
    const result = areaCell().locator(".jp-OutputArea-executeResult .jp-OutputArea-output");
    await pollUntil(
      () => result.allInnerTexts(),
      (texts) => texts.join("").trim() === String(WIDTH * HEIGHT),
      STEP_MS,
      `the cell's result (page errors: ${pageErrors()})`,
    );
    await pollUntil(
      () => readKernelStatus(page),
      (status) => /Idle/i.test(status ?? ""),
      STEP_MS,
      "an idle kernel",
    );
    await expect(areaCell().locator(".jp-InputPrompt").innerText()).resolves.toMatch(/^\[\d+\]:$/);
    await expect(frames().count()).resolves.toBe(0);
    await expect(areaCell().locator(".jp-DebuggerEditor-highlight").count()).resolves.toBe(0);
  },
  STEP_MS * 3,
);
