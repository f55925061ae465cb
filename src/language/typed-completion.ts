// Completion and inspection that ask the type checker first (members of typed values, names of
// earlier cells, types) and merge the runtime answers in; the runtime ones alone if it is slow.
import type { Checker, ServiceCompletion } from "./checker";
import { complete, inspectAt, RuntimeLookup } from "./completion";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const SERVICE_TIMEOUT_MS = 2000;

export async function completeTyped(checker: Checker, lookup: RuntimeLookup, code: string, cursor: number) {
  const [runtime, service] = await Promise.all([complete(lookup, code, cursor), serviceCompletions(checker, code, cursor)]);
  const partial = /[\w$]*$/.exec(code.slice(0, cursor))![0];
  const typed = service.filter((e) => e.name.startsWith(partial) && IDENTIFIER.test(e.name));
  if (typed.length === 0) return runtime;
  const kinds = new Map(typed.map((e) => [e.name, e.type]));
  const matches = [...new Set([...typed.map((e) => e.name), ...runtime.matches])];
  const start = cursor - partial.length;
  const types = matches.map((text) => ({ start, end: cursor, text, type: kinds.get(text) ?? "<unknown>" }));
  return { status: "ok" as const, matches, cursor_start: start, cursor_end: cursor, metadata: { _jupyter_types_experimental: types } };
}

export async function inspectTyped(checker: Checker, lookup: RuntimeLookup, code: string, cursor: number, detail: 0 | 1) {
  const [runtime, type] = await Promise.all([inspectAt(lookup, code, cursor, detail), withTimeout(checker.quickInfo(code, cursor), undefined)]);
  if (!type) return runtime;
  const value = runtime.found ? `\n\n${runtime.data["text/plain"]}` : "";
  return { status: "ok" as const, found: true, data: { "text/plain": `${type}${value}` } as Record<string, string>, metadata: {} };
}

async function serviceCompletions(checker: Checker, code: string, cursor: number): Promise<ServiceCompletion[]> {
  return withTimeout(checker.completions(code, cursor), []);
}

/** The service's answer, or `fallback` when it fails or takes too long (a busy checker). */
function withTimeout<T>(answer: Promise<T>, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), SERVICE_TIMEOUT_MS).unref();
    answer.then(resolve, () => resolve(fallback)).finally(() => clearTimeout(timer));
  });
}
