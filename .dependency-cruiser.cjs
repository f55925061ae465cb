// The layers of README.md's Design section and shared/design/architecture.md as rules: an import
// that runs up a layer fails `npm run lint`. An arrow means "may import":
//
//   kernel/ (the process)  -> everything
//   src/cli/               -> protocol, transport, client (and log)
//   src/client/            -> protocol, transport (and log)
//   src/interpreter/       -> session's ports, interrupt, evaluator, language, io, display,
//                             debugger's cell files and hook (and log)
//   src/interrupt/         -> only itself (and node): both threads load it
//   src/debugger/          -> only itself (and node): the io thread's DAP adapter, its main-thread hook
//   src/session/           -> protocol (and log); it reaches comms/ through its Comms port
//   src/comms/             -> protocol as types (and log, node)
//   src/widgets/           -> comms, io, display (and log, node)
//   src/transport/         -> protocol, session's ports as types (and log)
//   src/evaluator/, src/language/, src/io/, src/display/ -> nothing of Jupyter; display -> io
//   src/syntax/            -> only itself (and oxc-parser): the parser evaluator/ and language/ share
//   src/protocol/          -> only itself (type-only @jupyterlab/services, uuid, node)
//   src/coroutines/        -> only itself (and node)
//   src/log.ts, src/diagnostic.ts -> nothing: leaves anything in src/ may import (except
//                             protocol/ and coroutines/, which stand alone)
//
// Each layer rule names what a folder may import inside src/ (its `pathNot`); leaving src/ for
// kernel/, bench/, test/ or tools/ is its own rule. Paths are relative to the folder depcruise
// runs in (the repository root).

