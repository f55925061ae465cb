// The TypeScript interpreter: turns a cell into JavaScript, runs it inside the cell's output scope,
// waits for the runs it started, and turns the value or the error into Jupyter content.
import { CellOutput } from "../io/cell-output";
import { CellScope, runInCell } from "../io/cell-scope";
import { bundleOf } from "../display/mime-bundle";
import { registerCell } from "../evaluator/cells";
import { reportSyntax, reportThrown } from "../evaluator/errors";
import { Runner } from "../evaluator/runner";
import { Transpiler } from "../evaluator/transpiler";
import { complete, inspectAt, Scope } from "../language/completion";
import { isComplete } from "../language/is-complete";
import type { CellRun, ExecuteOutcome, ExpressionValue, Interpreter } from "../session/ports";
import { InterruptSignal, KeyboardInterrupt } from "./interrupt";
import { kernelInfo } from "./kernel-info";

/** Told when a cell's code starts and stops running (the io thread uses it to stop blocked cells). */
export interface CellActivity {
  cellStarted(): void;
  cellEnded(): void;
}

export class TypeScriptInterpreter implements Interpreter {
  constructor(private readonly activity: CellActivity = { cellStarted() {}, cellEnded() {} }) {}

  private readonly transpiler = new Transpiler();
  private readonly runner = new Runner();
  private readonly interruption = new InterruptSignal();

  /** Warm the compiler in the background: start-up never waits for it. */
  start(): void {
    this.transpiler.start();
  }

  kernelInfo() {
    return kernelInfo();
  }

  async execute(run: CellRun): Promise<ExecuteOutcome> {
    const output = new CellOutput((type, content, metadata, buffers) => run.publisher.publish(type, content, metadata, buffers));
    const scope: CellScope = { executionCount: run.executionCount, output, holds: [], input: run.input };
    try {
      return await this.runCell(run, scope);
    } finally {
      output.flush();
    }
  }

  private async runCell(run: CellRun, scope: CellScope): Promise<ExecuteOutcome> {
    const interrupted = this.interruption.arm();
    try {
      const cell = await Promise.race([this.transpiler.transpile(run.code), interrupted]);
      if (cell.diagnostics.length > 0) return { status: "error", ...reportSyntax(run.executionCount, run.code, cell.diagnostics[0]) };
      const script = registerCell({ executionCount: run.executionCount, source: run.code.split("\n"), lines: cell.lines });
      // Only the synchronous part of the evaluation may be terminated by the io thread: terminating
      // inside a timer or continuation trips Node's async-context assertions and kills the process.
      this.activity.cellStarted();
      const evaluation = runInCell(scope, () => this.runner.evaluate(`${cell.js}\n//# sourceURL=${script}`));
      this.activity.cellEnded();
      const result = await Promise.race([evaluation, interrupted]);
      if (!result.ok && result.terminated) return { status: "error", ...reportThrown(new KeyboardInterrupt()) };
      if (!result.ok) return { status: "error", ...reportThrown(result.error) };
      await Promise.race([settleHolds(scope), interrupted]);
      if (!cell.hasResult || result.value === undefined || run.silent) return { status: "ok" };
      return { status: "ok", result: { data: bundleOf(result.value), metadata: {} } };
    } catch (thrown) {
      return { status: "error", ...reportThrown(thrown) };
    } finally {
      this.interruption.disarm();
    }
  }

  async evaluateExpression(expression: string): Promise<ExpressionValue> {
    const cell = await this.transpiler.transpile(expression);
    if (cell.diagnostics.length > 0) return { status: "error", ...reportSyntax(0, expression, cell.diagnostics[0]) };
    const result = await this.runner.evaluate(cell.js);
    if (!result.ok) return { status: "error", ...reportThrown(result.error) };
    return { status: "ok", data: bundleOf(result.value), metadata: {} };
  }

  complete(code: string, cursorPos: number) {
    return complete(this.scope, code, cursorPos);
  }

  inspect(code: string, cursorPos: number, detailLevel: 0 | 1) {
    return inspectAt(this.scope, code, cursorPos, detailLevel);
  }

  async isComplete(code: string) {
    return isComplete(code);
  }

  interrupt(): void {
    this.interruption.fire();
  }

  async shutdown(): Promise<void> {
    await this.transpiler.stop();
    this.runner.disconnect();
  }

  private readonly scope: Scope = {
    names: async () => [...Object.getOwnPropertyNames(globalThis), ...(await this.runner.lexicalNames())],
    resolve: async (path) => {
      const [first, ...rest] = path.split(".");
      const head = await this.runner.evaluate(`typeof ${first} === "undefined" ? undefined : ${first}`);
      if (!head.ok || head.value === undefined) return { found: false };
      let value: any = head.value;
      for (const key of rest) {
        if (value === null || value === undefined) return { found: false };
        value = value[key];
      }
      return { found: true, value };
    },
  };
}

/** Waits for every run-until-complete the cell started, including ones started while waiting. */
async function settleHolds(scope: CellScope): Promise<void> {
  for (let seen = 0; seen < scope.holds.length; ) {
    const batch = scope.holds.slice(seen);
    seen = scope.holds.length;
    await Promise.allSettled(batch);
  }
}
