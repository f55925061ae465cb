// The kernel side of one widget model (protocol 2.1): its state, opened as a comm to the
// jupyter.widget target; `update` both ways (an update from the frontend is echoed with
// echo_update, then applied), `request_state`, `custom` messages; observers of its keys; its
// display bundle. Output from a callback lands on the cell that registered the callback.
import { inspect } from "node:util";
import { cellCallback, Comm, comms, type BufferLike, type CommMessage } from "../comms";
import { log } from "../log";
import { childHtml, fallbackHtml, type FallbackSource } from "./fallback-html";
import { camelCase, fromWire, MODEL_ID, putBuffers, sameOnWire, separateBuffers, snakeCase, toWire } from "./wire";

export const PROTOCOL_VERSION = "2.1.0";
export const WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json";
const DISPLAY = Symbol.for("Jupyter.display");

/** What an observer gets: the property's name as the class spells it, its old and new value. */
export interface Change<T = unknown> {
  name: string;
  old: T;
  new: T;
  owner: Widget;
  type: "change";
}

export type Observer<T = unknown> = (change: Change<T>) => unknown;
export type CustomHandler = (content: unknown, buffers: Buffer[]) => unknown;

/** A model's whole state as it opens (model and view keys included), and its defaults. */
export interface ModelState {
  state: Record<string, unknown>;
  defaults: Record<string, unknown>;
}

const live = new Map<string, Widget>();

export class Widget {
  /** The widget with this model id, while it is open. */
  static byId(modelId: string): Widget | undefined {
    return live.get(modelId);
  }

  /** Every open widget, in the order they were made. */
  static all(): Widget[] {
    return [...live.values()];
  }

  readonly comm: Comm;
  private readonly state: Record<string, unknown>;
  private readonly defaults: Record<string, unknown>;
  private readonly observers = new Map<string, Array<(change: Change) => void>>();
  private readonly customHandlers: Array<(content: unknown, buffers: Buffer[]) => void> = [];
  /** The values an update from the frontend is setting (not sent back, unless an observer changes them). */
  private fromFrontend?: Record<string, unknown>;

  constructor(model: ModelState) {
    this.state = model.state;
    this.defaults = model.defaults;
    const { state, buffer_paths, buffers } = this.wireState();
    this.comm = comms.open("jupyter.widget", { state, buffer_paths }, { version: PROTOCOL_VERSION }, buffers);
    this.comm.onMessage((message) => this.receive(message));
    live.set(this.comm.id, this);
  }

  get modelId(): string {
    return this.comm.id;
  }

  get [MODEL_ID](): string {
    return this.comm.id;
  }

  /** The state keys the frontend knows. */
  keys(): string[] {
    return Object.keys(this.state);
  }

  /** The whole state as the wire has it (for comm_open, request_state and update_states). */
  wireState(prefix: Array<string | number> = []) {
    return separateBuffers(toWire(this.state) as Record<string, unknown>, prefix);
  }

  protected get(key: string): unknown {
    return this.state[key];
  }

  /** Sets a state key: the frontend gets an update (unless the value is the frontend's own), observers run. */
  protected set(key: string, value: unknown): void {
    const old = this.state[key];
    if (sameOnWire(old, value)) return;
    this.state[key] = value;
    const echoed = this.fromFrontend && key in this.fromFrontend && sameOnWire(this.fromFrontend[key], toWire(value));
    if (!echoed && !this.comm.closed) this.sendState([key]);
    this.notify(this.publicName(key), old, value);
  }

  /** Sends the given keys (all when omitted) as an `update`. */
  sendState(keys: string[] = this.keys()): void {
    const picked = Object.fromEntries(keys.map((key) => [key, toWire(this.state[key])]));
    const { state, buffer_paths, buffers } = separateBuffers(picked);
    this.comm.send({ method: "update", state, buffer_paths }, {}, buffers);
  }

  /** Calls `observer` when any of `names` changes (in the kernel or in the frontend). */
  observe(names: string | string[], observer: Observer): void {
    const bound = cellCallback(observer);
    for (const name of [names].flat()) {
      const key = this.wireName(name);
      this.observers.set(key, [...(this.observers.get(key) ?? []), bound]);
    }
  }

  /** Calls `handler(content, buffers)` with each custom message from the frontend. */
  onMsg(handler: CustomHandler): void {
    this.customHandlers.push(cellCallback(handler));
  }

  /** Sends a custom message to the frontend's model. */
  send(content: unknown, buffers: BufferLike[] = []): void {
    this.comm.send({ method: "custom", content }, {}, buffers);
  }

  /** Closes the model: its views go away in the frontend. */
  close(): void {
    live.delete(this.comm.id);
    this.comm.close();
  }

  protected notify(name: string, old: unknown, value: unknown): void {
    const change: Change = { name, old, new: value, owner: this, type: "change" };
    for (const observer of this.observers.get(this.wireName(name)) ?? []) observer(change);
  }

  /** A state key from a property name (camelCase in TypeScript, snake_case on the wire). */
  protected wireName(name: string): string {
    return snakeCase(name);
  }

  protected publicName(key: string): string {
    return camelCase(key);
  }

  private receive(message: CommMessage): void {
    const data = message.content.data as { method?: string; state?: Record<string, unknown>; buffer_paths?: unknown; content?: unknown };
    if (data.method === "update") return this.updateFromFrontend(putBuffers(data.state ?? {}, data.buffer_paths, message.buffers));
    if (data.method === "request_state") return this.sendState();
    if (data.method === "custom") return this.customHandlers.forEach((handler) => handler(data.content, message.buffers));
    log(`widget ${this.modelId}: unknown method ${JSON.stringify(data.method)}`);
  }

  /** Echoes the frontend's values to every frontend, then sets them (observers run). */
  private updateFromFrontend(received: Record<string, unknown>): void {
    const known = Object.fromEntries(Object.entries(received).filter(([key]) => key in this.state));
    if (Object.keys(known).length === 0) return;
    const { state, buffer_paths, buffers } = separateBuffers(known);
    this.comm.send({ method: "echo_update", state, buffer_paths }, {}, buffers);
    this.fromFrontend = known;
    try {
      for (const [key, value] of Object.entries(known))
        this.set(
          key,
          fromWire(value, (id) => live.get(id)),
        );
    } finally {
      this.fromFrontend = undefined;
    }
  }

  /** `IntSlider(description="n", max=10, value=5)`: the public keys that differ from their default. */
  toString(): string {
    const shown = Object.keys(this.state)
      .filter((key) => !key.startsWith("_") && key !== "layout" && key !== "style" && !sameOnWire(this.state[key], this.defaults[key]))
      .sort()
      .map((key) => `${this.publicName(key)}=${inspect(this.state[key], { depth: 1, breakLength: Infinity })}`);
    return `${this.constructor.name}(${shown.join(", ")})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }

  /** The bundle a frontend shows: the widget's view, and where widgets do not render its repr and its static HTML form. */
  [DISPLAY](): Record<string, unknown> {
    const text = { "text/plain": this.toString() };
    if (this.state._view_name === null || this.comm.closed) return text;
    const html = fallbackHtml(this.state._model_name, this.fallbackSource());
    return {
      ...text,
      ...(html === undefined ? {} : { "text/html": html }),
      [WIDGET_VIEW_MIME]: { version_major: 2, version_minor: 0, model_id: this.modelId },
    };
  }

  private fallbackSource(): FallbackSource {
    return {
      state: (key) => this.state[key],
      child: (widget) => (widget instanceof Widget ? childHtml(widget.state._model_name, widget.fallbackSource()) : ""),
      repr: () => this.toString(),
    };
  }
}
