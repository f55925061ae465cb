// JupyterLab's debugger on the page, wired as @jupyterlab/debugger-extension's plugins wire it
// (service, config, sources, notebooks, sidebar, main) but without a JupyterFrontEnd: a
// Debugger.Service over the kernel specs, a Debugger.Handler for the notebook panel (its toolbar's
// bug button turns debugging on, and then each cell's editor gets the breakpoint gutter), and the
// Debugger.Sidebar (variables, call stack, breakpoints, sources) at the window's right edge once
// a debug session starts.
/// <reference lib="dom" />
import "@jupyterlab/debugger/style/index.js";
import "./debugger.css";
import { Debugger } from "@jupyterlab/debugger";
import { NotebookTracker, type NotebookPanel } from "@jupyterlab/notebook";
import type { KernelSpec } from "@jupyterlab/services";
import { CommandRegistry } from "@lumino/commands";
import { Widget } from "@lumino/widgets";

type SourcesOptions = ConstructorParameters<typeof Debugger.Sources>[0];
type Shell = SourcesOptions["shell"];
type EditorServices = SourcesOptions["editorServices"];

export interface PageDebuggerOptions {
  panel: NotebookPanel;
  kernelspecs: KernelSpec.IManager;
  editorServices: EditorServices;
}

/** The document body's class while the sidebar is on the page (debugger.css narrows #main for it). */
const WITH_SIDEBAR = "tsloop-with-debugger";

/**
 * What the handler and the sources ask of JupyterLab's shell: the page has one widget, the
 * notebook panel, always current (the bug button acts only for the current widget); read-only
 * source views, which JupyterLab opens in its main area, have no place here.
 */
function singlePanelShell(panel: NotebookPanel): Shell {
  const shell: Pick<Shell, "currentWidget" | "activateById" | "add"> = {
    currentWidget: panel,
    activateById: () => undefined,
    add: () => undefined,
  };
  return shell as Shell;
}

/**
 * The commands of the call stack's and the breakpoints' toolbars, as the main plugin defines them
 * (but evaluate, which opens a console dialog there: its button stays empty here).
 */
function addDebuggerCommands(commands: CommandRegistry, service: Debugger.Service): void {
  const ids = Debugger.CommandIDs;
  const stopped = () => service.hasStoppedThreads();
  commands.addCommand(ids.debugContinue, {
    label: () => (stopped() ? "Continue" : "Pause"),
    caption: () => (stopped() ? "Continue" : "Pause"),
    icon: () => (stopped() ? Debugger.Icons.continueIcon : Debugger.Icons.pauseIcon),
    isEnabled: () => service.session?.isStarted ?? false,
    execute: async () => {
      await (stopped() ? service.continue() : service.pause());
      commands.notifyCommandChanged(ids.debugContinue);
    },
  });
  commands.addCommand(ids.terminate, { caption: "Terminate", icon: Debugger.Icons.terminateIcon, isEnabled: stopped, execute: () => service.restart() });
  commands.addCommand(ids.next, { caption: "Next", icon: Debugger.Icons.stepOverIcon, isEnabled: stopped, execute: () => service.next() });
  commands.addCommand(ids.stepIn, { caption: "Step In", icon: Debugger.Icons.stepIntoIcon, isEnabled: stopped, execute: () => service.stepIn() });
  commands.addCommand(ids.stepOut, { caption: "Step Out", icon: Debugger.Icons.stepOutIcon, isEnabled: stopped, execute: () => service.stepOut() });
  commands.addCommand(ids.pauseOnExceptions, {
    label: (args) => (args.filter as string | undefined) ?? "Breakpoints on exception",
    isToggled: (args) => service.session?.isPausingOnException(args.filter as string) ?? false,
    isEnabled: () => service.pauseOnExceptionsIsValid(),
    execute: (args) => service.pauseOnExceptionsFilter(args.filter as string),
  });
}

/** The toolbars' buttons follow the thread's state, and so does the body's data attribute (its CSS). */
function followDebuggerState(commands: CommandRegistry, service: Debugger.Service): void {
  const update = () => {
    if (service.hasStoppedThreads()) document.body.dataset.jpDebuggerStoppedThreads = "true";
    else delete document.body.dataset.jpDebuggerStoppedThreads;
    for (const id of Object.values(Debugger.CommandIDs)) if (commands.hasCommand(id)) commands.notifyCommandChanged(id);
  };
  service.eventMessage.connect(update);
  service.sessionChanged.connect(update);
}

/**
 * The sidebar at the window's right edge, shown when a debug session starts (as the main plugin
 * opens JupyterLab's right panel on `initialized`); until then the notebook has the whole width.
 */
function attachSidebar(service: Debugger.Service, commands: CommandRegistry, editorServices: EditorServices, panel: NotebookPanel): void {
  const ids = Debugger.CommandIDs;
  const sidebar = new Debugger.Sidebar({
    service,
    callstackCommands: {
      registry: commands,
      continue: ids.debugContinue,
      terminate: ids.terminate,
      next: ids.next,
      stepIn: ids.stepIn,
      stepOut: ids.stepOut,
      evaluate: ids.evaluate,
    },
    breakpointsCommands: { registry: commands, pauseOnExceptions: ids.pauseOnExceptions },
    editorServices,
  });
  sidebar.addClass("jp-ThemedContainer");
  sidebar.hide();
  Widget.attach(sidebar, document.body);
  service.eventMessage.connect((_, event) => {
    if (event.event !== "initialized" || sidebar.isVisible) return;
    document.body.classList.add(WITH_SIDEBAR);
    sidebar.show();
    panel.update();
  });
  window.addEventListener("resize", () => sidebar.update());
}

/** Puts JupyterLab's debugger on the page for `panel`; the bug button appears once its kernel is ready. */
export function attachDebugger({ panel, kernelspecs, editorServices }: PageDebuggerOptions): void {
  const shell = singlePanelShell(panel);
  const config = new Debugger.Config();
  const notebookTracker = new NotebookTracker({ namespace: "notebook" });
  void notebookTracker.add(panel);
  const debuggerSources = new Debugger.Sources({ config, shell, editorServices, notebookTracker });
  const service = new Debugger.Service({ config, debuggerSources, specsManager: kernelspecs, mimeTypeService: editorServices.mimeTypeService });
  const commands = new CommandRegistry();
  addDebuggerCommands(commands, service);
  followDebuggerState(commands, service);
  attachSidebar(service, commands, editorServices, panel);

  const handler = new Debugger.Handler({ type: "notebook", shell, service });
  handler.executionDone.connect(() => void service.displayModules());
  // As the notebooks plugin does when a notebook becomes current (here: once, at its kernel's start).
  void panel.sessionContext.ready.then(async () => {
    await handler.updateContext(panel, panel.sessionContext);
    await handler.updateWidget(panel, panel.sessionContext.session);
    // The bug button is enabled before these updates end, and a click meanwhile lost the race
    // (the button stayed off; an update's debugInfo waited for good on the session's ready
    // promise, which each connection change replaces): the page says when they are over.
    document.body.dataset.tsloopDebugger = "ready";
  });
}
