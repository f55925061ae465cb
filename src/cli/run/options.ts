// `tsloop run` options: parsing and the help text.
import { isParameterName, Parameter, parameterValue } from "./parameters";

export interface RunOptions {
  paths: string[];
  check: boolean;
  write: boolean;
  outputDir?: string;
  expectations?: string;
  timeoutSeconds: number;
  quiet: boolean;
  help: boolean;
  /** `-p NAME VALUE`, in the order given. */
  parameters: Parameter[];
}

export const RUN_HELP = `Usage: tsloop run [options] [paths...]

Re-runs notebooks through the tsloop kernel, without Jupyter: a fresh kernel per
notebook (started from the repo's kernel.json, in the notebook's folder), every
code cell in order, errors included (like nbconvert --execute --allow-errors).
Prints each cell as In [n]: with its source and the outputs as a notebook shows
them; output that a cell's timers print after it finished is attached to that
cell ([late output of In [n]]). Without paths: every *.ipynb in the repo's
notebooks/ folder. A directory path runs the *.ipynb files in it.

Options:
  --check              Compare outputs. A cell with metadata
                       {"tsloop": {"mirrors": "<id>"}} is compared with that
                       entry's recorded_output under the lesson rules (line
                       split, timestamps, durations, thread ids, object reprs,
                       unordered lines, expected errors, timing); any other
                       executed cell with the outputs stored in the notebook
                       (stdout, stderr, text/plain results, error), unless its
                       metadata has {"tsloop": {"check": false}}. Without paths,
                       also reports expectation ids that no notebook mirrors.
                       Needs a tsloop checkout (the rules are in tools/lessons).
  --expectations FILE  The cells.json for --check (default: notebooks/cells.json).
  --write              Save each executed notebook in place (nbformat 4.5).
  --output-dir DIR     Save the executed notebooks into DIR instead (implies --write).
  -p, --parameters NAME VALUE
                       Set a parameter, as papermill does (repeatable): a cell
                       tagged injected-parameters, declaring NAME = VALUE as the
                       cell tagged parameters declares NAME (const or let, and
                       its type), goes right after that cell (first, with a
                       warning, when no cell is tagged parameters). VALUE is
                       JSON when it parses as JSON (10, true, [1, 2], "10"),
                       else a string.
  --timeout SECONDS    Interrupt a cell that runs longer than this (default 300).
  -q, --quiet          Print only the per-notebook lines, mismatches and the summary.
  -h, --help           Show this help.

Exit status: 0 when everything ran as expected; 1 when a cell raised an error it
was not expected to raise, --check found a mismatch, or a kernel failed; 2 for bad
usage or a notebook that cannot be read (missing, not JSON, not nbformat 4).
`;

export class UsageError extends Error {}

export function parseRunArgs(args: string[]): RunOptions {
  const options: RunOptions = { paths: [], check: false, write: false, timeoutSeconds: 300, quiet: false, help: false, parameters: [] };
  const value = (i: number, name: string): string => {
    const v = args[i + 1];
    if (v === undefined || v === "") throw new UsageError(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const [name, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const take = () => inline ?? value(i++, name);
    switch (name) {
      case "--check":
        options.check = true;
        break;
      case "--write":
        options.write = true;
        break;
      case "--output-dir":
        options.outputDir = take();
        options.write = true;
        break;
      case "--expectations":
        options.expectations = take();
        break;
      case "--timeout": {
        const seconds = Number(take());
        if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError("--timeout needs a positive number of seconds");
        options.timeoutSeconds = seconds;
        break;
      }
      case "-p":
      case "--parameters": {
        if (inline !== undefined) throw new UsageError(`${name} takes NAME and VALUE as two arguments`);
        const [parameter, text] = [args[i + 1], args[i + 2]];
        if (parameter === undefined || text === undefined) throw new UsageError(`${name} needs a name and a value`);
        if (!isParameterName(parameter)) throw new UsageError(`${name}: '${parameter}' is not a name a cell can declare`);
        options.parameters.push({ name: parameter, value: parameterValue(text) });
        i += 2;
        break;
      }
      case "-q":
      case "--quiet":
        options.quiet = true;
        break;
      case "-h":
      case "--help":
        options.help = true;
        break;
      case "--":
        options.paths.push(...args.slice(i + 1));
        i = args.length;
        break;
      default:
        if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option '${arg}'`);
        options.paths.push(arg);
    }
  }
  return options;
}
