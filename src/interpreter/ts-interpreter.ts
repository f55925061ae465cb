// The TypeScript interpreter: turns a cell into JavaScript, runs it inside the cell's output scope,
// waits for the runs it started, and turns the value or the error into Jupyter content.
import { CellOutput } from "../io/cell-output";
import { CellScope, runInCell } from "../io/cell-scope";
import { bundleOf } from "../display/mime-bundle";
import { cellFile } from "../debugger/cell-files";
import { isDebugging } from "../debugger/debuggee";
import { cellByScript, registerCell } from "../evaluator/cells";
import { describeTypeWarnings, reportRefused, reportSyntax, reportThrown, reportTypeErrors } from "../evaluator/errors";
import { PendingEvaluation, Runner } from "../evaluator/runner";
import { namesItsSource } from "../evaluator/syntax-location";
import { Transpiler } from "../evaluator/transpiler";
import { cellCheckMode, CheckMode, kernelCheckMode } from "../language/check-mode";
import { CheckDiagnostic, Checker } from "../language/checker";
import type { RuntimeLookup } from "../language/completion";
import { completeTyped, inspectTyped } from "../language/typed-completion";
import { isComplete } from "../language/is-complete";
import { CellInterrupts, KeyboardInterrupt } from "../interrupt/interrupt";
import type { CellOutcome, CellRequest, ExpressionValue, Interpreter } from "../session/ports";
import { kernelInfo } from "./kernel-info";

type Checking = Promise<CheckDiagnostic[]> | undefined;
type CellResult = Promise<CellOutcome>;

export class TypeScriptInterpreter implements Interpreter {
  constructor(
    private readonly interrupts: CellInterrupts = new CellInterrupts(),
    private readonly checkMode: CheckMode = kernelCheckMode(),
    cwd: string = process.cwd(),
  ) {
    this.checker = new Checker(cwd);
    this.runner = new Runner(() => interrupts.takeTermination());
  }

  private readonly transpiler = new Transpiler();
  private readonly checker: Checker;
  private readonly runner: Runner;

  /** Starts the type checker's server (a child process: nothing waits for it) and warms the
   * transpiler one step per loop turn. Call it once the sockets are up, so kernel_info goes first;
   * the first cell waits only for what it needs. */
  start(): void {
    this.checker.start();
    void this.transpiler.warm().catch(() => undefined);
  }

  kernelInfo() {
    return kernelInfo();
  }

  async execute(run: CellRequest): CellResult {
    const output = new CellOutput(run.publisher);
    const scope: CellScope = { executionCount: run.executionCount, output, holds: [], stdin: run.stdin };
    try {
      return await this.runCell(run, scope);
    } finally {
      output.flush();
    }
  }

  private async runCell(run: CellRequest, scope: CellScope): CellResult {
    const armed = this.interrupts.arm();
    const interrupted = armed.interrupted;
    let evaluation: PendingEvaluation | undefined;
    try {
      const mode = cellCheckMode(run.code, this.checkMode);
      const checking: Checking = mode === "off" ? undefined : this.checker.check(run.code);
      const cell = await Promise.race([this.transpiler.transpile(run.code), interrupted]);
      if (cell.diagnostics.length > 0) return { status: "error", ...reportSyntax(run.executionCount, run.code, cell.diagnostics[0]) };
      const typeErrors = await Promise.race([this.typeErrors(run, scope, checking, mode), interrupted]);
      if (typeErrors) return typeErrors;
      // Under the debugger a cell runs as the file JupyterLab names it by (its code's hash).
      const record = { executionCount: run.executionCount, source: run.code.split("\n"), lines: cell.lines };
      const script = isDebugging() ? registerCell(record, cellFile(run.code)) : registerCell(record);
      // The io thread may terminate the evaluation (see interrupt/interrupt.ts): in its synchronous
      // part the evaluation returns `terminated`; later, only `interrupted` settles.
      evaluation = this.interrupts.runSync(() => runInCell(scope, () => this.runner.start(`${cell.js}\n//# sourceURL=${script}`)));
      const result = await Promise.race([evaluation.result, interrupted]);
      // Declarations made before a throw exist at runtime, so the checker records the cell then too.
      const declared = result.ok || result.terminated || !refusedByV8(result.error);
      if (declared && !cell.onlyExpressions) this.checker.commit(run.code);
      if (!result.ok && result.terminated) return { status: "error", ...reportThrown(new KeyboardInterrupt()) };
      if (!result.ok && refusedByV8(result.error)) return { status: "error", ...reportRefused(run.executionCount, run.code, result.error) };
      if (!result.ok) return { status: "error", ...reportThrown(result.error) };
      await Promise.race([settleHolds(scope), interrupted]);
      if (!cell.hasResult || result.value === undefined || run.silent) return { status: "ok" };
      return { status: "ok", result: { data: bundleOf(result.value), metadata: {} } };
    } catch (thrown) {
      return { status: "error", ...reportThrown(thrown) };
    } finally {
      armed.disarm();
      evaluation?.abandon(); // an interrupted cell's evaluation that never settled
    }
  }

