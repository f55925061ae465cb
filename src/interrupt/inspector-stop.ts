// Stops JavaScript that blocks the main thread, from the io thread (interrupt.ts says when): pause
// the main thread with the inspector, clear Node's async-context stack while it is paused (so
// unwinding a timer or a promise continuation cannot trip Node's async_hooks assertions and abort
// the process), terminate the running script, resume. The paused thread cannot race the decision.
import { Session } from "node:inspector";

const HOOK = "tsloop.beforeTerminate";
const PAUSE_TIMEOUT_MS = 1000;
/** What the io thread evaluates on the paused main thread before terminating what runs there. */
export const BEFORE_TERMINATE = `globalThis[Symbol.for("${HOOK}")]?.() === true`;

/** Main thread, at start-up: installs the hook the io thread calls while the main thread is paused. */
export function installTerminationHook(): void {
  const clear = asyncStackClearer();
  const hook = () => (clear ? (clear(), true) : false);
  Object.defineProperty(globalThis, Symbol.for(HOOK), { value: hook, enumerable: false, configurable: true });
}

type AsyncWrap = { clearAsyncIdStack?: () => void };
/** Node's own module for its tests; it resolves only under --expose-internals. */
const INTERNAL_BINDINGS = "internal/test/binding";

/** Node's native clearAsyncIdStack (what its uncaughtException path runs), without a warning:
 * from `process.binding` (Node 20 and 22), else, where the kernel runs with --expose-internals (its
 * kernelspec does), from the internal binding (Node 24 removed process.binding("async_wrap")). */
function asyncStackClearer(): (() => void) | undefined {
  const binding = quietly(() => (process as unknown as { binding(name: string): AsyncWrap }).binding("async_wrap")) ?? quietly(internalAsyncWrap);
  return typeof binding?.clearAsyncIdStack === "function" ? () => binding.clearAsyncIdStack!() : undefined;
}

function internalAsyncWrap(): AsyncWrap | undefined {
  if (!process.execArgv.includes("--expose-internals")) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an internal module, there only with the flag
  const internals = require(INTERNAL_BINDINGS) as { internalBinding(name: string): AsyncWrap };
  return internals.internalBinding("async_wrap");
}

/** Runs `get` with Node's deprecation and internal-use warnings muted; undefined if it throws. */
function quietly<T>(get: () => T): T | undefined {
  const quiet = process.noDeprecation;
  const emitWarning = Object.getOwnPropertyDescriptor(process, "emitWarning");
  process.noDeprecation = true;
  process.emitWarning = () => undefined;
  try {
    return get();
  } catch {
    return undefined;
  } finally {
    process.noDeprecation = quiet;
    if (emitWarning) Object.defineProperty(process, "emitWarning", emitWarning);
    else delete (process as { emitWarning?: unknown }).emitWarning;
  }
}

/**
 * io thread: pauses the main thread and terminates what runs there if `shouldStop` (asked while it
 * is paused; told whether the async stack could be cleared) agrees. Resolves true if it terminated.
 */
export async function stopMainThread(shouldStop: (stackCleared: () => Promise<boolean>) => Promise<boolean>): Promise<boolean> {
  const session = new Session();
  session.connectToMainThread();
  const post = <T = unknown>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
  try {
    const paused = new Promise<boolean>((resolve) => {
      session.once("Debugger.paused", () => resolve(true));
      setTimeout(() => resolve(false), PAUSE_TIMEOUT_MS).unref();
    });
    await post("Debugger.enable");
    await post("Debugger.pause");
    if (!(await paused)) return false; // blocked outside JavaScript: nothing to terminate
    const clearStack = async () =>
      (await post<{ result: { value?: unknown } }>("Runtime.evaluate", { expression: BEFORE_TERMINATE, returnByValue: true })).result.value === true;
    const stop = await shouldStop(clearStack);
    // The reply to terminateExecution comes once the script has unwound, i.e. after the resume.
    const terminated = stop ? post("Runtime.terminateExecution") : Promise.resolve();
    await post("Debugger.resume");
    await terminated;
    return stop;
  } finally {
    await post("Debugger.disable").catch(() => undefined);
    session.disconnect();
  }
}
