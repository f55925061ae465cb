import * as api from "../../src/coroutines";
import { captureStdout } from "./capture";

describe("installGlobals", () => {
  test("importing the layer installs nothing on globalThis (no import-time side effects)", () => {
    const g = globalThis as Record<string, unknown>;
    for (const name of ["asyncio", "print", "repr", "tuple", "send", "threading"]) expect(g[name]).toBeUndefined();
    expect(typeof api.installGlobals).toBe("function");
  });

  test("puts asyncio, time, threading, print, repr, tuple and send on the target", () => {
    const target: Record<string, unknown> = {};
    const installed = api.installGlobals(target);
    expect(Object.keys(installed).sort()).toEqual(["asyncio", "print", "repr", "send", "threading", "time", "tuple"]);
    for (const [name, value] of Object.entries(installed)) expect(target[name]).toBe(value);
    const asyncio = target.asyncio as typeof api.asyncio;
    for (const name of [
      "getEventLoop",
      "newEventLoop",
      "getRunningLoop",
      "sleep",
      "wait",
      "gather",
      "asCompleted",
      "waitFor",
      "createTask",
      "ensureFuture",
      "run",
      "coroutine",
      "isCoroutine",
      "iscoroutine",
    ]) {
      expect(typeof (asyncio as Record<string, unknown>)[name]).toBe("function");
    }
    expect(asyncio.iscoroutine).toBe(api.isCoroutine);
    expect(asyncio.Future).toBe(api.Future);
    expect(asyncio.Task).toBe(api.Task);
    expect(asyncio.CancelledError).toBe(api.CancelledError);
    expect(asyncio.TimeoutError).toBe(api.TimeoutError);
    expect([asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION, asyncio.ALL_COMPLETED]).toEqual(["FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"]);
    const time = target.time as typeof api.timeModule;
    expect(time.sleep).toBe(api.blockingSleep);
    expect(time.time).toBe(api.time);
    expect(typeof time.perfCounter()).toBe("number");
    expect((target.threading as typeof api.threadingModule).currentThread().name).toBe("MainThread");
  });

  test("installed globals work in code that uses only them (a lesson cell run as a script)", async () => {
    const target: Record<string, unknown> = {};
    api.installGlobals(target);
    const out = captureStdout();
    try {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- a lesson cell run as a script that sees only the installed globals
      const cell = new Function(
        "asyncio",
        "print",
        "repr",
        `const hello = asyncio.coroutine(async function hello(name) { print('Hello,', name); return name; });
         const coro = hello('World');
         print(asyncio.iscoroutine(coro));
         const loop = asyncio.getEventLoop();
         const task = loop.createTask(coro);
         return loop.runUntilComplete(task).then((r) => print(repr(r)));`,
      ) as (asyncio: unknown, print: unknown, repr: unknown) => Promise<void>;
      await cell(target.asyncio, target.print, target.repr);
      expect(out.lines()).toEqual(["True", "Hello, World", "'World'"]);
    } finally {
      out.restore();
    }
  });

  test("installGlobals() defaults to globalThis and can be removed again", () => {
    const g = globalThis as Record<string, unknown>;
    try {
      api.installGlobals();
      expect(g.asyncio).toBe(api.asyncio);
      expect(g.print).toBe(api.print);
    } finally {
      for (const name of ["asyncio", "time", "threading", "print", "repr", "tuple", "send"]) delete g[name];
    }
    expect(g.asyncio).toBeUndefined();
  });
});
