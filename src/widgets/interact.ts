// interact: a function and its parameters' ranges in, a control per parameter and an Output out;
// each change re-runs the function into the Output (what it prints, and its value displayed), as
// ipywidgets' interact does. Abbreviations: [min, max] or [min, max, step] (an IntSlider when all
// are integers, else a FloatSlider), a number n (a slider over [-n, 3n]), a boolean (a Checkbox),
// a string (a Text), a list of strings (a Dropdown), or a widget with a value.
import { display } from "../display/display";
import { Checkbox, FloatSlider, IntSlider, Text, VBox } from "./controls";
import { Output } from "./output";
import { Dropdown } from "./selection";
import { Widget } from "./widget";

export type Abbreviation = number | readonly [number, number] | readonly [number, number, number] | boolean | string | readonly string[] | Widget;

type ValueOf<A> = A extends boolean
  ? boolean
  : A extends number | readonly number[]
    ? number
    : A extends string
      ? string
      : A extends readonly (infer S)[]
        ? S
        : A extends { value: infer V }
          ? V
          : unknown;

export type Values<P> = { [K in keyof P]: ValueOf<P[K]> };

export type Interactive<P> = VBox & { controls: { [K in keyof P]: Widget }; output: Output; update(): void };

function slider(description: string, [min, max, step]: readonly number[], value = (min + max) / 2): Widget {
  const ints = [min, max, step ?? 1].every(Number.isInteger);
  const options = { description, min, max, value: ints ? Math.round(value) : value };
  return ints ? new IntSlider({ ...options, step: step ?? 1 }) : new FloatSlider({ ...options, step: step ?? (max - min) / 100 });
}

function controlFor(name: string, abbreviation: Abbreviation): Widget {
  if (abbreviation instanceof Widget) return abbreviation;
  if (typeof abbreviation === "boolean") return new Checkbox({ description: name, value: abbreviation });
  if (typeof abbreviation === "string") return new Text({ description: name, value: abbreviation });
  if (typeof abbreviation === "number")
    return slider(name, abbreviation > 0 ? [-abbreviation, 3 * abbreviation] : [3 * abbreviation, -abbreviation], abbreviation);
  if (abbreviation.every((item) => typeof item === "string")) return new Dropdown({ description: name, options: abbreviation });
  return slider(name, abbreviation);
}

/** Shows what `run` returns (once settled), unless it is undefined. */
function show(result: unknown): unknown {
  if (result instanceof Promise) return result.then(show);
  if (result !== undefined) display(result);
  return undefined;
}

/** The controls and the Output, not displayed yet. */
export function interactive<P extends Record<string, Abbreviation>>(run: (values: Values<P>) => unknown, parameters: P): Interactive<P> {
  const controls = Object.fromEntries(Object.entries(parameters).map(([name, abbreviation]) => [name, controlFor(name, abbreviation)]));
  const output = new Output();
  const values = () => Object.fromEntries(Object.entries(controls).map(([name, control]) => [name, (control as unknown as { value: unknown }).value]));
  const update = () => {
    output.clearOutput({ wait: true });
    // What the function throws is shown in the Output, on stderr, as the rest of its output.
    output.capture(() => {
      try {
        const shown = show(run(values() as Values<P>));
        if (shown instanceof Promise) shown.catch((error: unknown) => console.error(error));
      } catch (error) {
        console.error(error);
      }
    });
  };
  for (const control of Object.values(controls)) control.observe("value", update);
  const box = new VBox({ children: [...Object.values(controls), output] });
  update();
  return Object.assign(box, { controls: controls as Interactive<P>["controls"], output, update });
}

/** interactive(), displayed in the calling cell. */
export function interact<P extends Record<string, Abbreviation>>(run: (values: Values<P>) => unknown, parameters: P): Interactive<P> {
  const shown = interactive(run, parameters);
  display(shown);
  return shown;
}
