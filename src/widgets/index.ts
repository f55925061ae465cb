// The widgets cells use (the global `widgets`, and `import { widgets } from "tsloop"`): ipywidgets 8's
// controls over comms (widget protocol 2.1), Output, anywidget, link and interact.
export {
  Button,
  Checkbox,
  FloatProgress,
  FloatSlider,
  HBox,
  HTML,
  Image,
  IntProgress,
  IntSlider,
  Label,
  Layout,
  Play,
  Text,
  Textarea,
  ToggleButton,
  VBox,
} from "./controls";
export { Dropdown, RadioButtons, type SelectionInit, type SelectionOptions } from "./selection";
export { Output } from "./output";
export { AnyWidget, ANYWIDGET_VERSION_RANGE, type AnyWidgetOptions } from "./anywidget";
export { jsdlink, jslink, link, type End, type Link } from "./link";
export { interact, interactive, type Abbreviation, type Interactive, type Values } from "./interact";
export { Widget, type Change, type Observer } from "./widget";
export type { Options, Props, Style } from "./types";
