// The controls cells use, one class per ipywidgets model (properties from the generated models),
// and Button, whose clicks come as custom messages.
import { modelClass } from "./model-class";

export const IntSlider = modelClass("IntSlider");
export type IntSlider = InstanceType<typeof IntSlider>;
export const FloatSlider = modelClass("FloatSlider");
export type FloatSlider = InstanceType<typeof FloatSlider>;
export const IntProgress = modelClass("IntProgress");
export type IntProgress = InstanceType<typeof IntProgress>;
export const FloatProgress = modelClass("FloatProgress");
export type FloatProgress = InstanceType<typeof FloatProgress>;
export const Text = modelClass("Text");
export type Text = InstanceType<typeof Text>;
export const Textarea = modelClass("Textarea");
export type Textarea = InstanceType<typeof Textarea>;
export const Checkbox = modelClass("Checkbox");
export type Checkbox = InstanceType<typeof Checkbox>;
export const ToggleButton = modelClass("ToggleButton");
export type ToggleButton = InstanceType<typeof ToggleButton>;
export const Label = modelClass("Label");
export type Label = InstanceType<typeof Label>;
export const HTML = modelClass("HTML");
export type HTML = InstanceType<typeof HTML>;
export const Image = modelClass("Image");
export type Image = InstanceType<typeof Image>;
export const HBox = modelClass("HBox");
export type HBox = InstanceType<typeof HBox>;
export const VBox = modelClass("VBox");
export type VBox = InstanceType<typeof VBox>;
export const Play = modelClass("Play");
export type Play = InstanceType<typeof Play>;
export const Layout = modelClass("Layout");
export type Layout = InstanceType<typeof Layout>;

export class Button extends modelClass("Button") {
  /** Calls `handler(button)` on each click in the frontend, in the context of the calling cell. */
  onClick(handler: (button: Button) => unknown): void {
    this.onMsg((content) => ((content as { event?: unknown } | null)?.event === "click" ? handler(this) : undefined));
  }
}
