// Dropdown and RadioButtons: the options stay in the kernel, the frontend gets their labels
// (`_options_labels`) and the selected `index`; `value` and `label` follow the index, also when the
// frontend changes it, and observers of "value" or "label" hear of it.
import { defineProperties, modelClass } from "./model-class";
import type { Options as ModelOptions } from "./types";

/** Labels alone (each its own value), [label, value] pairs, or an object of label → value. */
export type SelectionOptions<T> = readonly string[] | readonly (readonly [string, T])[] | Record<string, T>;

type Pairs = Array<[string, unknown]>;

/** A selection's options: the model's (RadioButtons adds `orientation`), and what to select. */
export type SelectionInit<T> = Omit<ModelOptions<"Dropdown">, "index"> & {
  options?: SelectionOptions<T>;
  value?: T;
  label?: string;
  index?: number | null;
  orientation?: "horizontal" | "vertical";
};

function pairsOf(options: SelectionOptions<unknown>): Pairs {
  if (!Array.isArray(options)) return Object.entries(options);
  return (options as ReadonlyArray<string | readonly [string, unknown]>).map((o) => (typeof o === "string" ? [o, o] : [String(o[0]), o[1]]));
}

const pairs = new WeakMap<object, Pairs>();

export class Dropdown<T = string> extends modelClass("Dropdown") {
  constructor(options: SelectionInit<T> = {}) {
    const { options: given = [], value, label, index, ...rest } = options;
    const list = pairsOf(given);
    const chosen = value !== undefined ? list.findIndex((p) => p[1] === value) : label !== undefined ? list.findIndex((p) => p[0] === label) : (index ?? 0);
    super(rest, { _options_labels: list.map((p) => p[0]), index: list.length > 0 && chosen >= 0 ? chosen : null });
    pairs.set(this, list);
    this.observe("index", (change) => {
      this.notify("value", this.valueAt(change.old), this.value);
      this.notify("label", this.labelAt(change.old), this.label);
    });
  }

  get options(): Array<[string, T]> {
    return [...(pairs.get(this) as Array<[string, T]>)];
  }

  set options(options: SelectionOptions<T>) {
    const list = pairsOf(options);
    pairs.set(this, list);
    this.set(
      "_options_labels",
      list.map((p) => p[0]),
    );
    this.index = list.length > 0 ? 0 : null;
  }

  get value(): T | null {
    return this.valueAt(this.index);
  }

  set value(value: T | null) {
    const at = (pairs.get(this) ?? []).findIndex((p) => p[1] === value);
    if (value !== null && at < 0) throw new RangeError(`${String(value)} is not one of the options`);
    this.index = value === null ? null : at;
  }

  get label(): string | null {
    return this.labelAt(this.index);
  }

  set label(label: string | null) {
    const at = (pairs.get(this) ?? []).findIndex((p) => p[0] === label);
    if (label !== null && at < 0) throw new RangeError(`${label} is not one of the labels`);
    this.index = label === null ? null : at;
  }

  valueAt(index: unknown): T | null {
    return typeof index === "number" ? ((pairs.get(this)?.[index]?.[1] as T | undefined) ?? null) : null;
  }

  labelAt(index: unknown): string | null {
    return typeof index === "number" ? (pairs.get(this)?.[index]?.[0] ?? null) : null;
  }
}

/** RadioButtons: Dropdown's keys and `orientation`, opened as a RadioButtonsModel. */
export class RadioButtons<T = string> extends Dropdown<T> {
  static modelName = "RadioButtons" as const;
  declare orientation: "horizontal" | "vertical";
}
defineProperties(RadioButtons, "RadioButtons");
