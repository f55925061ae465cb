// A value's MIME bundle: its own [Symbol.for("Jupyter.display")]() bundle if it has one (the
// convention Deno's kernel uses), always with text/plain in Node's inspect style.
import { inspect } from "node:util";

export type MimeBundle = Record<string, unknown>;

export const DISPLAY_SYMBOL = Symbol.for("Jupyter.display");

export function textPlain(value: unknown): string {
  return inspect(value, { depth: 4, maxArrayLength: 100, maxStringLength: 10_000, breakLength: 100 });
}

export function bundleOf(value: unknown): MimeBundle {
  const own = ownBundle(value);
  return own ? { "text/plain": textPlain(value), ...own } : { "text/plain": textPlain(value) };
}

function ownBundle(value: unknown): MimeBundle | undefined {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return undefined;
  const method = (value as Record<symbol, unknown>)[DISPLAY_SYMBOL];
  if (typeof method !== "function") return undefined;
  const bundle: unknown = method.call(value);
  return bundle && typeof bundle === "object" ? (bundle as MimeBundle) : undefined;
}
