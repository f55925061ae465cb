// The one table of requests: for every msg_type tsloop answers (on shell or control), the shape of
// its content and its handler, and whether that handler must also work off the main thread.
// Both threads look requests up here; nothing else decides which handler runs.
import type { Fields } from "./fields";
import * as main from "./main-handlers";
import * as offMain from "./off-main-handlers";
import * as subshell from "./subshell-handlers";

export type Route = { offMain: true; fields: Fields; handle: offMain.OffMainHandler } | { offMain: false; fields: Fields; handle: main.MainHandler };

const onMain = (handle: main.MainHandler, fields: Fields = {}): Route => ({ offMain: false, fields, handle });
const offMainToo = (handle: offMain.OffMainHandler, fields: Fields = {}): Route => ({ offMain: true, fields, handle });

const ROUTES = new Map<string, Route>([
  ["kernel_info_request", offMainToo(offMain.kernelInfo)],
  ["interrupt_request", offMainToo(offMain.interrupt)],
  ["shutdown_request", offMainToo(offMain.shutdown, { restart: "boolean" })],
  // The debugger (DAP in the content) answers on control, from the io thread: also while paused.
  ["debug_request", offMainToo(offMain.debug, { "command!": "string", seq: "integer", type: "string", arguments: "object" })],
  [
    "execute_request",
    onMain(main.execute, {
      "code!": "string",
      silent: "boolean",
      store_history: "boolean",
      user_expressions: "object",
      allow_stdin: "boolean",
      stop_on_error: "boolean",
    }),
  ],
  ["complete_request", onMain(main.complete, { "code!": "string", cursor_pos: "integer" })],
  ["inspect_request", onMain(main.inspect, { "code!": "string", cursor_pos: "integer", detail_level: "integer" })],
  ["is_complete_request", onMain(main.isComplete, { "code!": "string" })],
  [
    "history_request",
    onMain(main.history, {
      output: "boolean",
      raw: "boolean",
      hist_access_type: "string",
      session: "integer",
      start: "integer",
      stop: "integer",
      n: "integer",
      pattern: "string",
      unique: "boolean",
    }),
  ],
  ["comm_info_request", onMain(main.commInfo, { target_name: "string" })],
  // Comm messages have no reply: the comms check their content (a malformed one is logged).
  ["comm_open", onMain(main.commOpen)],
  ["comm_msg", onMain(main.commMsg)],
  ["comm_close", onMain(main.commClose)],
  // Subshells (JEP 91), sent on control: the main thread's session holds them.
  ["create_subshell_request", onMain(subshell.create)],
  ["list_subshell_request", onMain(subshell.list)],
  ["delete_subshell_request", onMain(subshell.remove, { "subshell_id!": "string" })],
]);

/** The route of a msg_type (a Map: `constructor` or `__proto__` are unknown types like any other). */
export function routeOf(msgType: string): Route | undefined {
  return ROUTES.get(msgType);
}
