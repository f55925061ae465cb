// Promises print as `Promise { 3 }` again: AsyncLocalStorage (per-cell output) makes Node tag
// every promise with enumerable internal symbols, which util.inspect would otherwise show.
/* eslint-disable @typescript-eslint/no-floating-promises -- Object.defineProperty on a promise returns that promise; nothing here is awaited */
import { inspect } from "node:util";

const NODE_INTERNAL = new Set(["async_id_symbol", "trigger_async_id_symbol", "kResourceStore", "destroyed"]);

/** Hides Node's async-hook tags on a promise, then lets util.inspect format it as usual. */
function withoutInternals(this: Promise<unknown>): Promise<unknown> {
  for (const symbol of Object.getOwnPropertySymbols(this)) {
    if (!NODE_INTERNAL.has(symbol.description ?? "")) continue;
    const descriptor = Object.getOwnPropertyDescriptor(this, symbol);
    if (descriptor?.enumerable) Object.defineProperty(this, symbol, { ...descriptor, enumerable: false });
  }
  return this; // returning the value itself makes inspect fall back to its default formatting
}

export function hidePromiseInternals(): void {
  Object.defineProperty(Promise.prototype, inspect.custom, { value: withoutInternals, writable: true, configurable: true });
}
