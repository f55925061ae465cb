// input(prompt) for cells: an input_request on stdin to the frontend of the calling cell.
import { cellScope } from "./cell-scope";

export function input(prompt = "", options: { password?: boolean } = {}): Promise<string> {
  const scope = cellScope.getStore();
  if (!scope?.input) return Promise.reject(new Error("input() can only be called from a running cell"));
  return scope.input(prompt, Boolean(options.password));
}

/** input() with the reply hidden (a password field). */
export function getpass(prompt = "Password: "): Promise<string> {
  return input(prompt, { password: true });
}
