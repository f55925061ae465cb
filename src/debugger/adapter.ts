// The debug adapter (Jupyter's debugger protocol: DAP in debug_request/debug_reply, events in
// debug_event), on the io thread, over an inspector session on the main thread. It keeps answering
// while the main thread is paused, since only the main thread stops. Models: ipykernel's
// debugger.py and xeus's xdebugger_base.
import { BreakpointBook, SourceBreakpoint } from "./breakpoints";
import { FILE_PREFIX, FILE_SUFFIX, HASH_SEED } from "./cell-files";
import { CellSources } from "./cells";
import { DapError, DapEvent, DapRequest, DapResponse } from "./dap";
import { MainThreadInspector, RemoteObject } from "./inspector";
import { CallFrame, KERNEL_CODE, PausedThread } from "./paused";
import { callArgument, childrenOf, describeValue, toVariable, typeOf, VariableHandles } from "./variables";

const THREAD = 1;
type Args = Record<string, unknown>;
type Handler = (args: Args) => Promise<object> | object;

/** A string argument ("" when absent or not a string). */
const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** The scope types whose bindings V8's Debugger.setVariableValue can set. */
const BINDING_SCOPES = new Set(["local", "closure", "catch"]);

const CAPABILITIES = {
  supportsConfigurationDoneRequest: true,
  supportsConditionalBreakpoints: true,
  supportsEvaluateForHovers: true,
  supportsSetVariable: true,
  supportsExceptionInfoRequest: true,
  supportsDelayedStackTraceLoading: false,
  exceptionBreakpointFilters: [
    { filter: "raised", label: "Raised Exceptions", default: false },
    { filter: "uncaught", label: "Uncaught Exceptions", default: false },
  ],
};

export interface AdapterHost {
  /** Publishes a DAP event on iopub (debug_event). */
  event(event: DapEvent): void;
}

export class DebugAdapter {
  private readonly inspector = new MainThreadInspector();
  private readonly cells = new CellSources(this.inspector);
  private readonly breakpoints = new BreakpointBook(this.inspector);
  private readonly scripts = new Map<string, string>();
  private readonly idleHandles = new VariableHandles();
  private started = false;
  private paused?: PausedThread;
  private stepping = false;
  private pauseOnExceptions = "none";
  private seq = 1;
  private readonly handlers: Record<string, Handler> = {
    initialize: () => this.initialize(),
    attach: () => ({}),
    configurationDone: () => ({}),
    disconnect: () => this.disconnect(),
    debugInfo: () => this.debugInfo(),
    dumpCell: async (a) => ({ sourcePath: await this.cells.dump(text(a.code)) }),
    source: (a) => this.source(a),
    setBreakpoints: (a) => this.setBreakpoints(a),
    setExceptionBreakpoints: (a) => this.setExceptionBreakpoints(a),
    threads: () => ({ threads: [{ id: THREAD, name: "main thread" }] }),
    stackTrace: () => this.stopped().stackFrames(this.cells),
    scopes: (a) => this.stopped().scopes(Number(a.frameId)),
    variables: (a) => this.variables(Number(a.variablesReference)),
    evaluate: (a) => this.evaluate(text(a.expression), a.frameId as number | undefined),
    continue: () => this.resume("Debugger.resume"),
    next: () => this.resume("Debugger.stepOver"),
    stepIn: () => this.resume("Debugger.stepInto"),
    stepOut: () => this.resume("Debugger.stepOut"),
    pause: async () => (await this.inspector.post("Debugger.pause"), {}),
    inspectVariables: () => this.inspectVariables(),
    richInspectVariables: (a) => this.richInspect(text(a.variableName), a.frameId as number | undefined),
    copyToGlobals: (a) => this.copyToGlobals(a),
    modules: () => ({ modules: [], totalModules: 0 }),
    exceptionInfo: () => this.exceptionInfo(),
    setVariable: (a) => this.setVariable(Number(a.variablesReference), text(a.name), text(a.value)),
  };

  constructor(private readonly host: AdapterHost) {}

  get isPaused(): boolean {
    return this.paused !== undefined;
  }

  /** Answers one request; never throws (a failure is an unsuccessful response with its reason). */
  async handle(request: DapRequest): Promise<DapResponse> {
    const handler = Object.hasOwn(this.handlers, request.command) ? this.handlers[request.command] : undefined;
    const answer = (success: boolean, body: object, message?: string): DapResponse => ({
      seq: this.seq++,
      type: "response",
      request_seq: request.seq,
      success,
      command: request.command,
      ...(message === undefined ? {} : { message }),
      body,
    });
    if (!handler) return answer(false, {}, `tsloop's debugger does not know the request '${request.command}'`);
    if (!this.started && !["initialize", "debugInfo", "disconnect"].includes(request.command)) return answer(false, {}, "the debugger is not started");
    try {
      return answer(true, await handler(request.arguments ?? {}));
    } catch (error) {
      return answer(false, {}, error instanceof Error ? error.message : String(error));
    }
  }

