// The kernel process: read the connection file, build the layers, install the captures and the
// globals cells use, and serve until a shutdown_request. Started by `tsloop kernel <file>`.
import { userInfo } from "node:os";
import { join } from "node:path";
import { v4 as uuid } from "uuid";
import { commPort } from "../src/comms";
import { installDebuggee } from "../src/debugger/debuggee";
import { bundleOf } from "../src/display/mime-bundle";
import { cellByScript } from "../src/evaluator/cells";
import { log } from "../src/log";
import { flushAllOutputs } from "../src/io/cell-output";
import { CellInterrupts } from "../src/interrupt/interrupt";
import { TypeScriptInterpreter } from "../src/interpreter/ts-interpreter";
import { MessageFactory } from "../src/protocol/messages";
import { KernelSession } from "../src/session/kernel";
import { loadConnectionFile } from "../src/transport/connection";
import { KernelSockets } from "../src/transport/kernel-sockets";
import { flushCompileCache } from "./compile-cache";
import { installCellGlobals, installProcessGuards } from "./globals";

export async function main(args: string[]): Promise<void> {
  const connection = loadConnectionFile(args[0]);
  if (!connection.ok) {
    process.stderr.write(`tsloop: ${connection.reason}\n`);
    process.exit(2);
  }
  const messages = new MessageFactory({ session: uuid(), username: safeUsername() });
  const sockets = new KernelSockets(connection.value, messages);
  const interrupts = new CellInterrupts();
  const interpreter = new TypeScriptInterpreter(interrupts);
  let stopping = false;
  const exit = exitClosingSockets(sockets);
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    interrupts.shuttingDown();
    await interpreter.shutdown().catch(() => undefined);
    await sockets.close().catch((error) => log("closing sockets:", error));
    exit(code);
  };
  const interrupt = (cell?: number) => void interrupts.fire(cell);
  const session = new KernelSession({ channels: sockets, interpreter, messages, comms: commPort, kernel: { interrupt, shutdown: () => void stop(0) } });
  installCellGlobals(process.cwd());
  installDebuggee({
    lines: (code) => interpreter.cellLines(code),
    record: (file) => {
      const cell = cellByScript(file);
      return cell && { source: cell.source.join("\n"), lines: cell.lines };
    },
    flush: () => {
      flushAllOutputs();
      sockets.flush();
    },
    bundle: (value) => bundleOf(value),
  });
  installProcessGuards(interrupt);
  interrupts.start();
  try {
    const io = { script: join(__dirname, "io-thread.js"), interpreterInfo: interpreter.kernelInfo(), interrupts: interrupts.memory };
    await sockets.open(io, { request: (channel, envelope) => session.receive(channel, envelope), interrupt, shutdown: () => void stop(0) });
  } catch (error) {
    process.stderr.write(`tsloop: cannot start: ${(error as Error).message}\n`);
    exit(1);
  }
  sockets.announceStarting();
  interpreter.start(); // after the sockets: its warm-up runs on this thread, kernel_info goes first
  setImmediate(flushCompileCache); // start-up's modules are loaded; after the replies now queued
}

/**
 * process.exit from a cell (or anything else) sends the pending output and closes the sockets
 * before the process ends, so the client sees a clean death and can restart. Returns the real exit.
 */
function exitClosingSockets(sockets: KernelSockets): (code?: number) => never {
  const realExit: (code?: number) => never = process.exit.bind(process);
  process.exit = (code?: number) => {
    flushAllOutputs();
    sockets.closeNow();
    realExit(code);
  };
  return realExit;
}

function safeUsername(): string {
  try {
    return userInfo().username;
  } catch {
    return "tsloop";
  }
}
