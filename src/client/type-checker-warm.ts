// Waits until a tsloop kernel's type checker is warm, so every cell after it is checked alike
// (used by `tsloop run`, the tests and the benchmark).
import { performance } from "node:perf_hooks";
import { delay, KernelClient } from "./kernel-client";

/** A cell with a type error: a TSError reply means the checker is warm (a cold one runs it unchecked). */
export const TYPE_CHECKER_PROBE = '// @tsloop-check error\nconst warmUpProbe: number = "warm";';

/**
 * Waits until the kernel's type checker is warm (cells that reach a cold checker run unchecked):
 * a silent probe cell fails the check once it is. False if that did not happen within `boundMs`.
 */
export async function typeCheckerWarm(client: KernelClient, boundMs = 30_000): Promise<boolean> {
  const probe = TYPE_CHECKER_PROBE;
  for (const deadline = performance.now() + boundMs; performance.now() < deadline; await delay(100)) {
    const sent = client.send("shell", "execute_request", {
      code: probe,
      silent: true,
      store_history: false,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: false,
    });
    const [reply] = await Promise.all([client.reply(sent.header.msg_id), client.idleOf(sent.header.msg_id)]);
    if (reply.content.ename === "TSError") return true;
  }
  return false;
}
