// Runs JavaScript on the kernel's one shared loop through V8's REPL mode (an in-process inspector
// session): let/const may be declared again, top-level await works, declarations persist.
import { Session } from "node:inspector";
import { CELL_RESULT } from "./module-globals";

export type Evaluation = { ok: true; value: unknown } | { ok: false; error: unknown; terminated?: boolean };

type RemoteObject = { type: string; subtype?: string; value?: unknown; unserializableValue?: string; objectId?: string };
type EvaluateResult = { result: RemoteObject; exceptionDetails?: { exception?: RemoteObject; text: string } };

const TAKE = Symbol.for("tsloop.take");
const GROUP = "tsloop-cell";
/** One function for every Runner, so defining it again is allowed. */
const passResult = (value: unknown): unknown => value;

export class Runner {
  private session = new Session();
  private taken: unknown;
  private pending = 0;

  /** `terminated`: asked when an evaluation fails, whether it was terminated on purpose (an
   * interrupt from another thread) rather than failing on its own. */
  constructor(private readonly terminated: () => boolean = () => false) {
    this.session.connect();
    // callFunctionOn hands us the real object behind a remote id through this hook.
    Object.defineProperty(globalThis, TAKE, { value: (v: unknown) => (this.taken = v), enumerable: false });
    Object.defineProperty(globalThis, CELL_RESULT, { value: passResult, enumerable: false });
  }

  /** Evaluates a script; its completion value (or what it threw) comes back as the real value. */
  async evaluate(js: string): Promise<Evaluation> {
    let reply: EvaluateResult;
    this.pending++;
    try {
      reply = await this.post<EvaluateResult>("Runtime.evaluate", { expression: js, replMode: true, awaitPromise: true, objectGroup: GROUP });
    } catch (error) {
      // Runtime.terminateExecution (an interrupt from the io thread) ends the evaluation this way.
      return { ok: false, error, terminated: this.terminated() };
    } finally {
      this.pending--;
    }
    const remote = reply.exceptionDetails ? reply.exceptionDetails.exception : reply.result;
    try {
      if (reply.exceptionDetails) {
        return { ok: false, error: remote ? await this.take(remote) : new Error(reply.exceptionDetails.text) };
      }
      return { ok: true, value: await this.take(reply.result) };
    } finally {
      // Only an object result or exception holds a remote id in the group (a primitive holds none).
      await this.post("Runtime.releaseObjectGroup", { objectGroup: GROUP });
    }
  }

  /** Names declared with let/const/class at the script's top level (not on globalThis). */
  async lexicalNames(): Promise<string[]> {
    const reply = await this.post<{ names: string[] }>("Runtime.globalLexicalScopeNames", {});
    return reply.names;
  }

  /** Gives up the evaluations still pending (an interrupted cell's, awaiting forever or with its
   * continuation terminated) by moving to a fresh session; declarations live in the context, not
   * in the session. Left pending, V8 answers one from inside the GC once its promise is collected,
   * and on Node 24 that answer calls into JavaScript there, which aborts the process. */
  abandonPending(): void {
    if (this.pending === 0) return;
    this.session.disconnect();
    this.session = new Session();
    this.session.connect();
  }

  disconnect(): void {
    this.session.disconnect();
  }

  private async take(remote: RemoteObject): Promise<unknown> {
    if (!remote.objectId) return primitive(remote);
    this.taken = undefined;
    await this.post("Runtime.callFunctionOn", {
      objectId: remote.objectId,
      functionDeclaration: `function () { "use strict"; globalThis[Symbol.for("tsloop.take")](this); }`,
    });
    const value = this.taken;
    this.taken = undefined;
    return value;
  }

  private post<T = unknown>(method: string, params: object): Promise<T> {
    return new Promise((resolve, reject) => this.session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
  }
}

function primitive(remote: RemoteObject): unknown {
  if (remote.type === "undefined") return undefined;
  if (remote.unserializableValue === undefined) return remote.value;
  const text = remote.unserializableValue;
  if (remote.type === "bigint") return BigInt(text.slice(0, -1));
  return text === "-0" ? -0 : Number(text); // NaN, Infinity, -Infinity
}
