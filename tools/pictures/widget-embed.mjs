// The page script that stands in for @jupyter-widgets/html-manager's embed-amd.js (which nbconvert's
// HTML loads from unpkg) when widget-lesson.ts takes its picture offline: the same job, done by the
// real ipywidgets 8 front-end packages (base-manager, base, controls) this checkout has. It reads the
// notebook's widget state, creates every model, and renders a view in place of each widget output.
/* global document */
import * as base from "@jupyter-widgets/base";
import "@jupyter-widgets/base/css/index.css";
import { ManagerBase } from "@jupyter-widgets/base-manager";
import * as controls from "@jupyter-widgets/controls";
import "@jupyter-widgets/controls/css/widgets.css";
import { maxSatisfying, valid } from "semver";

// The page has no kernel on purpose, so every view would carry base's "disconnected" mark, which a
// live notebook does not show.
const unmarked = document.createElement("style");
unmarked.textContent = ".jupyter-widgets-disconnected::before { content: none; }";
document.head.appendChild(unmarked);

const MODULES = {
  "@jupyter-widgets/base": [base.JUPYTER_WIDGETS_VERSION, base],
  "@jupyter-widgets/controls": [controls.JUPYTER_CONTROLS_VERSION, controls],
};

/** A manager without a kernel, as the HTML manager is: models come from the saved state. */
class EmbedManager extends ManagerBase {
  /** As JupyterLab's and the HTML manager's: a plain version means `^version`, so a wrong one fails. */
  async loadClass(className, moduleName, moduleVersion) {
    const known = MODULES[moduleName];
    if (!known) throw new Error(`no module ${moduleName}`);
    const [version, module] = known;
    const range = valid(moduleVersion) ? `^${moduleVersion}` : moduleVersion;
    if (!maxSatisfying([version], range)) throw new Error(`${moduleName} ${version} does not satisfy ${moduleVersion}`);
    if (!module[className]) throw new Error(`no class ${className} in ${moduleName}`);
    return module[className];
  }

  async _create_comm() {
    throw new Error("no kernel: the page shows saved state");
  }

  async _get_comm_info() {
    return {};
  }
}

const json = (script) => JSON.parse(script.textContent);

async function renderWidgets() {
  const manager = new EmbedManager();
  await manager.set_state(json(document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]')));
  for (const script of document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')) {
    const view = await manager.create_view(await manager.get_model(json(script).model_id));
    const host = document.createElement("div");
    host.className = "jupyter-widgets widget-area";
    script.parentElement.insertBefore(host, script);
    base.JupyterLuminoWidget.attach(view.luminoWidget, host);
  }
}

renderWidgets().then(
  () => (document.body.dataset.widgets = "rendered"),
  (error) => (document.body.dataset.widgets = `failed: ${error?.stack ?? error}`),
);
