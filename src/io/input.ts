// Input for cells through an input_request on stdin to the frontend of the calling cell: input()
// and getpass() await the reply; prompt(), confirm() and alert() wait for it synchronously, as a
// browser's and Deno's do.
import { KeyboardInterrupt } from "../interrupt/interrupt";
import { cellScope, CellScope } from "./cell-scope";

type Stdin = NonNullable<CellScope["stdin"]>;

export function input(prompt = "", options: { password?: boolean } = {}): Promise<string> {
  try {
    return stdinOfCell("input").ask(prompt, Boolean(options.password));
  } catch (error) {
    return Promise.reject(error);
  }
}

/** input() with the reply hidden (a password field). */
export function getpass(prompt = "Password: "): Promise<string> {
  return input(prompt, { password: true });
}

/** Asks for a line and returns it, blocking the cell until the frontend answers. `defaultValue`
 * stands for an empty answer. */
export function prompt(message = "", defaultValue?: string): string | null {
  const answer = askNow("prompt", message ? `${message} ` : "");
  return answer === "" && defaultValue !== undefined ? defaultValue : answer;
}

/** Asks a yes/no question: true for an answer starting with y or Y. */
export function confirm(message = "Confirm"): boolean {
  return /^y/i.test(askNow("confirm", `${message} [y/N] `).trim());
}

/** Shows a message and waits until the frontend answers (Enter). */
export function alert(message = "Alert"): void {
  askNow("alert", `${message} [Enter] `);
}

function askNow(caller: string, text: string): string {
  const answer = stdinOfCell(caller).askNow(text, false);
  if (answer === undefined) throw new KeyboardInterrupt();
  return answer;
}

function stdinOfCell(caller: string): Stdin {
  const scope = cellScope.getStore();
  if (!scope?.stdin) throw new Error(`${caller}() can only be called from a running cell`);
  scope.output.flush(); // what the cell printed before the question is shown before it
  return scope.stdin;
}
