// A widget manager built as JupyterLab's (@jupyter-widgets/jupyterlab-manager's KernelWidgetManager)
// over the real @jupyter-widgets/base-manager, base, controls and output packages and anywidget's
// front end: it registers the jupyter.widget target on a @jupyterlab/services kernel connection,
// makes comms with base's services shim, and loads a model's class by module name and semver range
// from the modules and versions JupyterLab registers, so a wrong name, module or version fails here.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Kernel } from "@jupyterlab/services";
import * as base from "@jupyter-widgets/base";
import { ManagerBase } from "@jupyter-widgets/base-manager";
import * as controls from "@jupyter-widgets/controls";
import * as output from "@jupyter-widgets/output";
import { maxSatisfying, valid } from "semver";

type Module = Record<string, unknown>;

const ANYWIDGET_DIR = join(__dirname, "..", "..", "node_modules", "anywidget");
export const ANYWIDGET_FRONTEND_VERSION = (JSON.parse(readFileSync(join(ANYWIDGET_DIR, "package.json"), "utf8")) as { version: string }).version;

/** A cell's ES module with only a default export, run as a function body (jest's vm has no
 * dynamic import of a blob URL). */
async function importEsm(source: string): Promise<Module> {
  const body = source.replace(/^\s*export default /m, "return ");
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- runs the cell's module text, as the browser's import would
  return { default: new Function(body)() as unknown };
}

/** anywidget's front end (an AMD bundle) with its module loading going through importEsm. */
function anywidgetModule(): Module {
  const bundle = readFileSync(join(ANYWIDGET_DIR, "dist", "index.js"), "utf8").replace(/await import\(/g, "await __importEsm(");
  let made: Module | undefined;
  const define = (_deps: string[], factory: (b: typeof base) => Module) => void (made = factory(base));
  // The module's text stands in for its blob URL.
  const Blob = class {
    constructor(readonly parts: string[]) {}
  };
  const URL = { createObjectURL: (blob: InstanceType<typeof Blob>) => blob.parts.join(""), revokeObjectURL: () => undefined };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call -- runs anywidget's bundle, as the browser's AMD loader would
  new Function("define", "__importEsm", "URL", "Blob", bundle)(define, importEsm, URL, Blob);
  return made!;
}

/** The modules JupyterLab's widget extensions register, by name and version. */
function registry(): Map<string, Map<string, Module>> {
  return new Map([
    ["@jupyter-widgets/base", new Map([[base.JUPYTER_WIDGETS_VERSION, base]])],
    ["@jupyter-widgets/controls", new Map([[controls.JUPYTER_CONTROLS_VERSION, controls]])],
    ["@jupyter-widgets/output", new Map([[output.OUTPUT_WIDGET_VERSION, output]])],
    ["anywidget", new Map([[ANYWIDGET_FRONTEND_VERSION, anywidgetModule()]])],
  ]);
}

export class LabWidgetManager extends ManagerBase {
  private readonly modules = registry();
  readonly opened: Promise<base.WidgetModel>[] = [];

  constructor(readonly kernel: Kernel.IKernelConnection) {
    super();
    kernel.registerCommTarget(this.comm_target_name, (comm, message) => {
      const opened = this.handle_comm_open(new base.shims.services.Comm(comm), message);
      this.opened.push(opened);
      return opened.then(() => undefined);
    });
  }

  /** As JupyterLab's manager: a plain version of base or controls means `^version`; else the range as sent. */
  protected async loadClass(className: string, moduleName: string, moduleVersion: string): Promise<typeof base.WidgetModel | typeof base.WidgetView> {
    const range =
      (moduleName === "@jupyter-widgets/base" || moduleName === "@jupyter-widgets/controls") && valid(moduleVersion) ? `^${moduleVersion}` : moduleVersion;
    const versions = this.modules.get(moduleName);
    if (!versions) throw new Error(`No version of module ${moduleName} is registered`);
    const best = maxSatisfying([...versions.keys()], range);
    if (!best) throw new Error(`Module ${moduleName}, version ${moduleVersion} is not registered, however, ${[...versions.keys()].join(",")} is`);
    const cls = versions.get(best)![className];
    if (!cls) throw new Error(`Class ${className} not found in module ${moduleName}`);
    return cls as typeof base.WidgetModel;
  }

  protected async _create_comm(targetName: string, modelId?: string, data?: object, metadata?: object, buffers?: ArrayBuffer[] | ArrayBufferView[]) {
    const comm = this.kernel.createComm(targetName, modelId);
    if (data || metadata) comm.open(data as never, metadata as never, buffers);
    return new base.shims.services.Comm(comm);
  }

  protected async _get_comm_info(): Promise<object> {
    const reply = await this.kernel.requestCommInfo({ target_name: this.comm_target_name });
    return reply.content.status === "ok" ? reply.content.comms : {};
  }

  /** Loads every widget the kernel has, as JupyterLab does when it reopens a notebook (control comm). */
  loadFromKernel(): Promise<void> {
    return this._loadFromKernel();
  }
}
