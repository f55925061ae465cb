// tsloop's command line: install/uninstall the kernelspec, run the kernel, run files, help/version.
// Sets process.exitCode rather than exiting, so pending output is flushed.
import { CliError } from "./errors";
import { install, uninstall } from "./install";
import { packageVersion } from "./package-root";
import { USAGE } from "./usage";

type Command = (args: string[]) => void | Promise<void>;

const COMMANDS: Record<string, Command> = {
  install,
  uninstall,
  kernel: runKernel,
  run: runFiles,
  help: () => void process.stdout.write(USAGE),
  "--help": () => void process.stdout.write(USAGE),
  "-h": () => void process.stdout.write(USAGE),
  "--version": () => console.log(packageVersion()),
};

export async function main(args: string[]): Promise<void> {
  const [name, ...rest] = args;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    if (name !== undefined) process.stderr.write(`tsloop: unknown command '${name}'\n\n`);
    process.stderr.write(USAGE);
    process.exitCode = 2;
    return;
  }
  try {
    await command(rest);
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exitCode = err.exitCode;
  }
}

type EntryModule = { main(args: string[]): void | Promise<void> };

function runKernel(args: string[]): void | Promise<void> {
  if (args.length !== 1) throw new CliError("tsloop kernel: expected exactly one argument, the connection file");
  const kernel = resolveOptional("../../kernel/main");
  if (!kernel) throw new CliError("tsloop kernel: the kernel is not built (dist/kernel/main.js missing)", 1);
  return (require(kernel) as EntryModule).main(args);
}

function runFiles(args: string[]): void | Promise<void> {
  const run = resolveOptional("./run");
  if (!run) throw new CliError("tsloop run: not yet implemented", 2);
  return (require(run) as EntryModule).main(args);
}

/** Resolves a module written separately that may not exist yet (a variable keeps tsc from checking it). */
function resolveOptional(specifier: string): string | undefined {
  try {
    return require.resolve(specifier);
  } catch {
    return undefined;
  }
}
