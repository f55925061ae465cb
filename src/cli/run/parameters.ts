// papermill's parameters convention for `tsloop run -p NAME VALUE`: the values go into a code cell
// tagged `injected-parameters`, placed after the cell tagged `parameters` (or replacing an earlier
// injected cell, or first when there is no parameters cell), so a notebook re-runs with other values.
import type { Cell, Json, Notebook } from "./notebook";

export const PARAMETERS_TAG = "parameters";
export const INJECTED_TAG = "injected-parameters";

/** One `-p NAME VALUE`: the value is the JSON the text parses as, else the text itself. */
export interface Parameter {
  name: string;
  value: Json;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Whether NAME can be declared in a cell (an identifier; keywords are left to the kernel to refuse). */
export function isParameterName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** A value given on the command line: JSON when it parses (`10`, `true`, `"10"`, `[1,2]`), else a string. */
export function parameterValue(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

/** How the parameters cell declares a name: its keyword and its type annotation, if any. */
interface Declaration {
  keyword: "const" | "let" | "var";
  type?: string;
}

// A line-level reading, as papermill's own inference for Python is: src/cli/ does not reach the
// parser (src/syntax/), and a parameters cell is a list of simple top-level declarations. A type
// may contain `=>`; the `=` that starts the initializer is the first one not followed by `>`.
const DECLARATION = /^(?:export\s+)?(const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*((?:[^=]|=>)+?))?\s*=(?!>)/;

function declarations(source: string): Map<string, Declaration> {
  const found = new Map<string, Declaration>();
  for (const line of source.split(/\r?\n/)) {
    const m = DECLARATION.exec(line);
    if (m && !found.has(m[2])) found.set(m[2], { keyword: m[1] as Declaration["keyword"], type: m[3]?.trim() });
  }
  return found;
}

function tagged(cell: Cell, tag: string): boolean {
  const tags = cell.metadata.tags;
  return Array.isArray(tags) && tags.includes(tag);
}

// V8's REPL mode lets a later cell declare a let or const name again, but only with the same
// keyword, so each value is declared as the parameters cell declares it (type included, so the
// type check holds the new value to it). A name the cell does not declare becomes a const.
function injectedSource(parameters: Parameter[], declared: Map<string, Declaration>): string {
  const lines = parameters.map(({ name, value }) => {
    const how = declared.get(name);
    const type = how?.type ? `: ${how.type}` : "";
    return `${how?.keyword ?? "const"} ${name}${type} = ${JSON.stringify(value)};`;
  });
  return `// Parameters\n${lines.join("\n")}\n`;
}

/**
 * The notebook with the parameters injected, as papermill does it, and the warnings papermill
 * gives: no cell tagged `parameters`, a name that cell does not declare. A name given twice keeps
 * its last value.
 */
export function injectParameters(notebook: Notebook, given: Parameter[]): { notebook: Notebook; warnings: string[] } {
  const parameters = [...new Map(given.map((p) => [p.name, p])).values()];
  const cells = notebook.cells;
  const parametersAt = cells.findIndex((c) => c.cell_type === "code" && tagged(c, PARAMETERS_TAG));
  const injectedAt = cells.findIndex((c) => tagged(c, INJECTED_TAG));
  const declared = parametersAt >= 0 ? declarations(cells[parametersAt].source) : new Map<string, Declaration>();
  const warnings: string[] = [];
  if (parametersAt < 0 && injectedAt < 0) warnings.push(`no cell is tagged '${PARAMETERS_TAG}': the parameters go into a first cell`);
  if (parametersAt >= 0)
    for (const { name } of parameters) if (!declared.has(name)) warnings.push(`the '${PARAMETERS_TAG}' cell does not declare '${name}' (injected anyway)`);

  const cell: Cell = {
    cell_type: "code",
    metadata: { tags: [INJECTED_TAG] },
    source: injectedSource(parameters, declared),
    outputs: [],
    execution_count: null,
  };
  const [before, after] =
    injectedAt >= 0
      ? [cells.slice(0, injectedAt), cells.slice(injectedAt + 1)]
      : parametersAt >= 0
        ? [cells.slice(0, parametersAt + 1), cells.slice(parametersAt + 1)]
        : [[], cells];
  return { notebook: { ...notebook, cells: [...before, cell, ...after] }, warnings };
}
