// The display API cells use: display(value) and display.html/markdown/svg/png/jpeg/json/latex,
// raw MIME bundles, display ids with update, and clearOutput. Outputs go to the calling cell.
import { v4 as uuid } from "uuid";
import { currentScope } from "../io/cell-scope";
import { bundleOf, MimeBundle } from "./mime-bundle";

export interface DisplayOptions {
  /** Give the output a display id so it can be updated later (true: a fresh id). */
  displayId?: string | boolean;
  metadata?: Record<string, unknown>;
}

export interface DisplayHandle {
  readonly displayId: string;
  update(value: unknown): void;
  updateBundle(bundle: MimeBundle): void;
}

function send(msgType: string, data: MimeBundle, options: DisplayOptions = {}, id?: string): void {
  const scope = currentScope();
  if (!scope) throw new Error("display() can only be called from a cell");
  const content: Record<string, unknown> = { data, metadata: options.metadata ?? {} };
  content.transient = id ? { display_id: id } : {};
  scope.output.send(msgType, content);
}

function publishBundle(data: MimeBundle, options: DisplayOptions = {}): DisplayHandle | undefined {
  const id = options.displayId === true ? uuid() : options.displayId || undefined;
  send("display_data", data, options, id);
  return id ? handle(id, options) : undefined;
}

function handle(displayId: string, options: DisplayOptions): DisplayHandle {
  return {
    displayId,
    update: (value) => send("update_display_data", bundleOf(value), options, displayId),
    updateBundle: (bundle) => send("update_display_data", withText(bundle), options, displayId),
  };
}

function withText(bundle: MimeBundle): MimeBundle {
  return "text/plain" in bundle ? bundle : { "text/plain": "", ...bundle };
}

function base64(image: Buffer | Uint8Array | string): string {
  return typeof image === "string" ? image : Buffer.from(image).toString("base64");
}

/** Shows a value: its rich bundle when it has one, else Node's inspect text. */
export function display(value: unknown, options?: DisplayOptions): DisplayHandle | undefined {
  return publishBundle(bundleOf(value), options);
}

const mime = (type: string) => (value: string, options?: DisplayOptions) =>
  publishBundle({ "text/plain": `<${type}>`, [type]: value }, options);

display.html = mime("text/html");
display.markdown = mime("text/markdown");
display.svg = mime("image/svg+xml");
display.latex = mime("text/latex");
display.text = (text: string, options?: DisplayOptions) => publishBundle({ "text/plain": text }, options);
display.json = (value: unknown, options?: DisplayOptions) =>
  publishBundle({ "text/plain": JSON.stringify(value, null, 2), "application/json": value }, options);
display.png = (image: Buffer | Uint8Array | string, options?: DisplayOptions) =>
  publishBundle({ "text/plain": "<image/png>", "image/png": base64(image) }, options);
display.jpeg = (image: Buffer | Uint8Array | string, options?: DisplayOptions) =>
  publishBundle({ "text/plain": "<image/jpeg>", "image/jpeg": base64(image) }, options);
/** A raw MIME bundle, e.g. { "text/html": "<b>hi</b>", "text/plain": "hi" }. */
display.bundle = (bundle: MimeBundle, options?: DisplayOptions) => publishBundle(withText(bundle), options);

/** Clears the calling cell's output; with wait, only when the next output arrives. */
export function clearOutput(options: { wait?: boolean } = {}): void {
  const scope = currentScope();
  if (!scope) throw new Error("clearOutput() can only be called from a cell");
  scope.output.send("clear_output", { wait: Boolean(options.wait) });
}
