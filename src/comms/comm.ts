// One comm: its id and target, send and close, and the callbacks for what the frontend sends.
// Messages leave through the outlet; the registry forgets a comm once it is closed.
import { log } from "../log";
import { cellCallback, currentPublisher } from "./outlet";
import type { BufferLike, CommMessage, CommPublisher, JsonObject, MessageCallback } from "./types";

/** Package-internal: how the incoming side hands a comm its messages. */
export const deliver = Symbol("deliver");
export const closedByFrontend = Symbol("closedByFrontend");

export function asBuffers(buffers: BufferLike[]): Buffer[] {
  return buffers.map((b) => (ArrayBuffer.isView(b) ? Buffer.from(b.buffer, b.byteOffset, b.byteLength) : Buffer.from(b)));
}

type Kind = "commOpen" | "commMsg" | "commClose";

/** Publishes one comm message now; with no publisher (no cell has run) it is dropped and logged. */
export function publishComm(kind: Kind, content: { comm_id: string; data: JsonObject; target_name?: string }, metadata: JsonObject, buffers: BufferLike[]) {
  const publisher: CommPublisher | undefined = currentPublisher();
  if (!publisher) return log(`${kind} for comm ${content.comm_id} dropped: no cell to send it with`);
  const extras = { metadata, buffers: asBuffers(buffers) };
  if (kind === "commOpen") publisher.commOpen({ ...content, target_name: content.target_name ?? "" }, extras);
  else publisher[kind](content, extras);
}

export class Comm {
  private readonly messageCallbacks: Array<(message: CommMessage) => void> = [];
  private readonly closeCallbacks: Array<(message: CommMessage) => void> = [];
  private open = true;

  constructor(
    readonly id: string,
    readonly targetName: string,
    private readonly forget: (comm: Comm) => void,
  ) {}

  get closed(): boolean {
    return !this.open;
  }

  /** Sends a comm_msg to the frontend. */
  send(data: JsonObject = {}, metadata: JsonObject = {}, buffers: BufferLike[] = []): void {
    if (!this.open) throw new Error(`comm ${this.id} (${this.targetName}) is closed`);
    publishComm("commMsg", { comm_id: this.id, data }, metadata, buffers);
  }

  /** Closes the comm (a comm_close to the frontend); closing a closed comm does nothing. */
  close(data: JsonObject = {}, metadata: JsonObject = {}, buffers: BufferLike[] = []): void {
    if (!this.open) return;
    this.open = false;
    this.forget(this);
    publishComm("commClose", { comm_id: this.id, data }, metadata, buffers);
  }

  /** Calls `callback` with every comm_msg the frontend sends, in the context of the calling cell. */
  onMessage(callback: MessageCallback): void {
    this.messageCallbacks.push(cellCallback(callback));
  }

  /** Calls `callback` with the frontend's comm_close. */
  onClose(callback: MessageCallback): void {
    this.closeCallbacks.push(cellCallback(callback));
  }

  [deliver](message: CommMessage): void {
    for (const callback of this.messageCallbacks) callback(message);
  }

  [closedByFrontend](message: CommMessage): void {
    if (!this.open) return;
    this.open = false;
    this.forget(this);
    for (const callback of this.closeCallbacks) callback(message);
  }
}
