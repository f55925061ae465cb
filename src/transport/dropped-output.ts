// Stream output dropped because iopub stopped moving: counted per request, and announced on that
// request (as a stderr line) as soon as iopub moves again, so a client sees what it missed.
import { v4 as uuid } from "uuid";
import type { Message } from "../protocol/message";

export class DroppedOutput {
  private readonly byParent = new Map<string, { sample: Message; lines: number }>();

  /** Counts a dropped stream message's lines against its parent request. */
  add(message: Message): void {
    const key = String((message.parent_header as { msg_id?: string }).msg_id ?? "");
    const entry = this.byParent.get(key) ?? { sample: message, lines: 0 };
    entry.lines += countLines(String(message.content.text ?? ""));
    this.byParent.set(key, entry);
  }

  /** The notes to publish now (one per request that lost output); forgets them. */
  takeNotes(): Message[] {
    const notes = [...this.byParent.values()].map(({ sample, lines }) => note(sample, lines));
    this.byParent.clear();
    return notes;
  }
}

function note(sample: Message, lines: number): Message {
  const text = `[tsloop: ${lines} lines dropped: the output came faster than it could be sent]\n`;
  return { ...sample, header: { ...sample.header, msg_id: uuid(), date: new Date().toISOString() }, content: { name: "stderr", text }, buffers: [] };
}

function countLines(text: string): number {
  let lines = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
  return text.endsWith("\n") || text === "" ? lines : lines + 1;
}
