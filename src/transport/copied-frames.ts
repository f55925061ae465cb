// Sends whose frames ZeroMQ copies, for the io thread. ZeroMQ sends a Buffer of over 128 bytes
// without copying it and releases it later, from its own thread, through the addon instance of the
// thread that sent it. Once the io thread has ended (the process exits, the worker is terminated)
// that instance is freed memory, and a late release corrupts the heap: glibc aborts the process
// ("corrupted double-linked list"). A string, ZeroMQ copies at once. So every frame that is text
// (a message's JSON parts, its signature) goes as a string; a binary frame (a comm's buffer) stays.
import { isUtf8 } from "node:buffer";
import type { Sendable } from "./send-queue";

/** The largest frame ZeroMQ copies anyway (zeromq.js' zero-copy threshold). */
const COPIED_ANYWAY = 128;

type Frame = Buffer | string;

export interface FrameSocket {
  send(frames: Frame[]): Promise<void>;
}

export function copyingSends(socket: FrameSocket): Sendable {
  return { send: (frames) => socket.send(frames.map(copiedFrame)) };
}

function copiedFrame(frame: Buffer): Frame {
  return frame.length > COPIED_ANYWAY && isUtf8(frame) ? frame.toString("utf8") : frame;
}
