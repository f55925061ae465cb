// JupyterLab's notebook as a page of its own, built from JupyterLab's npm packages the way its
// examples/notebook is: a NotebookPanel opened through a DocumentManager, its rendermime registry,
// CodeMirror editors, the kernel completer, and a toolbar with Run All, Stop (interrupt) and
// Restart. The browser test bundles it with esbuild and Jupyter Server serves it as a static file;
// the notebook's path, the server's base URL and token come in the page's query string.
// The page runs in the browser: its DOM types, which the rest of the code (Node) has not.
/// <reference lib="dom" />
import "./style";
import type { IYText } from "@jupyter/ydoc";
import { CommandToolbarButton, SessionContextDialogs, Toolbar as AppToolbar } from "@jupyterlab/apputils";
import {
  CodeMirrorEditorFactory,
  CodeMirrorMimeTypeService,
  EditorExtensionRegistry,
  EditorLanguageRegistry,
  EditorThemeRegistry,
  ybinding,
} from "@jupyterlab/codemirror";
import { Completer, CompleterModel, CompletionHandler, KernelCompleterProvider, ProviderReconciliator } from "@jupyterlab/completer";
import { DocumentManager } from "@jupyterlab/docmanager";
import { DocumentRegistry } from "@jupyterlab/docregistry";
import { createMarkdownParser } from "@jupyterlab/markedparser-extension";
import { MathJaxTypesetter } from "@jupyterlab/mathjax-extension";
import { NotebookActions, NotebookModelFactory, NotebookPanel, NotebookWidgetFactory, StaticNotebook } from "@jupyterlab/notebook";
import { RenderMimeRegistry, standardRendererFactories } from "@jupyterlab/rendermime";
import { ServerConnection, ServiceManager } from "@jupyterlab/services";
import { runIcon, fastForwardIcon, refreshIcon, stopIcon, Toolbar } from "@jupyterlab/ui-components";
import { CommandRegistry } from "@lumino/commands";
import { Widget } from "@lumino/widgets";
import { attachDebugger } from "./debugger";
import { addWidgetManager } from "./widgets";

const query = new URLSearchParams(window.location.search);
const BASE_URL = query.get("baseUrl") ?? "/";
const TOKEN = query.get("token") ?? "";
const NOTEBOOK = query.get("notebook") ?? "lesson.ipynb";

function editorFactory(languages: EditorLanguageRegistry): CodeMirrorEditorFactory {
  const themes = new EditorThemeRegistry();
  for (const theme of EditorThemeRegistry.getDefaultThemes()) themes.addTheme(theme);
  const extensions = new EditorExtensionRegistry();
  for (const extension of EditorExtensionRegistry.getDefaultExtensions({ themes })) extensions.addExtension(extension);
  // The editor and the cell's shared model stay one text, as in JupyterLab.
  extensions.addExtension({
    name: "shared-model-binding",
    factory: (options) => {
      const shared = options.model.sharedModel as IYText;
      return EditorExtensionRegistry.createImmutableExtension(ybinding({ ytext: shared.ysource, undoManager: shared.undoManager ?? undefined }));
    },
  });
  for (const language of EditorLanguageRegistry.getDefaultLanguages()) languages.addLanguage(language);
  return new CodeMirrorEditorFactory({ extensions, languages });
}

function addCommands(commands: CommandRegistry, panel: NotebookPanel, handler: CompletionHandler): void {
  const session = panel.sessionContext;
  commands.addCommand("run-all", { caption: "Run All", icon: fastForwardIcon, execute: () => NotebookActions.runAll(panel.content, session) });
  commands.addCommand("run", { caption: "Run", icon: runIcon, execute: () => NotebookActions.runAndAdvance(panel.content, session) });
  commands.addCommand("interrupt", { caption: "Stop", icon: stopIcon, execute: () => session.session?.kernel?.interrupt() });
  // JupyterLab asks first in a dialog; the page restarts at once.
  commands.addCommand("restart", { caption: "Restart", icon: refreshIcon, execute: () => session.session?.kernel?.restart() });
  commands.addCommand("complete", { execute: () => handler.invoke() });
  commands.addCommand("select-completion", { execute: () => handler.completer.selectActive() });
  commands.addCommand("command-mode", { execute: () => (panel.content.mode = "command") });
  commands.addKeyBinding({ selector: ".jp-Notebook.jp-mod-editMode .jp-mod-completer-enabled", keys: ["Tab"], command: "complete" });
  commands.addKeyBinding({ selector: ".jp-mod-completer-enabled", keys: ["Enter"], command: "select-completion" });
  commands.addKeyBinding({ selector: ".jp-Notebook", keys: ["Shift Enter"], command: "run" });
  commands.addKeyBinding({ selector: ".jp-Notebook.jp-mod-editMode", keys: ["Escape"], command: "command-mode" });
}

