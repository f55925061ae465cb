// A widget's static HTML form, for the text/html of its display bundle: what nbconvert's HTML, a
// notebook viewer or an untrusted notebook show where no widget manager renders the view. It is
// the state at the moment of display (a later display or update_display_data shows a later state).
// Controls without a form here have none (the bundle keeps text/plain); inside a box they show
// their repr.

/** What a form reads: the widget's state by wire key, and the HTML of a child widget. */
export interface FallbackSource {
  state(key: string): unknown;
  child(widget: unknown): string;
  repr(): string;
}

type Form = (source: FallbackSource) => string;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A string key's value (description, value); a widget's state keeps them as strings. */
const stringOf = (value: unknown) => (typeof value === "string" ? value : "");
const text = (source: FallbackSource, key: string) => escapeHtml(stringOf(source.state(key)));
const num = (source: FallbackSource, key: string) => Number(source.state(key));

/** ipywidgets' bar_style colours (Bootstrap's, as the controls' CSS has them). */
const BAR_COLOURS: Record<string, string> = { success: "#4caf50", info: "#00bcd4", warning: "#ff9800", danger: "#f44336" };

function labelled(source: FallbackSource, control: string): string {
  const description = text(source, "description");
  const label = description ? `<label style="min-width:6em;display:inline-block">${description}</label> ` : "";
  return `<div class="tsloop-widget-fallback" style="display:flex;align-items:center;gap:0.5em;margin:2px 0">${label}${control}</div>`;
}

const progress: Form = (source) => {
  const colour = BAR_COLOURS[String(source.state("bar_style"))];
  const style = colour ? ` style="accent-color:${colour}"` : "";
  const value = num(source, "value");
  const max = num(source, "max");
  return labelled(
    source,
    `<progress value="${value - num(source, "min")}" max="${max - num(source, "min")}"${style}></progress> <span>${value} / ${max}</span>`,
  );
};

const slider: Form = (source) => {
  const range = ["min", "max", "step", "value"].map((key) => `${key}="${num(source, key)}"`).join(" ");
  return labelled(source, `<input type="range" ${range} disabled> <span>${num(source, "value")}</span>`);
};

const box =
  (direction: "row" | "column"): Form =>
  (source) => {
    const children = (source.state("children") as unknown[] | undefined) ?? [];
    return `<div style="display:flex;flex-direction:${direction};gap:0.25em">${children.map((child) => source.child(child)).join("")}</div>`;
  };

const FORMS: Record<string, Form> = {
  IntProgressModel: progress,
  FloatProgressModel: progress,
  IntSliderModel: slider,
  FloatSliderModel: slider,
  HBoxModel: box("row"),
  VBoxModel: box("column"),
  BoxModel: box("row"),
  LabelModel: (source) => labelled(source, `<span>${text(source, "value")}</span>`),
  // An HTML widget's value is HTML already, as its view renders it.
  HTMLModel: (source) => labelled(source, stringOf(source.state("value"))),
  ButtonModel: (source) => `<button disabled>${text(source, "description")}</button>`,
  CheckboxModel: (source) => labelled(source, `<input type="checkbox" disabled${source.state("value") ? " checked" : ""}>`),
};

/** The widget's HTML form, or undefined when its model has none. */
export function fallbackHtml(modelName: unknown, source: FallbackSource): string | undefined {
  return FORMS[String(modelName)]?.(source);
}

/** A child's form, or its repr in a code span. */
export function childHtml(modelName: unknown, source: FallbackSource): string {
  return fallbackHtml(modelName, source) ?? `<code>${escapeHtml(source.repr())}</code>`;
}
