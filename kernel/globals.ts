// What every cell finds without an import (display, input and prompt, comms, widgets, the asyncio-like layer, require,
// the import loader, import() and import.meta, __dirname and __filename), the per-cell stream
// capture, the comms' way out through the cells' outputs, and guards that keep the kernel alive.
import { Console } from "node:console";
import { existsSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { comms, connectComms } from "../src/comms";
import * as widgets from "../src/widgets";
import { installWidgetTargets } from "../src/widgets/control-target";
import { clearOutput, display } from "../src/display/display";
import { hidePromiseInternals } from "../src/display/promise-inspect";
import { createLoader } from "../src/evaluator/loader";
import { DYNAMIC_IMPORT, IMPORT_META, LOADER } from "../src/evaluator/module-globals";
import { reportThrown } from "../src/evaluator/errors";
import { currentScope, holdCell } from "../src/io/cell-scope";
import { alert, confirm, getpass, input, prompt } from "../src/io/input";
import { installStreamCapture } from "../src/io/stream-capture";
import { installGlobals as installCoroutineGlobals, onRunUntilComplete } from "../src/coroutines";
import { log } from "../src/log";
import * as tsloopModule from "../src/index";

export function installCellGlobals(baseDir: string): void {
  const modules = createLoader(baseDir, { tsloop: tsloopModule }, notebookFile(baseDir));
  const globals: Record<string, unknown> = {
    display,
    clearOutput,
    input,
    getpass,
    prompt,
    confirm,
    alert,
    comms,
    widgets,
    require: modules.require,
    __dirname: modules.meta.dirname,
    __filename: modules.meta.filename,
    [LOADER]: modules.load,
    [DYNAMIC_IMPORT]: modules.dynamicImport,
    [IMPORT_META]: modules.meta,
  };
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  }
  connectComms({ cellPublisher: () => currentScope()?.output.flushed(), reportError: showOnCell("comm callback") });
  installWidgetTargets();
  installCoroutineGlobals(globalThis);
  onRunUntilComplete((run) => holdCell(run));
  installStreamCapture();
  hidePromiseInternals();
  // With an inspector session connected (the Runner's), Node's global console mirrors every call
  // into V8's inspector console first (~2.5 µs a call); a plain Console over the same (captured)
  // streams formats the same and skips that.
  Object.defineProperty(globalThis, "console", {
    value: Object.assign(new Console({ stdout: process.stdout, stderr: process.stderr }), { Console }),
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

/** The notebook's file when the frontend names it (Jupyter Server sets JPY_SESSION_NAME to the
 * notebook's path from its root, and starts the kernel in the notebook's folder), so
 * `import.meta.filename` names it; else undefined (a file of the cell's own). */
function notebookFile(baseDir: string): string | undefined {
  const named = process.env.JPY_SESSION_NAME;
  if (!named || !named.endsWith(".ipynb")) return undefined;
  return [resolve(baseDir, named), join(baseDir, basename(named))].find((file) => existsSync(file));
}

/** Shows `thrown` as an error output on the cell that started the code running now. */
const showOnCell = (kind: string) => (thrown: unknown) => {
  const scope = currentScope();
  if (!scope) return log(`${kind} outside any cell:`, thrown);
  scope.output.flushed().error(reportThrown(thrown));
};

/** An error nobody caught lands as an error output on the cell that started the code. */
export function installProcessGuards(interrupt: () => void): void {
  // A launcher that died leaves our stdout/stderr pipes broken (EPIPE): a log line must not
  // become an uncaught error, which would log again and keep the kernel from shutting down.
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);
  process.on("uncaughtException", showOnCell("uncaught exception"));
  process.on("unhandledRejection", showOnCell("unhandled rejection"));
  process.on("SIGINT", interrupt); // clients should use interrupt_request, but a signal must not kill us
}
