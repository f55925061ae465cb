// A widget class for each generated model: its state starts from ipywidgets' defaults (a layout and
// a style of their own, made first so the frontend knows them), then the options (camelCase, checked
// against the model's keys); each public key becomes a property that reads and writes the state.
// A bounded value (min and max) is kept within its bounds.
import { MODELS } from "./models.generated";
import type { ModelName, Options, Props } from "./types";
import { ModelState, Widget } from "./widget";
import { camelCase, snakeCase } from "./wire";

type Attribute = readonly unknown[];
type Spec = { model: readonly string[]; view: readonly (string | null)[]; attributes: Record<string, Attribute> };

export type ModelClass<M extends ModelName> = {
  new (options?: Options<M>, internal?: Record<string, unknown>): Widget & Props<M>;
};

const specOf = (name: ModelName) => MODELS[name] as unknown as Spec;

function defaultOf(attribute: Attribute): unknown {
  if (attribute[0] === "bytes") return new Uint8Array(0);
  return structuredClone(attribute[1]);
}

/** A nested model's widget (layout, style): the one given, or a new one from plain options. */
function nested(kind: string, given: unknown): unknown {
  if (given instanceof Widget) return given;
  const ref = kind.slice("ref:".length) as ModelName;
  return new (modelClass(ref))(given ?? {});
}

/** The opening state: model and view keys, defaults, then the options. */
export function initialState(name: ModelName, options: Record<string, unknown>, internal: Record<string, unknown> = {}): ModelState {
  const { model, view, attributes } = specOf(name);
  const defaults = Object.fromEntries(Object.entries(attributes).map(([key, attribute]) => [key, defaultOf(attribute)]));
  const state: Record<string, unknown> = {
    _model_module: model[0],
    _model_name: model[1],
    _model_module_version: model[2],
    _view_module: view[0],
    _view_name: view[1],
    _view_module_version: view[2],
    _view_count: null,
    ...defaults,
  };
  for (const [option, value] of Object.entries(options)) {
    const key = snakeCase(option);
    if (key.startsWith("_") || !(key in attributes)) throw new TypeError(`${name} has no option '${option}'`);
    if (value !== undefined) state[key] = value;
  }
  Object.assign(state, internal);
  for (const [key, attribute] of Object.entries(attributes)) {
    if (String(attribute[0]).startsWith("ref:")) state[key] = nested(String(attribute[0]), state[key]);
  }
  if ("value" in state) state.value = clamped((k) => state[k], state.value);
  return { state, defaults };
}

const classes = new Map<ModelName, ModelClass<ModelName>>();

/** The class of a model, made once: its properties are accessors over the widget's state. */
export function modelClass<M extends ModelName>(name: M): ModelClass<M> {
  const known = classes.get(name);
  if (known) return known as unknown as ModelClass<M>;
  const made = class extends Widget {
    /** The model a subclass opens may differ (RadioButtons over Dropdown's code). */
    static modelName: ModelName = name;
    constructor(options: Options<M> = {}, internal: Record<string, unknown> = {}) {
      super(initialState((new.target as { modelName: ModelName }).modelName, options, internal));
    }
  };
  Object.defineProperty(made, "name", { value: name });
  defineProperties(made, name);
  classes.set(name, made);
  return made as unknown as ModelClass<M>;
}

/** Installs a property on `cls`'s prototype for each public key of the model. */
export function defineProperties(cls: { prototype: object }, name: ModelName): void {
  for (const key of Object.keys(specOf(name).attributes).filter((k) => !k.startsWith("_"))) defineProperty(cls.prototype, key);
}

type Access = { get(key: string): unknown; set(key: string, value: unknown): void };

function defineProperty(prototype: object, key: string): void {
  Object.defineProperty(prototype, camelCase(key), {
    get(this: Access) {
      return this.get(key);
    },
    set(this: Access & Record<string, unknown>, value: unknown) {
      const read = (k: string) => this.get(k);
      this.set(key, key === "value" ? clamped(read, value) : value);
      if (key === "min" || key === "max") this.set("value", clamped(read, this.get("value")));
    },
    enumerable: false,
    configurable: true,
  });
}

/** A bounded value within [min, max]; any other value as it is. */
function clamped(read: (key: string) => unknown, value: unknown): unknown {
  const min = read("min");
  const max = read("max");
  if (typeof value !== "number" || typeof min !== "number" || typeof max !== "number") return value;
  return Math.min(max, Math.max(min, value));
}
