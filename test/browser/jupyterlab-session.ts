// What the tests of JupyterLab's page share: the page bundled by esbuild into a temp folder that
// Debian's Jupyter Server serves as a static path beside its API (loopback, a token, tsloop's
// kernelspec), a notebook the test writes into the server's root, and headless Chromium on the
// page with that notebook open and its kernel idle.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { type Chromium, launchChromium } from "../../tools/browser/chromium";
import { type JupyterServer, startJupyterServer } from "../support/jupyter-server";
import { buildJupyterLabPage } from "./jupyterlab-page/build";
import { pageErrors, pollUntil } from "./page";

const PAGE_FOLDER = "tsloop-jupyterlab";

export interface JupyterLabSession {
  server: JupyterServer;
  page: Page;
  /** The page's uncaught errors, console errors and failed requests so far. */
  errors: string[];
  close(): Promise<void>;
}

/** The kernel status item's title in the notebook's toolbar ("Kernel status: Idle", …). */
export const kernelStatus = (page: Page): Promise<string | null> => page.locator('.jp-Toolbar [title^="Kernel "]').first().getAttribute("title");

export interface OpenOptions {
  /** How long each step may take: the server's start, the first cell's showing, the idle kernel (ms). */
  startMs: number;
  viewport?: { width: number; height: number };
}

/**
 * Opens the notebook `writeNotebook` writes into the server's root (it returns the file's name)
 * and waits for its first code cell and an idle kernel.
 */
export async function openJupyterLabPage(
  writeNotebook: (rootDir: string) => string,
  { startMs, viewport = { width: 1180, height: 900 } }: OpenOptions,
): Promise<JupyterLabSession> {
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
    server = await startJupyterServer({ startTimeout: startMs, extraArgs: [`--ServerApp.extra_static_paths=${JSON.stringify([staticDir])}`] });
    const notebook = writeNotebook(server.rootDir);
    chromium = await launchChromium(viewport);
    const page = await chromium.context.newPage();
    const errors = pageErrors(page);
    const query = new URLSearchParams({ baseUrl: server.baseUrl, token: server.token, notebook });
    await page.goto(`${server.baseUrl}static/${PAGE_FOLDER}/index.html?${query.toString()}`);
    await page.locator(".jp-Notebook .jp-CodeCell").first().waitFor({ timeout: startMs });
    await pollUntil(
      () => kernelStatus(page),
      (status) => /Idle/i.test(status ?? ""),
      startMs,
      `an idle kernel (page errors: ${errors.join("; ")})`,
    );
    return { server, page, errors, close };
  } catch (error) {
    await close();
    throw error;
  }
}
