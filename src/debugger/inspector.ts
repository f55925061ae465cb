// The io thread's inspector session on the main thread: the debugger's only way into it.
import { Session } from "node:inspector";

export type RemoteObject = {
  type: string;
  subtype?: string;
  className?: string;
  value?: unknown;
  unserializableValue?: string;
  description?: string;
  objectId?: string;
};

export class MainThreadInspector {
  private session?: Session;

  get connected(): boolean {
    return this.session !== undefined;
  }

  connect(): void {
    if (this.session) return;
    this.session = new Session();
    this.session.connectToMainThread();
  }

  disconnect(): void {
    this.session?.disconnect();
    this.session = undefined;
  }

  post<T = unknown>(method: string, params: object = {}): Promise<T> {
    const session = this.session;
    if (!session) return Promise.reject(new Error("the debugger is not attached"));
    return new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
  }

  on(event: string, listener: (params: never) => void): void {
    this.session?.on(event, (message: { params: never }) => listener(message.params));
  }

  /** Calls a method of the main thread's debuggee hook (debuggee.ts) and returns its value.
   * `awaitPromise` only for a method that is async: a paused thread never settles a promise. */
  async callDebuggee<T>(method: string, args: unknown[] = [], awaitPromise = false): Promise<T> {
    const expression = `globalThis[Symbol.for("tsloop.debuggee")].${method}(...${JSON.stringify(args)})`;
    const reply = await this.post<{ result: RemoteObject; exceptionDetails?: { text: string; exception?: RemoteObject } }>("Runtime.evaluate", {
      expression,
      returnByValue: true,
      awaitPromise,
      silent: true,
    });
    if (reply.exceptionDetails) throw new Error(reply.exceptionDetails.exception?.description ?? reply.exceptionDetails.text);
    return reply.result.value as T;
  }
}
