// Runs JavaScript on the kernel's one shared loop through V8's REPL mode (an in-process inspector
// session): let/const may be declared again, top-level await works, declarations persist.
import { Session } from "node:inspector";
import { CELL_RESULT } from "./module-globals";

export type Evaluation = { ok: true; value: unknown } | { ok: false; error: unknown; terminated?: boolean };

/** An evaluation under way: its outcome, and how to give it up (an interrupted cell's). */
export interface PendingEvaluation {
  readonly result: Promise<Evaluation>;
  /** Leaves the evaluation unsettled for good, if it is still pending (a no-op once it settled). */
  abandon(): void;
}

type RemoteObject = { type: string; subtype?: string; value?: unknown; unserializableValue?: string; objectId?: string };
type EvaluateResult = { result: RemoteObject; exceptionDetails?: { exception?: RemoteObject; text: string } };

const TAKE = Symbol.for("tsloop.take");
const GROUP = "tsloop-cell";
/** One function for every Runner, so defining it again is allowed. */
const passResult = (value: unknown): unknown => value;

export class Runner {
  /** Every evaluation has an inspector session of its own (reused once it settled), so cells that
   * run at once (the main shell's and a subshell's) never share one, and an interrupted cell gives
   * up its own alone. Declarations live in the context, not in a session. */
  private readonly idle: Session[] = [];
  private readonly sessions = new Set<Session>();
  /** The real values behind remote ids, by the token of the `take` that asked for them. */
  private readonly taken = new Map<number, unknown>();
  private nextToken = 0;

  /** `terminated`: asked when an evaluation fails, whether it was terminated on purpose (an
   * interrupt from another thread) rather than failing on its own. */
  constructor(private readonly terminated: () => boolean = () => false) {
    // callFunctionOn hands us the real object behind a remote id through this hook.
    Object.defineProperty(globalThis, TAKE, { value: (token: number, v: unknown) => this.taken.set(token, v), enumerable: false });
    Object.defineProperty(globalThis, CELL_RESULT, { value: passResult, enumerable: false });
    this.idle.push(this.connected()); // the first cell's, ready before it comes
  }

  /** Evaluates a script; its completion value (or what it threw) comes back as the real value. */
  evaluate(js: string): Promise<Evaluation> {
    return this.start(js).result;
  }

  /** Starts evaluating a script: its synchronous part runs before this returns. */
  start(js: string): PendingEvaluation {
    const session = this.borrow();
    let state: "pending" | "settled" | "abandoned" = "pending";
    const result = this.evaluateIn(session, js).finally(() => {
      if (state === "abandoned") return;
      state = "settled";
      this.idle.push(session);
    });
    return {
      result,
      // An evaluation left pending (a cell awaiting forever, or its continuation terminated) is
      // dropped with its session: left there, V8 answers it from inside the GC once its promise is
      // collected, and on Node 24 that answer calls into JavaScript there, which aborts the process.
      abandon: () => {
        if (state !== "pending") return;
        state = "abandoned";
        this.sessions.delete(session);
        session.disconnect();
      },
    };
  }

  /** Names declared with let/const/class at the script's top level (not on globalThis). */
  async lexicalNames(): Promise<string[]> {
    const session = this.borrow();
    try {
      return (await post<{ names: string[] }>(session, "Runtime.globalLexicalScopeNames", {})).names;
    } finally {
      this.idle.push(session);
    }
  }

  disconnect(): void {
    for (const session of this.sessions) session.disconnect();
    this.sessions.clear();
    this.idle.length = 0;
  }

  private borrow(): Session {
    return this.idle.pop() ?? this.connected();
  }

  private connected(): Session {
    const session = new Session();
    session.connect();
    this.sessions.add(session);
    return session;
  }

  private async evaluateIn(session: Session, js: string): Promise<Evaluation> {
    let reply: EvaluateResult;
    try {
      reply = await post<EvaluateResult>(session, "Runtime.evaluate", { expression: js, replMode: true, awaitPromise: true, objectGroup: GROUP });
    } catch (error) {
      // Runtime.terminateExecution (an interrupt from the io thread) ends the evaluation this way.
      return { ok: false, error, terminated: this.terminated() };
    }
    const remote = reply.exceptionDetails ? reply.exceptionDetails.exception : reply.result;
    try {
      if (reply.exceptionDetails) {
        return { ok: false, error: remote ? await this.take(session, remote) : new Error(reply.exceptionDetails.text) };
      }
      return { ok: true, value: await this.take(session, reply.result) };
    } finally {
      // Only an object result or exception holds a remote id in the group (a primitive holds none).
      if (remote?.objectId) await post(session, "Runtime.releaseObjectGroup", { objectGroup: GROUP });
    }
  }

  private async take(session: Session, remote: RemoteObject): Promise<unknown> {
    if (!remote.objectId) return primitive(remote);
    const token = this.nextToken++;
    await post(session, "Runtime.callFunctionOn", {
      objectId: remote.objectId,
      functionDeclaration: `function (token) { "use strict"; globalThis[Symbol.for("tsloop.take")](token, this); }`,
      arguments: [{ value: token }],
    });
    const value = this.taken.get(token);
    this.taken.delete(token);
    return value;
  }
}

function post<T = unknown>(session: Session, method: string, params: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
}

function primitive(remote: RemoteObject): unknown {
  if (remote.type === "undefined") return undefined;
  if (remote.unserializableValue === undefined) return remote.value;
  const text = remote.unserializableValue;
  if (remote.type === "bigint") return BigInt(text.slice(0, -1));
  return text === "-0" ? -0 : Number(text); // NaN, Infinity, -Infinity
}
