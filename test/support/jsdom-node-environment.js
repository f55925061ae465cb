// jsdom for the widget front-end tests, with Node's fetch (and what it needs) kept, so
// @jupyterlab/services reaches a Jupyter Server from the same test that renders the widgets.
const { TestEnvironment } = require("jest-environment-jsdom");

const FROM_NODE = ["fetch", "Request", "Response", "Headers", "FormData", "AbortController", "AbortSignal", "TextEncoder", "TextDecoder", "structuredClone"];

class JsdomWithNodeFetch extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of FROM_NODE) this.global[name] = globalThis[name];
    // Lumino's drag and drop (loaded by @lumino/widgets) subclasses DragEvent, which jsdom lacks
    // (JupyterLab's own jest setup adds it the same way).
    this.global.DragEvent ??= class DragEvent extends this.global.MouseEvent {};
  }
}

module.exports = JsdomWithNodeFetch;
