// What the main thread and the io thread say to each other over their MessagePort.
// Buffers arrive as Uint8Array after structured cloning: `revive` turns them back.
import type { Identity } from "../protocol/header";
import type { Envelope, KernelMessage, Message } from "../protocol/message";
import type { ConnectionInfo } from "./connection";

export interface IoThreadConfig {
  connection: ConnectionInfo;
  identity: Identity;
  /** The interpreter's static part of kernel_info_reply, so control can answer while the main thread is blocked. */
  interpreterInfo: Omit<KernelMessage.IInfoReply, "status" | "protocol_version">;
  /** The interrupt path's shared memory (see interrupt/interrupt.ts). */
  interrupts: SharedArrayBuffer;
  /** The iopub back-pressure counter (see output-flow.ts). */
  flow: SharedArrayBuffer;
  /** Set to 1 (and notified) once the io thread closed its sockets, for a synchronous exit. */
  closed: SharedArrayBuffer;
  /** The slot of a synchronous prompt()'s reply (see sync-input.ts). */
  syncInput: SharedArrayBuffer;
}

export type ToIoThread =
  | { kind: "publish"; message: Message; size: number }
  | { kind: "control-reply"; identities: Buffer[]; message: Message }
  /** `sync`: the main thread waits for the reply in the sync-input slot. */
  | { kind: "input-request"; identities: Buffer[]; message: Message; sync: boolean }
  | { kind: "batch"; messages: ToIoThread[] }
  | { kind: "close" };

export type FromIoThread =
  | { kind: "ready" }
  | { kind: "failed"; reason: string }
  | { kind: "control"; envelope: Envelope }
  | { kind: "input-reply"; envelope: Envelope }
  /** `cell`: the number of the cell that ran when the interrupt arrived (0: none). */
  | { kind: "interrupt"; cell: number }
  | { kind: "shutdown"; restart: boolean }
  | { kind: "closed" };

export function reviveBuffers(list: ArrayLike<Uint8Array> | undefined): Buffer[] {
  return Array.from(list ?? [], (item) => (Buffer.isBuffer(item) ? item : Buffer.from(item.buffer, item.byteOffset, item.byteLength)));
}

export function reviveMessage<M extends Message>(message: M): M {
  return { ...message, buffers: reviveBuffers(message.buffers) };
}

export function reviveEnvelope(envelope: Envelope): Envelope {
  return { ...reviveMessage(envelope), identities: reviveBuffers(envelope.identities) };
}