  /** An interrupt while paused: the cell's code is terminated (the thread resumes to unwind). */
  async terminatePaused(beforeTerminate: string): Promise<void> {
    if (!this.paused) return;
    await this.inspector.post("Runtime.evaluate", { expression: beforeTerminate, silent: true }).catch(() => undefined);
    const terminated = this.inspector.post("Runtime.terminateExecution");
    await this.inspector.post("Debugger.resume");
    await terminated;
  }

  /** Lets the main thread go for good (a shutdown, or the client's disconnect). */
  async detach(): Promise<void> {
    if (!this.inspector.connected) return;
    await this.inspector.callDebuggee("stop").catch(() => undefined);
    await this.inspector.post("Debugger.disable").catch(() => undefined);
    this.inspector.disconnect();
    this.started = false;
    this.paused = undefined;
    this.breakpoints.reset();
    this.scripts.clear();
  }

  private async initialize(): Promise<object> {
    if (!this.started) {
      this.inspector.connect();
      this.inspector.on("Debugger.scriptParsed", (p: { scriptId: string; url: string }) => {
        if (p.url.startsWith(FILE_PREFIX)) this.scripts.set(p.scriptId, p.url);
      });
      this.inspector.on(
        "Debugger.paused",
        (p: { callFrames: CallFrame[]; reason: string; data?: RemoteObject; hitBreakpoints?: string[] }) => void this.onPaused(p),
      );
      this.inspector.on("Debugger.resumed", () => this.onResumed());
      await this.inspector.post("Debugger.enable");
      await this.inspector.post("Debugger.setBlackboxPatterns", { patterns: KERNEL_CODE.map((re) => re.source) });
      await this.inspector.callDebuggee("start");
      this.started = true;
      setImmediate(() => this.emit("initialized", {}));
    }
    return CAPABILITIES;
  }

  private async disconnect(): Promise<object> {
    await this.detach();
    return {};
  }

  private debugInfo(): object {
    return {
      isStarted: this.started,
      hashMethod: "Murmur2",
      hashSeed: HASH_SEED,
      tmpFilePrefix: FILE_PREFIX,
      tmpFileSuffix: FILE_SUFFIX,
      breakpoints: this.breakpoints.list(),
      stoppedThreads: this.paused ? [THREAD] : [],
      richRendering: true,
      exceptionPaths: [],
      copyToGlobals: true,
    };
  }

  private async source(args: Args): Promise<object> {
    const path = (args.source as { path?: string } | undefined)?.path ?? "";
    const content = await this.cells.code(path);
    if (content === undefined) throw new DapError(`no cell has the source ${path}`);
    return { content };
  }

  private async setBreakpoints(args: Args): Promise<object> {
    const path = (args.source as { path?: string } | undefined)?.path;
    if (!path) throw new DapError("setBreakpoints needs source.path");
    const wanted = (args.breakpoints as SourceBreakpoint[] | undefined) ?? ((args.lines as number[] | undefined) ?? []).map((line) => ({ line }));
    return { breakpoints: await this.breakpoints.set(path, wanted, await this.cells.lines(path)) };
  }

  private async setExceptionBreakpoints(args: Args): Promise<object> {
    const filters = (args.filters as string[] | undefined) ?? [];
    const state = filters.includes("raised") ? "all" : filters.includes("uncaught") ? "uncaught" : "none";
    await this.inspector.post("Debugger.setPauseOnExceptions", { state });
    this.pauseOnExceptions = state;
    return {};
  }

  /** What was thrown, when the thread stopped on an exception (DAP's exceptionInfo). */
  private exceptionInfo(): object {
    const thrown = this.stopped().exception;
    if (!thrown) throw new DapError("the thread did not stop on an exception");
    const typeName = thrown.className ?? thrown.type;
    const [firstLine, ...stack] = (thrown.description ?? String(thrown.value)).split("\n");
    const message = firstLine.startsWith(`${typeName}: `) ? firstLine.slice(typeName.length + 2) : firstLine;
    return {
      exceptionId: typeName,
      description: message,
      breakMode: this.pauseOnExceptions === "all" ? "always" : "unhandled",
      details: { message, typeName, stackTrace: stack.join("\n") },
    };
  }

  private async variables(reference: number): Promise<object> {
    const handles = this.paused?.handles ?? this.idleHandles;
    const objectId = handles.objectId(reference);
    if (!objectId) throw new DapError(`no variables under reference ${reference}`);
    return { variables: await childrenOf(this.inspector, objectId, handles) };
  }

