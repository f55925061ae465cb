// asyncio's subprocesses (CPython 3.12 asyncio/subprocess.py): createSubprocessExec/Shell start a
// child process whose piped stdin/stdout/stderr are a StreamWriter and StreamReaders; wait() and
// communicate() wait on Futures, so cancelling the awaiting task stops the wait (not the child).
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { constants } from "node:os";
import type { Coroutine } from "./coroutine";
import { Future } from "./future";
import { lazy } from "./locks";
import { tuple } from "./python";
import { StreamReader, StreamWriter } from "./streams";

/** Give the child a pipe (Python `asyncio.subprocess.PIPE`). */
export const PIPE = "pipe";
/** Connect it to nothing (Python `asyncio.subprocess.DEVNULL`). */
export const DEVNULL = "ignore";
/** Share the kernel's own (Python's default, None): the child's output goes to the kernel's stdout, not to the cell. */
export const INHERIT = "inherit";

type Channel = typeof PIPE | typeof DEVNULL | typeof INHERIT;

/** Options of `createSubprocessExec`/`createSubprocessShell`. */
export interface SubprocessOptions {
  stdin?: Channel;
  stdout?: Channel;
  stderr?: Channel;
  /** The working directory (default: the kernel's, the notebook's folder). */
  cwd?: string;
  /** The environment (default: the kernel's). */
  env?: NodeJS.ProcessEnv;
}

/** A running child process (Python `asyncio.subprocess.Process`). */
export class Process {
  /** The child's stdin when piped. */
  readonly stdin: StreamWriter | null;
  /** The child's stdout when piped. */
  readonly stdout: StreamReader | null;
  /** The child's stderr when piped. */
  readonly stderr: StreamReader | null;
  private readonly _exited = new Future<number>();

  /** Wraps a spawned child (its stdout and stderr are read from now on). */
  constructor(readonly child: ChildProcess) {
    this.stdin = child.stdin ? new StreamWriter(child.stdin) : null;
    this.stdout = child.stdout ? StreamReader.from(child.stdout) : null;
    this.stderr = child.stderr ? StreamReader.from(child.stderr) : null;
    // A signal's death is a negative return code, as in Python (-15 for SIGTERM).
    child.once("close", (code, signal) => this._exited.done() || this._exited.setResult(code ?? -(signalNumber(signal) ?? 1)));
    child.once("error", (error) => this._exited.done() || this._exited.setException(error));
  }

  /** The process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** The exit code once it ended (negative: killed by that signal), else null (Python `returncode`). */
  get returncode(): number | null {
    return this._exited.done() && this._exited.exception() === null ? this._exited.result() : null;
  }

  /** Waits until the child ends and gives its return code. */
  wait(): Coroutine<number> {
    return lazy("wait", async () => await this._exited);
  }

  /** Sends `input` to stdin (then closes it), reads stdout and stderr to their end, waits: `[stdout, stderr]` (null where not piped). */
  communicate(input?: Buffer | string): Coroutine<readonly [Buffer | null, Buffer | null]> {
    return lazy("communicate", async () => {
      if (this.stdin) {
        if (input !== undefined) this.stdin.write(input);
        this.stdin.close();
      }
      const [out, err] = await Promise.all([this.stdout?.read() ?? null, this.stderr?.read() ?? null]);
      await this._exited;
      return tuple(out, err);
    });
  }

  /** Sends `signal` (default SIGTERM). */
  sendSignal(signal: NodeJS.Signals = "SIGTERM"): void {
    this.child.kill(signal);
  }

  /** SIGTERM. */
  terminate(): void {
    this.sendSignal("SIGTERM");
  }

  /** SIGKILL. */
  kill(): void {
    this.sendSignal("SIGKILL");
  }

  /** Python-like repr: `<Process 1234>`. */
  __repr__(): string {
    return `<Process ${this.pid}>`;
  }
}

function signalNumber(signal: NodeJS.Signals | null): number | undefined {
  if (!signal) return undefined;
  return constants.signals[signal];
}

function stdio(options: SubprocessOptions): StdioOptions {
  return [options.stdin ?? INHERIT, options.stdout ?? INHERIT, options.stderr ?? INHERIT];
}

async function started(child: ChildProcess): Promise<Process> {
  const spawned = new Future<void>();
  child.once("spawn", () => spawned.done() || spawned.setResult());
  child.once("error", (error) => spawned.done() || spawned.setException(error));
  await spawned;
  return new Process(child);
}

/**
 * Python `asyncio.create_subprocess_exec(program, *args, stdout=PIPE, …)`: starts `program` with the
 * arguments (no shell), options last: `createSubprocessExec("ls", "-l", { stdout: PIPE })`. A missing program throws (ENOENT).
 */
export function createSubprocessExec(program: string, ...args: string[]): Coroutine<Process>;
export function createSubprocessExec(program: string, ...args: [...string[], SubprocessOptions]): Coroutine<Process>;
export function createSubprocessExec(program: string, ...rest: (string | SubprocessOptions)[]): Coroutine<Process> {
  const last = rest[rest.length - 1];
  const options: SubprocessOptions = typeof last === "object" ? last : {};
  const args = rest.filter((arg): arg is string => typeof arg === "string");
  return lazy("createSubprocessExec", () => started(spawn(program, args, { stdio: stdio(options), cwd: options.cwd, env: options.env })));
}

/** Python `asyncio.create_subprocess_shell(cmd, stdout=PIPE, …)`: runs `command` through /bin/sh. */
export function createSubprocessShell(command: string, options: SubprocessOptions = {}): Coroutine<Process> {
  return lazy("createSubprocessShell", () => started(spawn(command, { shell: true, stdio: stdio(options), cwd: options.cwd, env: options.env })));
}
