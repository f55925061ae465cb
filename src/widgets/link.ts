// Linking two widgets' properties: `link` in the kernel (each change is copied to the other side,
// as traitlets' link does), `jslink` in the frontend (a LinkModel, no round trip to the kernel).
import { modelClass } from "./model-class";
import type { Widget } from "./widget";
import { snakeCase } from "./wire";

/** A widget and the name of one of its properties. */
export type End = readonly [Widget, string];

export interface Link {
  unlink(): void;
}

const read = (end: End) => (end[0] as unknown as Record<string, unknown>)[end[1]];
const write = (end: End, value: unknown) => void ((end[0] as unknown as Record<string, unknown>)[end[1]] = value);

/** Keeps `target`'s property equal to `source`'s, both ways (the target takes the source's value now). */
export function link(source: End, target: End): Link {
  let live = true;
  let copying = false;
  const copy = (to: End) => (change: { new: unknown }) => {
    if (!live || copying) return;
    copying = true;
    try {
      write(to, change.new);
    } finally {
      copying = false;
    }
  };
  write(target, read(source));
  source[0].observe(source[1], copy(target));
  target[0].observe(target[1], copy(source));
  return { unlink: () => void (live = false) };
}

export const LinkModel = modelClass("Link");
export const DirectionalLinkModel = modelClass("DirectionalLink");

const wireEnd = (end: End) => [end[0], snakeCase(end[1])];

/** Links two properties in the frontend (both ways); close() (or unlink()) ends it. */
export function jslink(source: End, target: End) {
  const model = new LinkModel({ source: wireEnd(source), target: wireEnd(target) });
  return Object.assign(model, { unlink: () => model.close() });
}

/** Copies `source`'s property to `target`'s in the frontend, one way. */
export function jsdlink(source: End, target: End) {
  const model = new DirectionalLinkModel({ source: wireEnd(source), target: wireEnd(target) });
  return Object.assign(model, { unlink: () => model.close() });
}
