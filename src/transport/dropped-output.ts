// Stream output dropped because iopub stopped moving: counted per request, and announced on that
// request (as a stderr line) as soon as iopub moves again, so a client sees what it missed.
import type { Message } from "../protocol/message";
import type { MessageFactory } from "../protocol/messages";

export class DroppedOutput {
  private readonly byParent = new Map<string, { parent: Pick<Message, "header">; lines: number }>();

  constructor(private readonly messages: MessageFactory) {}

  /** Counts a dropped stream message's lines against its parent request. */
  add(message: Message): void {
    const parent = { header: message.parent_header as Message["header"] };
    const key = String(parent.header.msg_id ?? "");
    const entry = this.byParent.get(key) ?? { parent, lines: 0 };
    const text = message.content.text;
    entry.lines += countLines(typeof text === "string" ? text : "");
    this.byParent.set(key, entry);
  }

  /** The notes to publish now (one per request that lost output); forgets them. */
  takeNotes(): Message[] {
    const notes = [...this.byParent.values()].map(({ parent, lines }) =>
      this.messages.stream(parent, "stderr", `[tsloop: ${lines} lines dropped: the output came faster than it could be sent]\n`),
    );
    this.byParent.clear();
    return notes;
  }
}

function countLines(text: string): number {
  let lines = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
  return text.endsWith("\n") || text === "" ? lines : lines + 1;
}
