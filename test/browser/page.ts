// What the browser tests share: where their screenshots go, and polling a page until what it
// shows passes a check (a loaded 2-core machine renders late; nothing here waits a fixed time).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
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

/** Collects the page's uncaught errors and console errors, for a failure message. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return errors;
}