/** Everything under src/ that a rule may name as a target. */
const SRC = "^src/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "A cycle makes the layers meaningless and the load order fragile; type-only imports count too.",
      from: {},
      to: { circular: true },
    },
    {
      name: "src-not-to-process-or-tooling",
      severity: "error",
      comment: "src/ is the library: it never imports the process (kernel/), the benchmark, the tests or tools.",
      from: { path: SRC },
      to: { path: "^(kernel|bench|test|tools)/" },
    },
    {
      name: "kernel-not-to-tooling",
      severity: "error",
      comment: "The process imports src/ only, never the benchmark, the tests or tools.",
      from: { path: "^kernel/" },
      to: { path: "^(bench|test|tools)/" },
    },
    {
      name: "bench-test-use-client-not-cli-run",
      severity: "error",
      comment:
        "The benchmark and the tests drive a kernel through src/client/, not through the internals of " +
        "`tsloop run` (src/cli/run/). test/cli/ is exempt: it is the CLI's own unit tests.",
      from: { path: "^(bench|test)/", pathNot: "^test/cli/" },
      to: { path: "^src/cli/run/" },
    },
    {
      name: "protocol-only-itself",
      severity: "error",
      comment: "src/protocol/ is the pure codec: it imports only its own files (not even log.ts).",
      from: { path: "^src/protocol/" },
      to: { path: SRC, pathNot: "^src/protocol/" },
    },
    {
      name: "protocol-packages",
      severity: "error",
      comment: "src/protocol/ uses no package but uuid (message ids) and @jupyterlab/services (types); no zeromq.",
      from: { path: "^src/protocol/" },
      to: { path: "node_modules/", pathNot: "node_modules/(uuid|@jupyterlab/services)/" },
    },
    {
      name: "jupyterlab-services-type-only",
      severity: "error",
      comment:
        "In src/ and kernel/, @jupyterlab/services gives the protocol's types only (`import type`); its " +
        "runtime is the client JupyterLab runs, for the tests.",
      from: { path: "^(src|kernel)/" },
      to: { path: "node_modules/@jupyterlab/services/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "coroutines-standalone",
      severity: "error",
      comment: "src/coroutines/ (the asyncio-like layer) imports nothing of the kernel: only its own files.",
      from: { path: "^src/coroutines/" },
      to: { path: SRC, pathNot: "^src/coroutines/" },
    },
    {
      name: "coroutines-node-only",
      severity: "error",
      comment: "src/coroutines/ needs no package, only node's builtins.",
      from: { path: "^src/coroutines/" },
      to: { path: "node_modules/" },
    },
    {
      name: "syntax-standalone",
      severity: "error",
      comment: "src/syntax/ (the parser of cell text) imports only its own files and oxc-parser.",
      from: { path: "^src/syntax/" },
      to: { path: `${SRC}|node_modules/`, pathNot: "^src/syntax/|node_modules/(oxc-parser|@oxc-project)/" },
    },
    {
      name: "engine-knows-no-jupyter",
      severity: "error",
      comment:
        "evaluator/, language/, io/ and display/ know nothing of Jupyter messages: code in, values and " +
        "bundles out. No protocol, session, transport, interpreter, cli, client, comms, widgets, zeromq or @jupyterlab.",
      from: { path: "^src/(evaluator|language|io|display)/" },
      to: { path: "^src/(protocol|session|transport|interpreter|cli|client|comms|widgets)/|node_modules/(zeromq|@jupyterlab/services)/" },
    },
    {
      name: "engine-siblings-apart",
      severity: "error",
      comment:
        "evaluator/, language/ and io/ do not import each other or display/ (the interpreter composes them). " +
        "What the transpiler (evaluator/) and the checker (language/) share, the diagnostic type, lives in " +
        "the leaf src/diagnostic.ts rather than in either of them, so neither depends on the other.",
      from: { path: "^src/(evaluator|language|io)/" },
      to: { path: "^src/(evaluator|language|io|display)/", pathNot: "^src/$1/" },
    },
    {
      name: "display-over-io-only",
      severity: "error",
      comment: "display/ may use io/ (which cell a display belongs to), but not evaluator/ or language/.",
      from: { path: "^src/display/" },
      to: { path: "^src/(evaluator|language)/" },
    },
    {
      name: "interpreter-layer",
      severity: "error",
      comment:
        "src/interpreter/ implements the session's Interpreter port over evaluator/, language/, io/, display/ " +
        "and the interrupt path (and names cells as the debugger's main-thread half says); of the session it knows " +
        "only the ports, never dispatch, transport or protocol.",
      from: { path: "^src/interpreter/" },
      to: {
        path: SRC,
        pathNot:
          "^src/(interpreter/|interrupt/|session/ports\\.ts$|evaluator/|language/|syntax/|io/|display/|debugger/(debuggee|cell-files)\\.ts$|log\\.ts$|diagnostic\\.ts$)",
      },
    },
    {
      name: "debugger-standalone",
      severity: "error",
      comment:
        "src/debugger/ is DAP over V8's inspector, on the io thread (its main-thread half, debuggee.ts, is a hook): " +
        "it imports only itself (and node); the session reaches it through KernelActions.debug.",
      from: { path: "^src/debugger/" },
      to: { path: SRC, pathNot: "^src/debugger/" },
    },
    {
      name: "interrupt-standalone",
      severity: "error",
      comment: "src/interrupt/ (loaded by the main thread and the io thread) needs only node: shared memory and the inspector.",
      from: { path: "^src/interrupt/" },
      to: { path: `${SRC}|node_modules/`, pathNot: "^src/interrupt/" },
    },
    {
      name: "session-layer",
      severity: "error",
      comment: "src/session/ (dispatch, queue, status) sees protocol/ and its own ports, so it runs with fakes: " + "no transport, no interpreter, no zeromq.",
      from: { path: "^src/session/" },
      to: { path: `${SRC}|node_modules/zeromq/`, pathNot: "^src/(session/|protocol/|log\\.ts$)" },
    },
    {
      name: "transport-layer",
      severity: "error",
      comment:
        "src/transport/ (zeromq, the io thread) sees protocol/ and the session's Channels port it implements " +
        "(adapters depend on the core's ports, as architecture.md says), nothing else of the session.",
      from: { path: "^src/transport/" },
      to: { path: SRC, pathNot: "^src/(transport/|protocol/|log\\.ts$|session/ports\\.ts$)" },
    },
    {
      name: "ports-as-types",
      severity: "error",
      comment: "The adapters (transport/, interpreter/) import the session's ports as types only: no runtime link to the session.",
      from: { path: "^src/(transport|interpreter)/" },
      to: { path: "^src/session/ports\\.ts$", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "comms-layer",
      severity: "error",
      comment:
        "src/comms/ (comm targets, open comms, the cells' `comms`) knows of the kernel only protocol/'s types; " +
        "the session hands it incoming messages through its Comms port, and kernel/ connects it to the cells' outputs.",
      from: { path: "^src/comms/" },
      to: { path: SRC, pathNot: "^src/(comms/|protocol/|log\\.ts$)" },
    },
    {
      name: "comms-protocol-types-only",
      severity: "error",
      comment: "src/comms/ uses protocol/'s types, never its code (messages are built by the session's publishers).",
      from: { path: "^src/comms/" },
      to: { path: "^src/protocol/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "widgets-layer",
      severity: "error",
      comment:
        "src/widgets/ (the widget models of protocol 2.1 over comms) uses comms/, io/ (an Output widget's capture) " +
        "and display/; never the session, transport, interpreter or protocol.",
      from: { path: "^src/widgets/" },
      to: { path: SRC, pathNot: "^src/(widgets/|comms/|io/|display/|log\\.ts$)" },
    },
    {
      name: "client-layer",
      severity: "error",
      comment: "src/client/ (a small Jupyter client) is built on protocol/ and transport/ only.",
      from: { path: "^src/client/" },
      to: { path: SRC, pathNot: "^src/(client/|protocol/|transport/|log\\.ts$)" },
    },
    {
      name: "cli-layer",
      severity: "error",
      comment: "src/cli/ talks to a kernel process as a client: protocol/, transport/, client/; never the kernel's insides.",
      from: { path: "^src/cli/" },
      to: { path: SRC, pathNot: "^src/(cli/|protocol/|transport/|client/|log\\.ts$)" },
    },
    {
      name: "leaves-stay-leaves",
      severity: "error",
      comment: "src/log.ts and src/diagnostic.ts import nothing of the kernel, so any layer may import them.",
      from: { path: "^src/(log|diagnostic)\\.ts$" },
      to: { path: SRC },
    },
    {
      name: "facade-cell-api-only",
      severity: "error",
      comment: "src/index.ts, the `tsloop` module cells import, exposes the cell-facing layers only (coroutines, display, io, comms, widgets).",
      from: { path: "^src/index\\.ts$" },
      to: { path: SRC, pathNot: "^src/(coroutines|display|io|comms|widgets)/" },
    },
    {
      name: "facade-not-imported-in-src",
      severity: "error",
      comment: "src/index.ts is for cells and the process (kernel/globals.ts); layers import the module they need.",
      from: { path: SRC, pathNot: "^src/index\\.ts$" },
      to: { path: "^src/index\\.ts$" },
    },
    {
      name: "no-dev-deps-in-runtime",
      severity: "error",
      comment: "src/ and kernel/ ship in the package: they may not need a devDependency at run time.",
      from: { path: "^(src|kernel)/" },
      to: { dependencyTypes: ["npm-dev"], dependencyTypesNot: ["type-only"] },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "Every import resolves (dist/ is the build, ignored here, so kernel/tsloop.js's requires of it are skipped).",
      from: {},
      to: { couldNotResolve: true, pathNot: "^\\.\\./dist/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|coverage|bench/results)/" },
    // Type-only imports are dependencies too: a layer may not know a higher layer's types either.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // Resolve packages as node does, `exports` conditions included (typescript-eslint is such a package).
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["main", "types", "typings"],
    },
  },
};
