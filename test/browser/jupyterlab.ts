// What the JupyterLab browser tests share: a notebook opened in the page built from JupyterLab's
// npm packages (jupyterlab-page/, bundled by esbuild into a temp folder) that Debian's Jupyter
// Server serves as a static file beside its API, on loopback with a token and tsloop's kernelspec,
// in headless Chromium; and reading and running that page's cells.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { type Chromium, launchChromium } from "../../tools/browser/chromium";
import { type JupyterServer, startJupyterServer } from "../support/jupyter-server";
import { buildJupyterLabPage } from "./jupyterlab-page/build";
import { type CellClasses, pageErrors, pollUntil } from "./page";

/** Bound for a loaded 2-core machine: the bundle, the server, Chromium and the kernel start. */
export const START_MS = 180_000;
const PAGE_FOLDER = "tsloop-jupyterlab";

/** The classes JupyterLab gives a code cell, its editor and its outputs. */
export const LAB_CELLS: CellClasses = { cell: ".jp-CodeCell", input: ".jp-InputArea-editor", outputs: ".jp-OutputArea" };

export interface OpenNotebook {
  page: Page;
  /** The page's errors so far, for failure messages. */
  errors: string[];
  close(): Promise<void>;
}

export const readKernelStatus = (page: Page): Promise<string | null> => page.locator('.jp-Toolbar [title^="Kernel "]').first().getAttribute("title");

/**
 * Builds the page, starts the server, writes the notebook into its folder (`writeNotebook` returns
 * its name) and opens it in Chromium; resolves once its kernel is idle. What started is stopped if
 * a later step fails.
 */
export async function openJupyterLabNotebook(writeNotebook: (dir: string) => string, viewport = { width: 1180, height: 900 }): Promise<OpenNotebook> {
  const staticDir = mkdtempSync(join(tmpdir(), "tsloop-lab-page-"));
  let server: JupyterServer | undefined;
  let chromium: Chromium | undefined;
  const close = async () => {
    await chromium?.close();
    await server?.stop();
    rmSync(staticDir, { recursive: true, force: true });
  };
  try {
    await buildJupyterLabPage(join(staticDir, PAGE_FOLDER));
    server = await startJupyterServer({ startTimeout: START_MS, extraArgs: [`--ServerApp.extra_static_paths=${JSON.stringify([staticDir])}`] });
    const name = writeNotebook(server.rootDir);
    chromium = await launchChromium(viewport);
    const page = await chromium.context.newPage();
    const errors = pageErrors(page);
    const query = new URLSearchParams({ baseUrl: server.baseUrl, token: server.token, notebook: name });
    await page.goto(`${server.baseUrl}static/${PAGE_FOLDER}/index.html?${query.toString()}`);
    await page.locator(".jp-Notebook .jp-CodeCell").first().waitFor({ timeout: START_MS });
    await pollUntil(
      () => readKernelStatus(page),
      (status) => /Idle/i.test(status ?? ""),
      START_MS,
      `an idle kernel (page errors: ${errors.join("; ")})`,
    );
    return { page, errors, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Clicks into `target`'s editor, types `code` (if any) and runs the cell with Shift+Enter. */
export async function runCell(page: Page, target: Locator, code = ""): Promise<Locator> {
  await target.locator(".cm-content").click();
  if (code) await page.keyboard.type(code);
  await page.keyboard.press("Shift+Enter");
  return target;
}

/** Types `code` into the last cell's editor and runs it (which adds a new last cell). */
export async function runInLastCell(page: Page, code: string): Promise<Locator> {
  // By its index: once it runs, a new cell is the last one.
  const cells = page.locator(LAB_CELLS.cell);
  return runCell(page, cells.nth((await cells.count()) - 1), code);
}
