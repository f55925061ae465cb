import { inspect } from "node:util";
import { CancelledError, Future, InvalidStateError, isFuture, repr, RuntimeError } from "../../src/coroutines";

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("Future (asyncio.Future)", () => {
  test("result() of a pending future raises InvalidStateError, like asyncio.Future.result()", () => {
    const future = new Future<number>();
    expect(future.done()).toBe(false);
    expect(() => future.result()).toThrow(InvalidStateError);
    expect(() => future.exception()).toThrow(InvalidStateError);
  });

  test("set_result makes done() true and result() return the value; await gives it too", async () => {
    const future = new Future<string>();
    future.setResult("ok");
    expect(future.done()).toBe(true);
    expect(future.cancelled()).toBe(false);
    expect(future.result()).toBe("ok");
    expect(future.exception()).toBeNull();
    expect(await future).toBe("ok");
    expect(() => future.setResult("again")).toThrow(InvalidStateError);
  });

  test("set_exception: result() raises it, exception() returns it, await rejects", async () => {
    const future = new Future<number>();
    const error = new Error("boom");
    future.setException(error);
    expect(() => future.result()).toThrow("boom");
    expect(future.exception()).toBe(error);
    await expect(future).rejects.toBe(error);
  });

  test("cancel() returns True once, then result() raises CancelledError (asyncio.Future.cancel)", async () => {
    const future = new Future<number>();
    expect(future.cancel("stop")).toBe(true);
    expect(future.cancel()).toBe(false);
    expect(future.cancelled()).toBe(true);
    expect(future.done()).toBe(true);
    expect(() => future.result()).toThrow(CancelledError);
    await expect(future).rejects.toBeInstanceOf(CancelledError);
    await expect(future).rejects.toMatchObject({ name: "CancelledError", message: "stop" });
  });

  test("add_done_callback: callbacks run soon (not synchronously) with the future, in order", async () => {
    const future = new Future<number>();
    const calls: string[] = [];
    future.addDoneCallback((f) => calls.push(`a:${f.result()}`));
    future.addDoneCallback((f) => calls.push(`b:${f.result()}`));
    future.setResult(7);
    expect(calls).toEqual([]);
    await tick();
    expect(calls).toEqual(["a:7", "b:7"]);
    future.addDoneCallback(() => calls.push("late"));
    await tick();
    expect(calls).toEqual(["a:7", "b:7", "late"]);
  });

  test("remove_done_callback removes every registration and returns the count", async () => {
    const future = new Future<number>();
    const calls: number[] = [];
    const cb = (): number => calls.push(1);
    future.addDoneCallback(cb);
    future.addDoneCallback(cb);
    future.addDoneCallback(() => calls.push(2));
    expect(future.removeDoneCallback(cb)).toBe(2);
    future.setResult(0);
    await tick();
    expect(calls).toEqual([2]);
  });

  test("a failing callback is reported on stderr and does not stop the others (asyncio logs it)", async () => {
    const errors: string[] = [];
    const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      errors.push(String(chunk));
      return true;
    });
    try {
      const future = new Future<number>();
      const calls: number[] = [];
      future.addDoneCallback(() => {
        throw new Error("bad callback");
      });
      future.addDoneCallback(() => calls.push(1));
      future.setResult(1);
      await tick();
      expect(calls).toEqual([1]);
      expect(errors.join("")).toContain("bad callback");
    } finally {
      spy.mockRestore();
    }
  });

  test("yield* future in a generator gives its result (Future.__iter__)", () => {
    const future = new Future<number>();
    future.setResult(3);
    const gen = (function* () {
      return yield* future;
    })();
    expect(gen.next()).toEqual({ done: true, value: 3 });
  });

  test("resuming yield* on a still-pending future raises RuntimeError (await wasn't used with future)", () => {
    const future = new Future<number>();
    const gen = (function* () {
      return yield* future;
    })();
    const first = gen.next();
    expect(first.done).toBe(false);
    expect(first.value).toBe(future);
    expect(() => gen.next()).toThrow(RuntimeError);
  });

  test("repr is Python-like: <Future pending>, <Future finished result=...>, <Future cancelled>", () => {
    const a = new Future<string>();
    expect(repr(a)).toBe("<Future pending>");
    a.setResult("x");
    expect(repr(a)).toBe("<Future finished result='x'>");
    const b = new Future();
    b.cancel();
    expect(String(b)).toBe("<Future cancelled>");
    const c = new Future();
    c.setException(new Error("e"));
    expect(repr(c)).toBe("<Future finished exception=Error('e')>");
    expect(inspect(a)).toBe("<Future finished result='x'>");
    expect(isFuture(a)).toBe(true);
    expect(isFuture(Promise.resolve(1))).toBe(false);
  });
});
