// Completion and inspection from the running state (names in scope and properties of dotted
// paths), good enough for tab completion until the language service takes over.
import { inspect } from "node:util";

export interface RuntimeLookup {
  /** Every top-level name a cell can see: globals and script-level let/const/class. */
  names(): Promise<string[]>;
  /** The value of a dotted path like `a.b.c` (identifiers only, nothing called), or undefined. */
  resolve(path: string): Promise<{ found: boolean; value?: unknown }>;
}

const CHAIN_BEFORE = /[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)*\??\.?$|$/;

export async function complete(runtime: RuntimeLookup, code: string, cursor: number) {
  const chain = CHAIN_BEFORE.exec(code.slice(0, cursor))![0].replace(/\?\./g, ".");
  const dot = chain.lastIndexOf(".");
  const partial = chain.slice(dot + 1);
  if (dot < 0) return finish(await runtime.names(), partial, cursor);
  const target = await runtime.resolve(chain.slice(0, dot));
  return finish(target.found ? propertyNames(target.value) : [], partial, cursor);
}

function finish(candidates: string[], partial: string, cursor: number) {
  const matches = [...new Set(candidates)].filter((name) => name.startsWith(partial)).sort();
  return { status: "ok" as const, matches, cursor_start: cursor - partial.length, cursor_end: cursor, metadata: {} };
}

function propertyNames(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const names = new Set<string>();
  for (let o: unknown = Object(value); o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) if (/^[A-Za-z_$][\w$]*$/.test(name) && name !== "constructor") names.add(name);
  }
  return [...names];
}

const NAME_AT = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

export async function inspectAt(runtime: RuntimeLookup, code: string, cursor: number, detail: 0 | 1) {
  const tail = /^[\w$]*/.exec(code.slice(cursor))![0];
  const path = NAME_AT.exec(code.slice(0, cursor) + tail)?.[0];
  const target = path ? await runtime.resolve(path) : { found: false };
  if (!path || !target.found) return { status: "ok" as const, found: false, data: {} as Record<string, string>, metadata: {} };
  const value = target.value;
  const kind = typeof value === "function" ? (/^class\b/.test(Function.prototype.toString.call(value)) ? "class" : "function") : typeof value;
  const shown = typeof value === "function" && detail === 1 ? Function.prototype.toString.call(value) : inspect(value, { depth: 2 });
  const data: Record<string, string> = { "text/plain": `${path}: ${kind}\n${shown}` };
  return { status: "ok" as const, found: true, data, metadata: {} };
}
