// Widget state on the wire (protocol 2): a widget becomes "IPY_MODEL_<id>", binary values leave
// the state for the message's buffers with their paths (buffer_paths), and come back the same way.
import type { BufferLike } from "../comms";

/** What a widget answers with its model id (kept here so the wire needs no widget class). */
export const MODEL_ID = Symbol.for("tsloop.widget.modelId");

type Path = Array<string | number>;
export interface WireState {
  state: Record<string, unknown>;
  buffer_paths: Path[];
  buffers: BufferLike[];
}

const isBinary = (value: unknown): value is BufferLike => ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;

/** A state value as JSON sees it: widgets as references, arrays and plain objects copied; binary kept. */
export function toWire(value: unknown): unknown {
  if (value !== null && typeof value === "object" && MODEL_ID in value) return `IPY_MODEL_${String((value as { [MODEL_ID]: string })[MODEL_ID])}`;
  if (Array.isArray(value)) return value.map(toWire);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v)]));
  return value;
}

/** Moves the binary values out of `state` (a list keeps a null in their place, as ipywidgets does). */
export function separateBuffers(state: Record<string, unknown>, prefix: Path = []): WireState {
  const found: WireState = { state: {}, buffer_paths: [], buffers: [] };
  const walk = (value: unknown, path: Path): unknown => {
    if (isBinary(value)) {
      found.buffer_paths.push(path);
      found.buffers.push(value);
      return undefined;
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, [...path, i]) ?? null);
    if (!isPlainObject(value)) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const kept = walk(item, [...path, key]);
      if (kept !== undefined || !isBinary(item)) copy[key] = kept;
    }
    return copy;
  };
  found.state = walk(state, prefix) as Record<string, unknown>;
  return found;
}

/** The state with each buffer put back at its path. */
export function putBuffers(state: Record<string, unknown>, paths: unknown, buffers: Buffer[]): Record<string, unknown> {
  if (!Array.isArray(paths)) return state;
  paths.forEach((path: Path, i) => {
    let target = state as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
    if (target && buffers[i]) target[path[path.length - 1]] = buffers[i];
  });
  return state;
}

/** A value from the frontend: "IPY_MODEL_<id>" of a live widget becomes that widget. */
export function fromWire(value: unknown, widgetOf: (id: string) => unknown): unknown {
  if (typeof value === "string" && value.startsWith("IPY_MODEL_")) return widgetOf(value.slice(10)) ?? value;
  if (Array.isArray(value)) return value.map((item) => fromWire(item, widgetOf));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromWire(v, widgetOf)]));
  return value;
}

/** Whether two state values are the same on the wire (bytes compared byte by byte). */
export function sameOnWire(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isBinary(a) && isBinary(b)) return Buffer.from(bytes(a)).equals(Buffer.from(bytes(b)));
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(toWire(a)) === JSON.stringify(toWire(b));
}

const bytes = (value: BufferLike) => (ArrayBuffer.isView(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : new Uint8Array(value));

export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const camelCase = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
