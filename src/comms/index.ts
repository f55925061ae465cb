// The comms: `comms`, the API cells use (a global and an export of "tsloop"), and `commPort`, what
// the session hands incoming comm messages to. Both share one registry; connectComms (called by
// kernel/globals.ts) ties outgoing messages to the cells' outputs.
import type { Comm } from "./comm";
import { publishComm } from "./comm";
import { IncomingComms } from "./incoming";
import { CommRegistry, TargetHandler } from "./registry";
import type { BufferLike, JsonObject } from "./types";

export { Comm } from "./comm";
export { cellCallback, connectComms, type CommEnvironment } from "./outlet";
export type { TargetHandler } from "./registry";
export type { BufferLike, CommMessage, JsonObject, MessageCallback } from "./types";

const registry = new CommRegistry();

export interface CommsApi {
  /** Runs `handler(comm, openMessage)` when the frontend opens a comm to `targetName`. */
  registerTarget(targetName: string, handler: TargetHandler): void;
  unregisterTarget(targetName: string): void;
  /** Opens a comm to the frontend's `targetName` (a comm_open on iopub). */
  open(targetName: string, data?: JsonObject, metadata?: JsonObject, buffers?: BufferLike[]): Comm;
}

export const comms: CommsApi = {
  registerTarget: (targetName, handler) => registry.registerTarget(targetName, handler),
  unregisterTarget: (targetName) => registry.unregisterTarget(targetName),
  open(targetName, data = {}, metadata = {}, buffers = []) {
    const comm = registry.add(targetName);
    publishComm("commOpen", { comm_id: comm.id, target_name: targetName, data }, metadata, buffers);
    return comm;
  },
};

/** The session's Comms port. */
export const commPort = new IncomingComms(registry);
