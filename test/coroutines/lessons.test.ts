// Mirrors of the asyncio lesson cells (shared/lessons/cells.json) written against the layer's globals,
// with sleeps scaled down 10x; each compares with the recorded Python output (unordered where Python's set is).
import { installGlobals, type InstalledGlobals } from "../../src/coroutines";
import { captureEachTest, timed } from "./capture";

const g: InstalledGlobals = installGlobals({});
const { asyncio, print, repr, tuple, send, threading, time } = g;
const S = 0.1; // seconds in the lessons are scaled by this factor

const captured = captureEachTest();

function sorted(lines: string[]): string[] {
  return [...lines].sort();
}

describe("lesson mirrors print what the Python cells recorded", () => {
  test("coroutine-produce-consume: generator consumer driven by send()", () => {
    function* consumer(): Generator<string, void, number | undefined> {
      let r = "";
      for (;;) {
        const n = yield r;
        if (!n) return;
        print(`[CONSUMER] consuming ${n}...`);
        r = "200 OK";
      }
    }
    const c = consumer();
    send(c, undefined);
    for (let n = 1; n <= 5; n++) {
      print(`[PRODUCE] Producing ${n}...`);
      const r = send(c, n);
      print(`[PRODUCE] Consumer return:${r}`);
    }
    c.return();
    const expected = [1, 2, 3, 4, 5].flatMap((n) => [`[PRODUCE] Producing ${n}...`, `[CONSUMER] consuming ${n}...`, "[PRODUCE] Consumer return:200 OK"]);
    expect(captured.out.lines()).toEqual(expected);
  });

  test("asyncio-hello-world-decorator: @asyncio.coroutine + yield from asyncio.sleep(1)", async () => {
    const hello = asyncio.coroutine(function* hello() {
      print("Hello world!");
      yield* asyncio.sleep(1 * S);
      print("Hello again!");
    });
    const loop = asyncio.getEventLoop();
    const { seconds } = await timed(() => loop.runUntilComplete(hello()));
    loop.close();
    expect(captured.out.lines()).toEqual(["Hello world!", "Hello again!"]);
    expect(seconds).toBeGreaterThan(0.08);
  });

  test("asyncio-two-hellos-same-thread: two coroutines on one thread take ~1 s in total", async () => {
    const hello = asyncio.coroutine(function* hello() {
      print(`Hello world! ${String(threading.currentThread())}`);
      yield* asyncio.sleep(1 * S);
      print(`Hello again! ${String(threading.currentThread())}`);
    });
    const loop = asyncio.getEventLoop();
    const { seconds } = await timed(() => loop.runUntilComplete(asyncio.wait([hello(), hello()])));
    loop.close();
    const lines = captured.out.lines();
    expect(lines.map((l) => l.replace(/started \d+/, "started <TID>"))).toEqual([
      "Hello world! <_MainThread(MainThread, started <TID>)>",
      "Hello world! <_MainThread(MainThread, started <TID>)>",
      "Hello again! <_MainThread(MainThread, started <TID>)>",
      "Hello again! <_MainThread(MainThread, started <TID>)>",
    ]);
    expect(new Set(lines.map((l) => /started (\d+)/.exec(l)?.[1])).size).toBe(1);
    expect(seconds).toBeGreaterThan(0.09);
    expect(seconds).toBeLessThan(0.18);
  });

  test("async-hello-missing-await: asyncio.sleep(1) without await does not sleep (equal timestamps)", async () => {
    const hello = asyncio.coroutine(async function hello() {
      void asyncio.sleep(1);
      print(`Hello World ${time.time()}`);
    });
    const loop = asyncio.getEventLoop();
    const { seconds } = await timed(async () => {
      for (let i = 0; i < 5; i++) await loop.runUntilComplete(hello());
    });
    const stamps = captured.out.lines().map((l) => Number(/^Hello World (\d{10}(?:\.\d+)?)$/.exec(l)?.[1]));
    expect(stamps).toHaveLength(5);
    expect(Math.max(...stamps) - Math.min(...stamps)).toBeLessThan(0.1);
    expect(seconds).toBeLessThan(0.1);
  });

  test("subgenerator-send-stopiteration: sending None ends with StopIteration: 5", () => {
    function* generator1(): Generator<undefined, number, number | null> {
      let total = 0;
      for (;;) {
        const x = yield;
        print("加", x);
        if (!x) break;
        total += x;
      }
      return total;
    }
    const g1 = generator1();
    send(g1, null);
    send(g1, 2);
    send(g1, 3);
    let error: Error | undefined;
    try {
      send(g1, null);
    } catch (e) {
      error = e as Error;
    }
    expect([...captured.out.lines(), `${error?.name}: ${error?.message}`]).toEqual(["加 2", "加 3", "加 None", "StopIteration: 5"]);
  });

  test("delegating-generator-yield-from: yield* forwards send() and returns the sub-generator result", () => {
    function* generator1(): Generator<undefined, number, number | null> {
      let total = 0;
      for (;;) {
        const x = yield;
        print("加", x);
        if (!x) break;
        total += x;
      }
      return total;
    }
    function* generator2(): Generator<undefined, void, number | null> {
      for (;;) {
        const total = yield* generator1();
        print("加和总数是:", total);
      }
    }
    const g2 = generator2();
    send(g2, null);
    send(g2, 2);
    send(g2, 3);
    send(g2, null);
    expect(captured.out.lines()).toEqual(["加 2", "加 3", "加 None", "加和总数是: 5"]);
  });

  test("decorator-coroutine-wait-two-tasks: yield from asyncio.wait takes 3 s instead of 5 s", async () => {
    const taskIO_1 = asyncio.coroutine(function* taskIO_1() {
      print("开始运行IO任务1...");
      yield* asyncio.sleep(2 * S);
      print("IO任务1已完成，耗时2秒...");
      return "taskIO_1";
    });
    const taskIO_2 = asyncio.coroutine(function* taskIO_2() {
      print("开始运行IO任务2...");
      yield* asyncio.sleep(3 * S);
      print("IO任务2已完成，耗时3秒...");
      return "taskIO_2";
    });
    const main = asyncio.coroutine(function* main() {
      const tasks = [taskIO_1(), taskIO_2()];
      const [done] = yield* asyncio.wait(tasks);
      for (const r of done) print("协程无序返回值：" + r.result());
    });
    const start = time.time();
    const loop = asyncio.getEventLoop();
    try {
      await loop.runUntilComplete(main());
    } finally {
      loop.close();
    }
    const total = time.time() - start;
    print(`所有IO任务总耗时${total.toFixed(5)}秒`);
    const lines = captured.out.lines();
    expect(sorted(lines.slice(0, 2))).toEqual(sorted(["开始运行IO任务2...", "开始运行IO任务1..."]));
    expect(lines.slice(2, 4)).toEqual(["IO任务1已完成，耗时2秒...", "IO任务2已完成，耗时3秒..."]);
    expect(sorted(lines.slice(4, 6))).toEqual(["协程无序返回值：taskIO_1", "协程无序返回值：taskIO_2"]);
    expect(lines[6]).toMatch(/^所有IO任务总耗时\d+\.\d{5}秒$/);
    expect(total).toBeGreaterThan(0.28);
    expect(total).toBeLessThan(0.45);
  });

  test("asyncio-wait-print-done-set: the done set prints as {<Task finished ...>, <Task finished ...>}", async () => {
    const taskIO_1 = asyncio.coroutine(async function taskIO_1() {
      await asyncio.sleep(2 * S);
      return "taskIO_1";
    });
    const taskIO_2 = asyncio.coroutine(async function taskIO_2() {
      await asyncio.sleep(3 * S);
      return "taskIO_2";
    });
    const main = asyncio.coroutine(async function main() {
      const { done } = await asyncio.wait([taskIO_1(), taskIO_2()]);
      print(done);
    });
    await asyncio.getEventLoop().runUntilComplete(main());
    const [line] = captured.out.lines();
    const task = (name: string): string => `<Task finished coro=<${name}() done, defined at tsloop> result='${name}'>`;
    expect([`{${task("taskIO_1")}, ${task("taskIO_2")}}`, `{${task("taskIO_2")}, ${task("taskIO_1")}}`]).toContain(line);
  });

  test("run-until-complete-start-coroutine: the coroutine runs only inside run_until_complete", () => {
    const coroutine = asyncio.coroutine(async function coroutine() {
      print("in coroutine");
    });
    const eventLoop = asyncio.getEventLoop();
    try {
      print("starting coroutine");
      const coro = coroutine();
      print("entering event loop");
      void eventLoop.runUntilComplete(coro);
    } finally {
      print("closing event loop");
      eventLoop.close();
    }
    expect(captured.out.lines()).toEqual(["starting coroutine", "entering event loop", "in coroutine", "closing event loop"]);
  });

  test("run-until-complete-return-value and await-chained-coroutines: results with Python reprs", async () => {
    const one = asyncio.coroutine(async function one() {
      print("in one");
      return "one";
    });
    const two = asyncio.coroutine(async function two(arg: string) {
      print("in two");
      return `two with arg ${arg}`;
    });
    const outer = asyncio.coroutine(async function outer() {
      print("in outer");
      print("waiting for one");
      const result1 = await one();
      print("waiting for two");
      const result2 = await two(result1);
      return tuple(result1, result2);
    });
    const eventLoop = asyncio.getEventLoop();
    try {
      const returnValue = await eventLoop.runUntilComplete(outer());
      print(`result value: ${repr(returnValue)}`);
      print(`it returned: ${repr(await eventLoop.runUntilComplete(asyncio.sleep(0, "result")))}`);
    } finally {
      eventLoop.close();
    }
    expect(captured.out.lines()).toEqual([
      "in outer",
      "waiting for one",
      "in one",
      "waiting for two",
      "in two",
      "result value: ('one', 'two with arg one')",
      "it returned: 'result'",
    ]);
  });

  test("async-def-is-coroutine and create-task-run-until-complete", async () => {
    const hello = asyncio.coroutine(async function hello(name: string) {
      print("Hello,", name);
    });
    const coroutine = hello("World");
    print(asyncio.iscoroutine(coroutine));
    const loop = asyncio.getEventLoop();
    const task = loop.createTask(coroutine);
    await loop.runUntilComplete(task);
    expect(captured.out.lines()).toEqual(["True", "Hello, World"]);
  });
});
