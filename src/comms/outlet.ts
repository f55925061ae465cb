// Where a comm message goes, and how a cell's callbacks run. While an incoming comm message is
// handled, what its handlers send is a child of that request (as ipykernel parents it); any other
// time it leaves through the calling cell's outputs, after the text the cell printed before it.
// A callback runs in the context of the cell that registered it, so what it prints lands there.
import { AsyncLocalStorage } from "node:async_hooks";
import { log } from "../log";
import type { CommPublisher } from "./types";

/** What the kernel connects the comms to (kernel/globals.ts): the cells' outputs. */
export interface CommEnvironment {
  /** The publisher of the cell whose code runs now (its pending text sent first), if any. */
  cellPublisher(): CommPublisher | undefined;
  /** Shows what a callback threw on the cell whose code runs now. */
  reportError(thrown: unknown): void;
}

let environment: CommEnvironment = {
  cellPublisher: () => undefined,
  reportError: (thrown) => log("a comm callback failed:", thrown),
};
let handling: CommPublisher | undefined;

export function connectComms(connected: CommEnvironment): void {
  environment = connected;
}

/** The publisher for a comm message sent now, or undefined when there is none (outside any cell). */
export function currentPublisher(): CommPublisher | undefined {
  const cell = environment.cellPublisher();
  return handling ?? cell;
}

/** Runs `handle` (the synchronous part of handling an incoming comm message) with its request's
 * publisher as the one comm messages go through. */
export function whileHandling<T>(publisher: CommPublisher, handle: () => T): T {
  const outer = handling;
  handling = publisher;
  try {
    return handle();
  } finally {
    handling = outer;
  }
}

/** `fn` bound to the calling cell's context; what it throws (or its promise rejects with) is shown
 * on that cell instead of reaching the caller. */
export function cellCallback<A extends unknown[]>(fn: (...args: A) => unknown): (...args: A) => void {
  return AsyncLocalStorage.bind((...args: A): void => {
    try {
      const result = fn(...args);
      if (result instanceof Promise) result.catch((thrown: unknown) => environment.reportError(thrown));
    } catch (thrown) {
      environment.reportError(thrown);
    }
  });
}
