// The subshell requests (JEP 91, on control): create, list and delete; and the answer to a shell
// request whose header names a subshell that does not exist.
import type { Envelope } from "../protocol/message";
import { log } from "../log";
import type { Answer } from "./context";
import type { MainHandler } from "./main-handlers";

export const create: MainHandler = async (_request, ctx) => ({ status: "ok", subshell_id: ctx.session.subshells.create() });

export const list: MainHandler = async (_request, ctx) => ({ status: "ok", subshell_id: ctx.session.subshells.ids() });

export const remove: MainHandler = async (request, ctx) => {
  const id = request.content.subshell_id as string; // required and a string: the request table says so
  return ctx.session.subshells.delete(id) ? { status: "ok" } : noSubshell(id);
};

/** A request for an unknown subshell gets an error reply and runs nothing; a message that has no
 * reply (comm_msg and its kin) is logged and dropped. */
export function unknownSubshell(request: Envelope): Answer {
  const { msg_type: type, subshell_id: id } = request.header;
  if (type.endsWith("_request")) return noSubshell(String(id));
  log(`${type} for unknown subshell '${String(id)}': dropped`);
  return undefined;
}

const noSubshell = (id: string) => ({ status: "error", ename: "NoSuchSubshell", evalue: `no subshell with id '${id}'`, traceback: [] });
