// `tsloop run [options] [paths...]`: re-runs notebooks through the kernel (see run/options.ts for
// the help text). Returns the exit code; as the real CLI (no io given) it also sets process.exitCode.
import { parseRunArgs, RUN_HELP, UsageError } from "./run/options";
import { RunIO, runAll } from "./run/runner";

export async function main(args: string[], io?: Partial<RunIO>): Promise<number> {
  const full: RunIO = {
    stdout: io?.stdout ?? process.stdout,
    stderr: io?.stderr ?? process.stderr,
    tty: io?.tty ?? (io?.stdout ? false : Boolean(process.stdout.isTTY)),
    cwd: io?.cwd ?? process.cwd(),
  };
  const code = await run(args, full);
  if (!io) process.exitCode = code;
  return code;
}

async function run(args: string[], io: RunIO): Promise<number> {
  let options;
  try {
    options = parseRunArgs(args);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`tsloop run: ${err.message} (see tsloop run --help)\n`);
    return 2;
  }
  if (options.help) {
    io.stdout.write(RUN_HELP);
    return 0;
  }
  return runAll(options, io);
}
