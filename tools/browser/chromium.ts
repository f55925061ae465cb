// Debian's Chromium, headless, driven by playwright-core: the README's pictures (tools/pictures/)
// and the browser tests (test/browser/) open their pages with it.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

// Without the background-networking flags Chromium keeps reaching for Google's services, and on a
// closed network its own connections are then refused; QUIC and the GPU are not there either.
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Chromium {
  context: BrowserContext;
  /** Closes the browser and removes its profile. */
  close: () => Promise<void>;
}

/** Starts Chromium with a fresh profile (its --user-data-dir) in a temp folder. */
export async function launchChromium(viewport = { width: 1180, height: 800 }): Promise<Chromium> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (bash test/jupyter-stack.sh)`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "tsloop-chromium-"));
  try {
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport });
    const close = async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    };
    return { context, close };
  } catch (error) {
    fs.rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