  /** Sets a variable of a scope or a property of an object to the value of an expression (DAP's
   * setVariable), evaluated where the variable lives: its frame, else the top frame or the cells. */
  private async setVariable(reference: number, name: string, expression: string): Promise<object> {
    const handles = this.paused?.handles ?? this.idleHandles;
    const objectId = handles.objectId(reference);
    if (!objectId || !name) throw new DapError(`no variable '${name}' under reference ${reference}`);
    const scope = handles.scope(reference);
    // V8 sets only local, closure and catch bindings; a block's or the cells' `let` is assigned in
    // its frame, and the assignment's value is the new value (the expression runs once either way).
    const assigned = scope !== undefined && !BINDING_SCOPES.has(scope.type);
    const value = assigned
      ? await this.valueOf(`${name} = (${expression})`, scope.frameId)
      : await this.valueOf(expression, scope?.frameId ?? (this.paused ? 1 : undefined));
    if (scope && !assigned) {
      const callFrameId = this.stopped().frame(scope.frameId).callFrameId;
      await this.inspector.post("Debugger.setVariableValue", {
        scopeNumber: scope.scopeNumber,
        variableName: name,
        newValue: callArgument(value),
        callFrameId,
      });
    }
    // A scope's object is a copy V8 made when the thread stopped: it gets the value too, so the
    // variables panel shows it; for any other object this is the assignment itself.
    await this.inspector.post("Runtime.callFunctionOn", {
      objectId,
      functionDeclaration: "function (name, value) { this[name] = value; }",
      arguments: [{ value: name }, callArgument(value)],
      silent: true,
    });
    return { value: describeValue(value), type: typeOf(value), variablesReference: handles.handle(value) };
  }

  private async evaluate(expression: string, frameId: number | undefined): Promise<object> {
    const remote = await this.valueOf(expression, frameId);
    const handles = this.paused?.handles ?? this.idleHandles;
    return { result: describeValue(remote), type: typeOf(remote), variablesReference: handles.handle(remote) };
  }

  /** The cells' globals (what they declared with let, const, class), when not paused. */
  private async inspectVariables(): Promise<object> {
    const { names } = await this.inspector.post<{ names: string[] }>("Runtime.globalLexicalScopeNames");
    const variables = [];
    for (const name of names) variables.push(toVariable(name, await this.valueOf(name, undefined).catch(() => undefined), this.idleHandles));
    return { variables };
  }

  private async richInspect(name: string, frameId: number | undefined): Promise<object> {
    if (!/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name)) throw new DapError(`'${name}' is not a variable name`);
    const remote = await this.valueOf(`globalThis[Symbol.for("tsloop.debuggee")].bundle(${name})`, frameId, true);
    return { data: remote.value ?? {}, metadata: {} };
  }

  private async copyToGlobals(args: Args): Promise<object> {
    const source = text(args.srcVariableName);
    const target = text(args.dstVariableName);
    await this.valueOf(`globalThis[${JSON.stringify(target)}] = ${source}`, Number(args.srcFrameId));
    return {};
  }

  private async valueOf(expression: string, frameId: number | undefined, returnByValue = false): Promise<RemoteObject> {
    if (this.paused && frameId !== undefined) return this.paused.evaluate(this.inspector, frameId, expression, returnByValue);
    const reply = await this.inspector.post<{ result: RemoteObject; exceptionDetails?: { exception?: RemoteObject; text: string } }>("Runtime.evaluate", {
      expression,
      returnByValue,
      silent: true,
      replMode: true,
    });
    if (reply.exceptionDetails) throw new DapError(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
    return reply.result;
  }

  private async resume(method: string): Promise<object> {
    this.stopped();
    this.stepping = method !== "Debugger.resume";
    await this.inspector.post(method);
    return method === "Debugger.resume" ? { allThreadsContinued: true } : {};
  }

  private stopped(): PausedThread {
    if (!this.paused) throw new DapError("the thread is not stopped");
    return this.paused;
  }

  private async onPaused(event: { callFrames: CallFrame[]; reason: string; data?: RemoteObject; hitBreakpoints?: string[] }): Promise<void> {
    const thrown = event.reason === "exception" || event.reason === "promiseRejection" ? event.data : undefined;
    const paused = new PausedThread(event.callFrames, (f) => f.url || this.scripts.get(f.location.scriptId) || "", thrown);
    if (!paused.inCell) return void this.inspector.post(this.stepping ? "Debugger.stepOut" : "Debugger.resume").catch(() => undefined);
    this.paused = paused;
    await this.inspector.callDebuggee("flush").catch(() => undefined); // what the cell printed so far shows now
    const reason = event.hitBreakpoints?.length ? "breakpoint" : thrown ? "exception" : this.stepping ? "step" : "pause";
    this.stepping = false;
    this.emit("stopped", { reason, threadId: THREAD, allThreadsStopped: true });
  }

  private onResumed(): void {
    if (!this.paused) return;
    this.paused = undefined;
    this.emit("continued", { threadId: THREAD, allThreadsContinued: true });
  }

  private emit(event: string, body: object): void {
    this.host.event({ seq: this.seq++, type: "event", event, body });
  }
}
