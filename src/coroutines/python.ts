// Python-flavoured text: repr() and str() of JS values as Python would print them (True/False/None,
// quoted strings, lists, tuples, sets, dicts, floats), tuple() and float() markers, and print().

/** Objects may define a method under this symbol (or a `__repr__()` method) to choose their Python repr. */
export const reprSymbol: unique symbol = Symbol.for("tsloop.repr");

const TUPLE = Symbol.for("tsloop.tuple");
const FLOAT = Symbol.for("tsloop.float");
const UNPRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

/**
 * Makes a Python tuple: a frozen array that `repr()`/`print()` show as `('one', 'two')`
 * (`('one',)` for one item). It destructures like any array.
 */
export function tuple<T extends unknown[]>(...items: T): Readonly<T> {
  const array = [...items];
  Object.defineProperty(array, TUPLE, { value: true });
  return Object.freeze(array) as unknown as Readonly<T>;
}

/** True for arrays made by `tuple()`. */
export function isTuple(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && (value as unknown as Record<symbol, unknown>)[TUPLE] === true;
}

/**
 * Marks a number as a Python float so that integral values print as `5.0`. JS numbers carry no
 * int/float distinction: unmarked integral numbers print like Python ints (`5`), other numbers like
 * Python floats (`0.5`, `1e-05`). The marker is a `Number` object: arithmetic on it gives plain numbers.
 */
export function float(value: number | string): number {
  const boxed = new Number(Number(value));
  Object.defineProperty(boxed, FLOAT, { value: true });
  return boxed as unknown as number;
}

/** Formats a number as Python's `repr(float)` does: shortest round-trip digits, `e+16`/`e-05` exponents. */
export function formatFloat(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const [mantissa, expText] = value.toExponential().split("e");
  const exponent = Number(expText);
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  if (exponent < -4 || exponent >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = String(Math.abs(exponent)).padStart(2, "0");
    return `${sign}${m}e${exponent < 0 ? "-" : "+"}${e}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = digits.slice(exponent + 1) || "0";
  return `${sign}${whole}.${fraction}`;
}

function formatNumber(value: number, isFloat: boolean): string {
  if (!isFloat && Number.isInteger(value)) return BigInt(value).toString();
  return formatFloat(value);
}

function escapeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, "0")}`;
  return `\\U${code.toString(16).padStart(8, "0")}`;
}

/** Python's `repr(str)`: single quotes unless the text has `'` and no `"`; `\n`, `\t`, `\\` and unprintables escaped. */
export function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch !== " " && UNPRINTABLE.test(ch)) out += escapeChar(ch);
    else out += ch;
  }
  return out + quote;
}

function customRepr(value: object): string | undefined {
  const record = value as Record<string | symbol, unknown>;
  const bySymbol = record[reprSymbol];
  if (typeof bySymbol === "function") return String(bySymbol.call(value));
  const byName = record["__repr__"];
  if (typeof byName === "function") return String(byName.call(value));
  return undefined;
}

function className(value: object): string {
  const ctor = (value as { constructor?: { name?: string } }).constructor;
  return ctor && typeof ctor.name === "string" && ctor.name !== "" ? ctor.name : "object";
}

function reprObject(value: object, seen: Set<object>): string {
  const custom = customRepr(value);
  if (custom !== undefined) return custom;
  if (value instanceof Number) return formatNumber(value.valueOf(), (value as unknown as Record<symbol, unknown>)[FLOAT] === true);
  if (value instanceof String) return reprString(value.valueOf());
  if (value instanceof Boolean) return value.valueOf() ? "True" : "False";
  if (value instanceof Error) return `${value.name}(${value.message === "" ? "" : reprString(value.message)})`;
  if (seen.has(value)) return Array.isArray(value) ? "[...]" : "{...}";
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      const items = value.map((item) => reprValue(item, seen));
      if (!isTuple(value)) return `[${items.join(", ")}]`;
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    }
    if (value instanceof Set) {
      if (value.size === 0) return "set()";
      return `{${[...value].map((item) => reprValue(item, seen)).join(", ")}}`;
    }
    if (value instanceof Map) {
      return `{${[...value].map(([k, v]) => `${reprValue(k, seen)}: ${reprValue(v, seen)}`).join(", ")}}`;
    }
    if (typeof (value as { then?: unknown }).then === "function" && value instanceof Promise) return "<Promise>";
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      const entries = Object.entries(value).map(([k, v]) => `${reprString(k)}: ${reprValue(v, seen)}`);
      return `{${entries.join(", ")}}`;
    }
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- guarded: only a toString of the value's own class is called
    if (typeof value.toString === "function" && value.toString !== Object.prototype.toString) return value.toString();
    return `<${className(value)} object>`;
  } finally {
    seen.delete(value);
  }
}

function reprValue(value: unknown, seen: Set<object>): string {
  switch (typeof value) {
    case "string":
      return reprString(value);
    case "number":
      return formatNumber(value, false);
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "True" : "False";
    case "undefined":
      return "None";
    case "symbol":
      return value.toString();
    case "function":
      return /^class[\s{]/.test(Function.prototype.toString.call(value)) ? `<class '${value.name}'>` : `<function ${value.name || "<lambda>"}>`;
    default:
      return value === null ? "None" : reprObject(value as object, seen);
  }
}

/**
 * Python's `repr(x)` of a JS value: `'text'`, `True`/`False`, `None` (null and undefined), ints and
 * floats (see `float()`), `[list]`, `(tuple,)` from `tuple()`, `{set}`/`set()`, dicts for Maps and
 * plain objects, `Name('message')` for errors; a `__repr__()` method or `reprSymbol` method wins.
 */
export function repr(value: unknown): string {
  return reprValue(value, new Set());
}

/**
 * Python's `str(x)`: strings unchanged, an error's message, a `__str__()` method when present,
 * otherwise the same text as `repr(x)` (so `True`, `None`, `['a', 'b']`).
 */
export function str(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof String) return value.valueOf();
  if (typeof value === "object" && value !== null) {
    const byName = (value as Record<string, unknown>)["__str__"];
    if (typeof byName === "function") return String(byName.call(value));
    if (value instanceof Error && customRepr(value) === undefined) return value.message;
  }
  return repr(value);
}

/**
 * Python's `print(*args)`: `str()` of each argument, joined by one space, plus a newline, written
 * with `process.stdout.write` (so a kernel's stdout capture sees it).
 */
export function print(...args: unknown[]): void {
  process.stdout.write(args.map(str).join(" ") + "\n");
}
