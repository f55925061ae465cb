// What the browser tests share: where their screenshots go, and polling a page until what it
// shows passes a check (a loaded 2-core machine renders late; nothing here waits a fixed time).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { CELLS, LATER_DONE, TIMER_LATE } from "./lesson-copy";
import { ROOT } from "../support/kernel";

/** The tests' artifacts (gitignored): one screenshot per page. */
export const RESULTS = join(ROOT, "test-results");

export function screenshotPath(name: string): string {
  mkdirSync(RESULTS, { recursive: true });
  return join(RESULTS, name);
}

/** Polls `read` every 200 ms until `done` holds of its value; throws with the last value after `ms`. */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Collects the page's uncaught errors, console errors and failed requests, for a failure message. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
  });
  return errors;
}

/** The classes a notebook front end gives a code cell, its input and its outputs. */
export interface CellClasses {
  cell: string;
  input: string;
  outputs: string;
}

/** Finds a code cell by a snippet of its source, and reads the text of its outputs. */
export function cellFinder(page: Page, classes: CellClasses) {
  const cell = (snippet: string): Locator => page.locator(classes.cell, { has: page.locator(classes.input, { hasText: snippet }) });
  const outputText = (snippet: string): Promise<string> =>
    cell(snippet)
      .locator(classes.outputs)
      .allInnerTexts()
      .then((t) => t.join("\n"));
  return { cell, outputText };
}

/**
 * Waits for the lesson copy's timer line and then for the cell after it to finish; returns what
 * both cells showed when the timer's line first appeared (the next cell had not printed yet: the
 * timer fires about 2 s after its cell ended, and the next cell sleeps 6 s).
 */
export async function watchLateLine(outputText: (snippet: string) => Promise<string>, ms: number, errors: string[]) {
  const whenLate = await pollUntil(
    async () => ({ timer: await outputText(CELLS.timer), later: await outputText(CELLS.later) }),
    (seen) => seen.timer.includes(TIMER_LATE) || seen.later.includes(LATER_DONE),
    ms,
    `"${TIMER_LATE}" in the timer's cell (page errors: ${errors.join("; ")})`,
  );
  await pollUntil(
    () => outputText(CELLS.later),
    (text) => text.includes(LATER_DONE),
    ms,
    `"${LATER_DONE}"`,
  );
  return whenLate;
}
