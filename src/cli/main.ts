// tsloop's command line: install/uninstall the kernelspec, run notebooks, help/version (kernel/tsloop.js
// sends `tsloop kernel <file>` straight to the kernel process). Sets process.exitCode rather than exiting.
import { CliError } from "./errors";
import { install, uninstall } from "./install";
import { packageVersion } from "./package-root";
import { USAGE } from "./usage";

type Command = (args: string[]) => void | Promise<void>;

const COMMANDS: Record<string, Command> = {
  install,
  uninstall,
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

// Loaded lazily: only `tsloop run` pulls in the runner.
async function runFiles(args: string[]): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy on purpose: only `tsloop run` loads the runner (an import() would go through the ESM loader under node16)
  const run = require("./run") as typeof import("./run");
  process.exitCode = await run.main(args);
}
