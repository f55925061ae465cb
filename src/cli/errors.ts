// An error the CLI reports as one line on stderr, with the exit code to leave with
// (2: bad usage or unusable install location; 1: the command could not do its work).
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
    this.name = "CliError";
  }
}
