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

// Loaded lazily: each command pulls in only what it needs.
async function runKernel(args: string[]): Promise<void> {
  if (args.length !== 1) throw new CliError("tsloop kernel: expected exactly one argument, the connection file");
  const kernel: typeof import("../../kernel/main") = require("../../kernel/main");
  await kernel.main(args);
}

async function runFiles(args: string[]): Promise<void> {
  const run: typeof import("./run") = require("./run");
  process.exitCode = await run.main(args);
}
