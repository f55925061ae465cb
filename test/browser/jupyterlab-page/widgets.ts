// JupyterLab's widget manager on the page's notebook, wired as @jupyter-widgets/jupyterlab-manager's
// plugin wires it in JupyterLab: a WidgetManager on the panel's document context (it registers the
// jupyter.widget comm target on each kernel the session gets), the modules its models and views
// come from, and the widget-view renderer in the panel's rendermime. Only the manager's lib/
// modules are imported: its index pulls in the plugin, which wants a whole JupyterLab application.
/// <reference lib="dom" />
import "@jupyter-widgets/base/css/index.css";
import "@jupyter-widgets/controls/css/widgets-base.css";
import * as base from "@jupyter-widgets/base";
import * as controls from "@jupyter-widgets/controls";
import { WIDGET_VIEW_MIMETYPE, WidgetManager } from "@jupyter-widgets/jupyterlab-manager/lib/manager";
import { OUTPUT_WIDGET_VERSION, OutputModel, OutputView } from "@jupyter-widgets/jupyterlab-manager/lib/output";
import { WidgetRenderer } from "@jupyter-widgets/jupyterlab-manager/lib/renderer";
import type { NotebookPanel } from "@jupyterlab/notebook";

/** A module's classes by name, as the manager looks a model's or view's class up. */
const classesOf = (module: object) => module as base.ExportMap;

/** The modules JupyterLab's base, controls and output plugins register. */
const WIDGET_MODULES: base.IWidgetRegistryData[] = [
  { name: "@jupyter-widgets/base", version: base.JUPYTER_WIDGETS_VERSION, exports: classesOf(base) },
  { name: "@jupyter-widgets/controls", version: controls.JUPYTER_CONTROLS_VERSION, exports: classesOf(controls) },
  { name: "@jupyter-widgets/output", version: OUTPUT_WIDGET_VERSION, exports: { OutputModel, OutputView } },
];

/** Renders the panel's widget views (`application/vnd.jupyter.widget-view+json`) with a manager of its own. */
export function addWidgetManager(panel: NotebookPanel): WidgetManager {
  const rendermime = panel.content.rendermime;
  const manager = new WidgetManager(panel.context, rendermime, { saveState: false });
  for (const module of WIDGET_MODULES) manager.register(module);
  // The plugin's rank: before the default renderers, so the live view wins over the text/html copy.
  rendermime.addFactory({ safe: false, mimeTypes: [WIDGET_VIEW_MIMETYPE], createRenderer: (options) => new WidgetRenderer(options, manager) }, -10);
  panel.disposed.connect(() => manager.dispose());
  return manager;
}
