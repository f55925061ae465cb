// One cell's outputs. Adjacent writes of one stream are batched into one stream output (flushed
// after a short window, at a size limit, or before any other output of the cell), so a cell's
// outputs keep their order and 100,000 small writes stay fast.
export type StreamName = "stdout" | "stderr";
export type MimeBundle = Record<string, unknown>;
export type Metadata = Record<string, unknown>;

/** A comm message's content and extras, passed through to the session's publisher as they are. */
type CommContent = { comm_id: string; data: Record<string, unknown> };
type CommExtras = { metadata: Metadata; buffers: Buffer[] };

/** Where a cell's outputs go: the session's publisher for the request (typed, one call per kind);
 * the comm messages a cell sends leave through it too (src/comms/), after the text before them. */
export interface OutputSink {
  commOpen(content: CommContent & { target_name: string }, extras: CommExtras): void;
  commMsg(content: CommContent, extras: CommExtras): void;
  commClose(content: CommContent, extras: CommExtras): void;
  stream(name: StreamName, text: string): void;
  displayData(data: MimeBundle, metadata: Metadata, displayId?: string): void;
  updateDisplayData(data: MimeBundle, metadata: Metadata, displayId: string): void;
  clearOutput(wait: boolean): void;
  error(error: { ename: string; evalue: string; traceback: string[] }): void;
}

const FLUSH_DELAY_MS = 8;
const MAX_BATCH_CHARS = 256 * 1024;

/** Outputs holding unsent text, so an exiting process can send them first. */
const unsent = new Set<CellOutput>();

export function flushAllOutputs(): void {
  for (const output of [...unsent]) output.flush();
}

export class CellOutput {
  private stream: StreamName = "stdout";
  private chunks: string[] = [];
  private size = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly sink: OutputSink) {}

  write(stream: StreamName, text: string): void {
    if (text === "") return;
    if (stream !== this.stream) this.flush();
    this.stream = stream;
    this.chunks.push(text);
    unsent.add(this);
    this.size += text.length;
    if (this.size >= MAX_BATCH_CHARS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS).unref();
  }

  /** The sink for any other output, once what was written before it is sent. */
  flushed(): OutputSink {
    this.flush();
    return this.sink;
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    unsent.delete(this);
    if (this.chunks.length === 0) return;
    const text = this.chunks.join("");
    this.chunks = [];
    this.size = 0;
    this.sink.stream(this.stream, text);
  }
}
