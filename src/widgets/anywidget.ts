// anywidget: a widget whose front end is a cell's own JavaScript module (`esm`, and `css`), run by
// anywidget's front end (model module "anywidget", AnyModel and AnyView). Any other option is
// state the module reads with model.get and writes with model.set and save_changes.
import { createHash } from "node:crypto";
import { modelClass } from "./model-class";
import { Widget } from "./widget";

/** The anywidget front ends that run the same AnyModel state (_esm, _css, _anywidget_id): 0.9 to
 * 0.11 (Python's anywidget sends `~<major>.<minor>.*` of its own version; Deno's `~0.9.*`). */
export const ANYWIDGET_VERSION_RANGE = ">=0.9.0 <0.12.0";

export type AnyWidgetOptions<S> = { esm: string; css?: string; id?: string } & S;

export class AnyWidget<S extends Record<string, unknown> = Record<string, unknown>> extends Widget {
  constructor(options: AnyWidgetOptions<S>) {
    const { esm, css, id, ...state } = options;
    const anyId =
      id ??
      `tsloop.anywidget.${createHash("sha1")
        .update(esm)
        .update(css ?? "")
        .digest("hex")
        .slice(0, 12)}`;
    const model = { _model_name: "AnyModel", _model_module: "anywidget", _model_module_version: ANYWIDGET_VERSION_RANGE };
    const view = { _view_name: "AnyView", _view_module: "anywidget", _view_module_version: ANYWIDGET_VERSION_RANGE, _view_count: null };
    // AnyModel is a DOMWidgetModel: its keys, with a layout of its own.
    const common = {
      _dom_classes: [],
      layout: new (modelClass("Layout"))(),
      tabbable: null,
      tooltip: null,
      _esm: esm,
      _anywidget_id: anyId,
      ...(css === undefined ? {} : { _css: css }),
    };
    super({ state: { ...model, ...view, ...common, ...state }, defaults: {} });
  }

  /** A state value, by the name the module uses. */
  override get<K extends keyof S & string>(key: K): S[K] {
    return super.get(key) as S[K];
  }

  /** Sets a state value: the front end gets an update, observers run. */
  override set<K extends keyof S & string>(key: K, value: S[K]): void {
    super.set(key, value);
  }

  protected override wireName(name: string): string {
    return name;
  }

  protected override publicName(key: string): string {
    return key;
  }
}
