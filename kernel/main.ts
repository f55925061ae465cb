// The kernel process: read the connection file, build the layers, install the captures and the
// globals cells use, and serve until a shutdown_request. Started by `tsloop kernel <file>`.
import { userInfo } from "node:os";
import { v4 as uuid } from "uuid";
import { log } from "../src/log";
import { loadConnectionFile } from "../src/transport/connection";
import { KernelSockets } from "../src/transport/kernel-sockets";
import { installTerminationHook } from "../src/transport/main-thread-stop";
import { flushAllOutputs } from "../src/io/cell-output";
import { KernelSession } from "../src/session/kernel";
import { TypeScriptInterpreter } from "../src/interpreter/ts-interpreter";
import { installCellGlobals, installProcessGuards } from "./globals";

export async function main(args: string[]): Promise<void> {
  const connection = loadConnectionFile(args[0]);
  if (!connection.ok) {
    process.stderr.write(`tsloop: ${connection.reason}\n`);
    process.exit(2);
  }
  const identity = { session: uuid(), username: safeUsername() };
  const sockets = new KernelSockets(connection.value, identity);
  const interpreter = new TypeScriptInterpreter(sockets.pulse);
  let stopping = false;
  const exit = exitClosingSockets(sockets);
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await interpreter.shutdown().catch(() => undefined);
    await sockets.close().catch((error) => log("closing sockets:", error));
    exit(code);
  };
  const session = new KernelSession({ channels: sockets, interpreter, identity, onShutdown: () => void stop(0) });
  installCellGlobals(process.cwd());
  installProcessGuards(() => interpreter.interrupt());
  installTerminationHook();
  interpreter.start();
  try {
    await sockets.open(session.kernelInfo(), {
      request: (channel, envelope) => session.receive(channel, envelope),
      interrupt: (_, requestedAt) => interpreter.interrupt(requestedAt),
      shutdown: () => void stop(0),
    });
  } catch (error) {
    process.stderr.write(`tsloop: cannot start: ${(error as Error).message}\n`);
    exit(1);
  }
  sockets.publish({ header: { ...newStatusHeader(identity) }, parent_header: {}, metadata: {}, content: { execution_state: "starting" }, buffers: [] });
}

/**
 * process.exit from a cell (or anything else) sends the pending output and closes the sockets
 * before the process ends, so the client sees a clean death and can restart. Returns the real exit.
 */
function exitClosingSockets(sockets: KernelSockets): (code?: number) => never {
  const realExit = process.exit.bind(process) as (code?: number) => never;
  process.exit = ((code?: number) => {
    flushAllOutputs();
    sockets.closeNow();
    realExit(code);
  }) as typeof process.exit;
  return realExit;
}

function newStatusHeader(identity: { session: string; username: string }) {
  return { msg_id: uuid(), msg_type: "status" as const, session: identity.session, username: identity.username, date: new Date().toISOString(), version: "5.3" };
}

function safeUsername(): string {
  try {
    return userInfo().username;
  } catch {
    return "tsloop";
  }
}
