// The display API cells use: display(value) and display.html/markdown/svg/png/jpeg/json/latex,
// raw MIME bundles, display ids with update, and clearOutput. Outputs go to the calling cell.
import { v4 as uuid } from "uuid";
import type { OutputSink } from "../io/cell-output";
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

/** The calling cell's outputs (flushed, so a display comes after what the cell printed before). */
function cellOutputs(caller: string): OutputSink {
  const scope = currentScope();
  if (!scope) throw new Error(`${caller}() can only be called from a cell`);
  return scope.output.flushed();
}

function publishBundle(data: MimeBundle, options: DisplayOptions = {}): DisplayHandle | undefined {
  const id = options.displayId === true ? uuid() : options.displayId || undefined;
  cellOutputs("display").displayData(data, options.metadata ?? {}, id);
  return id ? handle(id, options) : undefined;
}

function handle(displayId: string, options: DisplayOptions): DisplayHandle {
  const update = (bundle: MimeBundle) => cellOutputs("update").updateDisplayData(bundle, options.metadata ?? {}, displayId);
  return {
    displayId,
    update: (value) => update(bundleOf(value)),
    updateBundle: (bundle) => update(withText(bundle)),
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

const mime = (type: string) => (value: string, options?: DisplayOptions) => publishBundle({ "text/plain": `<${type}>`, [type]: value }, options);

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
  cellOutputs("clearOutput").clearOutput(Boolean(options.wait));
}
