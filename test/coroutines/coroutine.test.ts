import { Coroutine, coroutine, getEventLoop, isCoroutine, isCoroutineFunction, print, repr, RuntimeError, sleep, tuple } from "../../src/coroutines";
import { captureEachTest } from "./capture";

const captured = captureEachTest();

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe("laziness: a coroutine object does not run until awaited or scheduled", () => {
  test("calling an async def does not run its body (coroutine object is lazy); await runs it", async () => {
    const hello = coroutine(async function hello(name: string) {
      print("Hello,", name);
      return name.length;
    });
    const coro = hello("world");
    await flush();
    expect(captured.out.text()).toBe("");
    expect(coro.state).toBe("created");
    expect(await coro).toBe(5);
    expect(captured.out.text()).toBe("Hello, world\n");
    expect(coro.state).toBe("done");
  });

  test("a never-awaited coroutine never runs (asyncio.sleep(1) without await does nothing)", async () => {
    const body = jest.fn(async () => 1);
    coroutine(body)();
    await flush();
    expect(body).not.toHaveBeenCalled();
  });

  test("createTask schedules the coroutine: it starts without being awaited, but not synchronously", async () => {
    const hello = coroutine(async function hello() {
      print("in hello");
    });
    const task = getEventLoop().createTask(hello());
    expect(captured.out.text()).toBe("");
    await flush();
    expect(captured.out.text()).toBe("in hello\n");
    expect(task.done()).toBe(true);
  });

  test("awaiting a coroutine twice gives the same result and runs it once", async () => {
    let runs = 0;
    const coro = coroutine(async () => ++runs)();
    expect(await coro).toBe(1);
    expect(await coro).toBe(1);
    expect(runs).toBe(1);
  });
});

describe("generator-based coroutines (@asyncio.coroutine + yield from)", () => {
  test("yield from sub-coroutines returns their values (the chained one/two/outer lesson)", async () => {
    // eslint-disable-next-line require-yield -- the lesson's one() and two() contain no yield
    const one = coroutine(function* one() {
      print("in one");
      return "one";
    });
    // eslint-disable-next-line require-yield -- the lesson's one() and two() contain no yield
    const two = coroutine(function* two(arg: string) {
      print("in two");
      return `two with arg ${arg}`;
    });
    const outer = coroutine(function* outer() {
      print("in outer");
      print("waiting for one");
      const result1 = yield* one();
      print("waiting for two");
      const result2 = yield* two(result1);
      return tuple(result1, result2);
    });
    const value = await getEventLoop().runUntilComplete(outer());
    print(`result value: ${repr(value)}`);
    expect(captured.out.lines()).toEqual(["in outer", "waiting for one", "in one", "waiting for two", "in two", "result value: ('one', 'two with arg one')"]);
  });

  test("yield* asyncio.sleep(d, result) suspends for d seconds and returns result", async () => {
    const hello = coroutine(function* hello() {
      const start = performance.now();
      const r = yield* sleep(0.1, "slept");
      return [r, (performance.now() - start) / 1000] as const;
    });
    const [r, seconds] = await hello();
    expect(r).toBe("slept");
    expect(seconds).toBeGreaterThan(0.08);
    expect(seconds).toBeLessThan(0.5);
  });

  test("a yielded promise is awaited and its value sent back with next(value)", async () => {
    const co = coroutine(function* () {
      const a = (yield Promise.resolve(20)) as number;
      const b = (yield new Promise((resolve) => setTimeout(() => resolve(22), 10))) as number;
      return a + b;
    });
    expect(await co()).toBe(42);
  });

  test("a rejected yielded promise is thrown into the generator, which may catch it", async () => {
    const co = coroutine(function* () {
      try {
        yield Promise.reject(new Error("inner"));
        return "not reached";
      } catch (error) {
        return `caught ${(error as Error).message}`;
      }
    });
    expect(await co()).toBe("caught inner");
  });

  test("yield* an async-def coroutine from a generator coroutine awaits it", async () => {
    const inner = coroutine(async function inner(x: number) {
      await sleep(0.01);
      return x * 2;
    });
    const outer = coroutine(function* outer() {
      const a = yield* inner(4);
      return a + 1;
    });
    expect(await outer()).toBe(9);
  });

  test("a bad yield (a plain value) raises RuntimeError inside the coroutine, like asyncio's Task", async () => {
    const co = coroutine(function* bad() {
      yield 5;
    });
    await expect(co()).rejects.toThrow("Task got bad yield: 5");
  });

  test("reusing a coroutine consumed by yield from raises RuntimeError", async () => {
    // eslint-disable-next-line require-yield -- a generator coroutine that returns at once is the case under test
    const c = coroutine(function* () {
      return 1;
    })();
    const outer = coroutine(function* () {
      return yield* c;
    });
    expect(await outer()).toBe(1);
    await expect(c).rejects.toBeInstanceOf(RuntimeError);
  });
});

describe("iscoroutine / iscoroutinefunction", () => {
  test("asyncio.iscoroutine: true for coroutine objects (also generator-based), false for promises and generators", () => {
    const asyncCo = coroutine(async () => 1)();
    // eslint-disable-next-line require-yield -- a generator coroutine that returns at once is the case under test
    const genCo = coroutine(function* () {
      return 1;
    })();
    expect(isCoroutine(asyncCo)).toBe(true);
    expect(isCoroutine(genCo)).toBe(true);
    expect(asyncCo).toBeInstanceOf(Coroutine);
    expect(genCo.kind).toBe("generator");
    expect(asyncCo.kind).toBe("async");
    expect(isCoroutine(Promise.resolve(1))).toBe(false);
    expect(isCoroutine((function* () {})())).toBe(false);
    expect(isCoroutine(42)).toBe(false);
  });

  test("asyncio.iscoroutinefunction: true for coroutine() wrappers and async functions only", () => {
    expect(isCoroutineFunction(coroutine(function* () {}))).toBe(true);
    expect(isCoroutineFunction(async () => 1)).toBe(true);
    expect(isCoroutineFunction(function* () {})).toBe(false);
    expect(isCoroutineFunction(() => 1)).toBe(false);
    expect(isCoroutineFunction("x")).toBe(false);
  });

  test("coroutine() keeps the function name, and the coroutine repr uses it", () => {
    const hello = coroutine(async function hello() {});
    expect(hello.name).toBe("hello");
    expect(repr(hello())).toBe("<coroutine object hello at tsloop>");
  });
});
