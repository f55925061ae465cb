// A worker thread that owns the type checker: loads the language service in the background (a
// few seconds, never on the kernel's main thread), says "ready", then answers requests in order.
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import * as ts from "typescript";
import { CellChecker } from "./cell-checker";

export type CheckerRequest = { id: number; kind: "check" | "commit"; code: string } | { id: number; kind: "complete" | "info"; code: string; position: number };

const checker = new CellChecker(ts, (workerData as { cwd: string }).cwd, join(__dirname, ".."));
warmUp();
parentPort!.postMessage({ ready: true });

parentPort!.on("message", (request: CheckerRequest) => {
  try {
    parentPort!.postMessage({ id: request.id, ok: true, value: answer(request) });
  } catch (error) {
    parentPort!.postMessage({ id: request.id, ok: false, reason: String((error as Error)?.stack ?? error) });
  }
});

function answer(request: CheckerRequest): unknown {
  switch (request.kind) {
    case "check":
      return { diagnostics: checker.check(request.code), historyVersion: checker.historyVersion };
    case "commit":
      checker.commit(request.code);
      return checker.historyVersion;
    case "complete":
      return checker.completions(request.code, request.position);
    case "info":
      return checker.quickInfo(request.code, request.position);
  }
}

/** Loads the libraries, @types/node and the globals' types, and runs each path a request takes. */
function warmUp(): void {
  const code = 'const warm: number = 1;\nconsole.log(warm, process.env.HOME);\nawait asyncio.sleep(0);\ndisplay.html("x");\nwarm.toF';
  checker.check(code);
  checker.completions(code, code.length);
  checker.quickInfo(code, 8);
}
