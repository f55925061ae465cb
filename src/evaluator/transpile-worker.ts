// A worker thread that loads TypeScript and transpiles cells, so loading the compiler (a few
// hundred ms) never blocks the kernel's main thread, and start-up does not wait for it.
import { parentPort } from "node:worker_threads";
import * as ts from "typescript";
import { transpileCell } from "./transpile";

export interface TranspileRequest {
  id: number;
  code: string;
  fileName: string;
}

// Warm the compiler once so the first real cell does not pay for its lazy initialisation.
transpileCell(ts, "const warm: number = 1; warm", "warm.ts");

parentPort!.on("message", (request: TranspileRequest) => {
  try {
    parentPort!.postMessage({ id: request.id, ok: true, cell: transpileCell(ts, request.code, request.fileName) });
  } catch (error) {
    parentPort!.postMessage({ id: request.id, ok: false, reason: String((error as Error)?.stack ?? error) });
  }
});