  /** The error outcome that stops a cell with type errors (mode "error"); warnings go to stderr. */
  private async typeErrors(run: CellRequest, scope: CellScope, checking: Checking, mode: CheckMode): Promise<CellOutcome | undefined> {
    const found = await checking;
    if (found === undefined || found.length === 0) return undefined;
    if (mode === "error") return { status: "error", ...reportTypeErrors(run.executionCount, run.code, found) };
    scope.output.write("stderr", describeTypeWarnings(run.executionCount, run.code, found));
    return undefined;
  }

  /** A cell's line table, for the debugger's dumpCell (the transpiled cell is cached for its run);
   * the first problem's text when it does not transpile. */
  async cellLines(code: string): Promise<number[] | string> {
    const cell = await this.transpiler.transpile(code);
    return cell.diagnostics.length > 0 ? cell.diagnostics[0].message : cell.lines;
  }

  async evaluateExpression(expression: string): Promise<ExpressionValue> {
    const cell = await this.transpiler.transpile(expression);
    if (cell.diagnostics.length > 0) return { status: "error", ...reportSyntax(0, expression, cell.diagnostics[0]) };
    const result = await this.runner.evaluate(cell.js);
    if (!result.ok) return { status: "error", ...reportThrown(result.error) };
    return { status: "ok", data: bundleOf(result.value), metadata: {} };
  }

  complete(code: string, cursorPos: number) {
    return completeTyped(this.checker, this.runtime, code, cursorPos);
  }

  inspect(code: string, cursorPos: number, detailLevel: 0 | 1) {
    return inspectTyped(this.checker, this.runtime, code, cursorPos, detailLevel);
  }

  async isComplete(code: string) {
    return isComplete(code);
  }

  async shutdown(): Promise<void> {
    await Promise.all([this.transpiler.stop(), this.checker.stop()]);
    this.runner.disconnect();
  }

  /** The names and values the running kernel has, for completion and inspection. */
  private readonly runtime: RuntimeLookup = {
    names: async () => [...Object.getOwnPropertyNames(globalThis), ...(await this.runner.lexicalNames())],
    resolve: async (path) => {
      const [first, ...rest] = path.split(".");
      const head = await this.runner.evaluate(`typeof ${first} === "undefined" ? undefined : ${first}`);
      if (!head.ok || head.value === undefined) return { found: false };
      let value: unknown = head.value;
      for (const key of rest) {
        if (value === null || value === undefined) return { found: false };
        value = (value as Record<string, unknown>)[key];
      }
      return { found: true, value };
    },
  };
}

/** Whether cell code threw it: a cell's script is on its stack (this cell's, or that of an earlier
 * cell's function it ran, also one a gather or a task ran), rather than V8 refusing to run the cell
 * at all (an early error such as re-declaring a `let` as a `const`). */
function thrownByCells(error: unknown): boolean {
  const stack = (error as { stack?: unknown } | null)?.stack;
  if (typeof stack !== "string") return false;
  return stack.split("\n").some((line) => {
    const at = /\(?(\S+?):\d+:\d+\)?$/.exec(line.trim());
    return at !== null && cellByScript(at[1]) !== undefined;
  });
}

/** A SyntaxError V8 raised before running the cell (REPL mode's early errors), not one cell code
 * threw nor one of a module it imported (whose stack starts with that module's file and line).
 * Any other error means the cell ran, so its declarations exist. */
function refusedByV8(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === "SyntaxError" && !thrownByCells(error) && !namesItsSource(error);
}

/** Waits for every run-until-complete the cell started, including ones started while waiting. */
async function settleHolds(scope: CellScope): Promise<void> {
  for (let seen = 0; seen < scope.holds.length;) {
    const batch = scope.holds.slice(seen);
    seen = scope.holds.length;
    await Promise.allSettled(batch);
  }
}
