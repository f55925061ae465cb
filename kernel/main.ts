// The kernel process: read the connection file, build the layers, install the captures and the
// globals cells use, and serve until a shutdown_request. Started by `tsloop kernel <file>`.
import { userInfo } from "node:os";
import { v4 as uuid } from "uuid";
import { log } from "../src/log";
import { loadConnectionFile } from "../src/transport/connection";
import { KernelSockets } from "../src/transport/kernel-sockets";
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
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await interpreter.shutdown().catch(() => undefined);
    await sockets.close().catch((error) => log("closing sockets:", error));
    process.exit(code);
  };
  const session = new KernelSession({ channels: sockets, interpreter, identity, onShutdown: () => void stop(0) });
  installCellGlobals(process.cwd());
  installProcessGuards(() => interpreter.interrupt());
  interpreter.start();
  try {
    await sockets.open(session.kernelInfo(), {
      request: (channel, envelope) => session.receive(channel, envelope),
      interrupt: () => interpreter.interrupt(),
      shutdown: () => void stop(0),
    });
  } catch (error) {
    process.stderr.write(`tsloop: cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  sockets.publish({ header: { ...newStatusHeader(identity) }, parent_header: {}, metadata: {}, content: { execution_state: "starting" }, buffers: [] });
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