function completerFor(panel: NotebookPanel): CompletionHandler {
  const completer = new Completer({ model: new CompleterModel() });
  const reconciliatorFor = () =>
    new ProviderReconciliator({
      context: { widget: panel, editor: panel.content.activeCell?.editor, session: panel.sessionContext.session },
      providers: [new KernelCompleterProvider()],
      timeout: 10_000,
    });
  const handler = new CompletionHandler({ completer, reconciliator: reconciliatorFor() });
  const follow = () => {
    handler.editor = panel.content.activeCell?.editor ?? null;
    handler.reconciliator = reconciliatorFor();
  };
  panel.content.activeCellChanged.connect(follow);
  panel.sessionContext.kernelChanged.connect(follow);
  void panel.sessionContext.ready.then(follow);
  completer.hide();
  completer.addClass("jp-ThemedContainer");
  Widget.attach(completer, document.body);
  return handler;
}

function main(): void {
  const serverSettings = ServerConnection.makeSettings({ baseUrl: BASE_URL, token: TOKEN, appendToken: true });
  const manager = new ServiceManager({ serverSettings });
  const commands = new CommandRegistry();
  document.addEventListener("keydown", (event) => commands.processKeydownEvent(event), true);

  const languages = new EditorLanguageRegistry();
  const rendermime = new RenderMimeRegistry({
    initialFactories: standardRendererFactories,
    markdownParser: createMarkdownParser(languages),
    latexTypesetter: new MathJaxTypesetter(),
  });
  const opener = {
    open: () => undefined,
    get opened() {
      return { connect: () => false, disconnect: () => false };
    },
  };
  const registry = new DocumentRegistry();
  const docManager = new DocumentManager({ registry, manager, opener });
  const factory = editorFactory(languages);
  const toolbarFactory = (panel: NotebookPanel): DocumentRegistry.IToolbarItem[] => [
    ...["run", "run-all", "interrupt", "restart"].map((id) => ({ name: id, widget: new CommandToolbarButton({ commands, id }) })),
    { name: "spacer", widget: Toolbar.createSpacerItem() },
    { name: "kernelName", widget: AppToolbar.createKernelNameItem(panel.sessionContext, new SessionContextDialogs()) },
    { name: "kernelStatus", widget: AppToolbar.createKernelStatusItem(panel.sessionContext) },
  ];
  registry.addModelFactory(new NotebookModelFactory({}));
  registry.addWidgetFactory(
    new NotebookWidgetFactory({
      name: "Notebook",
      modelName: "notebook",
      fileTypes: ["notebook"],
      defaultFor: ["notebook"],
      preferKernel: true,
      canStartKernel: true,
      rendermime,
      contentFactory: new NotebookPanel.ContentFactory({ editorFactory: factory.newInlineEditor }),
      mimeTypeService: new CodeMirrorMimeTypeService(languages),
      toolbarFactory,
      notebookConfig: { ...StaticNotebook.defaultNotebookConfig, windowingMode: "none" },
    }),
  );
  const panel = docManager.open(NOTEBOOK) as NotebookPanel;
  panel.id = "main";
  panel.addClass("jp-ThemedContainer");
  addWidgetManager(panel);
  addCommands(commands, panel, completerFor(panel));
  attachDebugger({
    panel,
    kernelspecs: manager.kernelspecs,
    editorServices: { factoryService: factory, mimeTypeService: new CodeMirrorMimeTypeService(languages) },
  });
  Widget.attach(panel, document.body);
  window.addEventListener("resize", () => panel.update());
}

window.addEventListener("load", main);
