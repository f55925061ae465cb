// Terminal rendering of a notebook run: `In [n]:` with the source, outputs as a notebook shows
// them (Out[n]: for results, tracebacks, placeholders for rich output) and late output.
import type { Envelope } from "../../protocol/message";
import { isObject, JsonObject, jsonText } from "./notebook";

export interface Sink {
  write(text: string): void;
}

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]/g;
const BASE64_MIMES = /^image\/(png|jpeg|gif|webp|bmp)$/;
/** Rich types whose text reads well in a terminal. */
const TEXTUAL = ["text/markdown", "text/latex", "application/json"];

export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function byteSize(mime: string, value: unknown): number {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
  if (BASE64_MIMES.test(mime)) return Buffer.from(text, "base64").length;
  return Buffer.byteLength(text, "utf8");
}

/** The text a terminal shows for a MIME bundle: text/plain when useful, else one placeholder line. */
export function bundleText(data: JsonObject): string {
  const plain = typeof data["text/plain"] === "string" ? data["text/plain"] : undefined;
  const rich = Object.keys(data).filter((k) => k !== "text/plain");
  const placeholderText = plain === undefined || plain.trim() === "" || (rich.length > 0 && /^<[^<>\n]*>$/.test(plain.trim()));
  if (!placeholderText) return plain;
  const textual = TEXTUAL.find((k) => k in data);
  if (textual) return typeof data[textual] === "string" ? data[textual] : JSON.stringify(data[textual], null, 2);
  if (rich.length === 0) return plain ?? "";
  return rich.map((mime) => `[${mime}, ${formatSize(byteSize(mime, data[mime]))}]`).join(" ");
}

export interface RenderOptions {
  /** Keep ANSI escapes in tracebacks (stdout is a terminal). */
  ansi: boolean;
  /** Colour the prompts. */
  color: boolean;
}

export class Renderer {
  private atLineStart = true;
  /** The cell whose late output is being printed, so its header is printed once per run of messages. */
  private lateCell: number | undefined;
  private started = false;

  constructor(
    private readonly out: Sink,
    private readonly options: RenderOptions,
  ) {}

  write(text: string): void {
    if (text === "") return;
    this.out.write(text);
    this.atLineStart = text.endsWith("\n");
  }

  line(text = ""): void {
    this.newline();
    this.write(`${text}\n`);
  }

  private newline(): void {
    if (!this.atLineStart) this.write("\n");
  }

  private paint(code: string, text: string): string {
    return this.options.color ? `\x1b[${code}m${text}\x1b[0m` : text;
  }

  notebookHeader(name: string): void {
    if (this.started) this.line();
    this.started = true;
    this.line(this.paint("1", `=== ${name} ===`));
  }

  input(count: number | null, source: string): void {
    this.lateCell = undefined;
    const prompt = `In [${count ?? " "}]: `;
    const continuation = `${" ".repeat(Math.max(0, prompt.length - 5))}...: `;
    const lines = source.replace(/\n+$/, "").split("\n");
    this.newline();
    this.write("\n");
    this.write(`${this.paint("32", prompt)}${lines[0]}\n`);
    for (const l of lines.slice(1)) this.write(`${this.paint("32", continuation)}${l}\n`);
  }

  /** Prints a late message of an earlier cell under a `[late output of In [n]]` header. */
  late(cell: number, count: number | null, message: Envelope): void {
    if (!this.printable(message)) return;
    if (this.lateCell !== cell) {
      this.newline();
      this.write("\n");
      this.write(this.paint("33", `[late output of In [${count ?? " "}]]`) + "\n");
      this.lateCell = cell;
    }
    this.message(message);
  }

  /** Prints an output message of the running cell. */
  current(message: Envelope): void {
    if (!this.printable(message)) return;
    if (this.lateCell !== undefined) {
      this.newline();
      this.lateCell = undefined;
    }
    this.message(message);
  }

  private printable(message: Envelope): boolean {
    return ["stream", "execute_result", "display_data", "update_display_data", "error"].includes(message.header.msg_type);
  }

  private message(message: Envelope): void {
    const c = message.content as JsonObject;
    const data = isObject(c.data) ? c.data : {};
    switch (message.header.msg_type) {
      case "stream":
        this.write(jsonText(c.text ?? ""));
        break;
      case "execute_result": {
        const text = bundleText(data);
        const prompt = this.paint("31", `Out[${typeof c.execution_count === "number" ? c.execution_count : " "}]:`);
        this.newline();
        this.write(text.includes("\n") ? `${prompt}\n${text}\n` : `${prompt} ${text}\n`);
        break;
      }
      case "display_data":
        this.line(bundleText(data));
        break;
      case "update_display_data":
        this.line(`[display updated] ${bundleText(data)}`);
        break;
      case "error": {
        const traceback = Array.isArray(c.traceback) ? c.traceback.map(String).join("\n") : `${jsonText(c.ename)}: ${jsonText(c.evalue)}`;
        this.line(this.options.ansi ? traceback : stripAnsi(traceback));
        break;
      }
    }
  }
}
