import {
  coroutine,
  currentTask,
  EventLoop,
  getEventLoop,
  getRunningLoop,
  newEventLoop,
  onRunUntilComplete,
  print,
  run,
  RuntimeError,
  setEventLoop,
  sleep,
  Task,
} from "../../src/coroutines";
import { captureEachTest } from "./capture";

const captured = captureEachTest();

describe("event loop (asyncio loop.run_until_complete & co.)", () => {
  test("run_until_complete returns the coroutine's result", async () => {
    const co = coroutine(async function coroutine_() {
      print("in coroutine");
      return "result";
    });
    const loop = getEventLoop();
    expect(await loop.runUntilComplete(co())).toBe("result");
    expect(captured.out.lines()).toEqual(["in coroutine"]);
  });

  test("run_until_complete runs the coroutine up to its first await before returning, even if not awaited", () => {
    const co = coroutine(async function coroutine_() {
      print("in coroutine");
    });
    const loop = getEventLoop();
    print("starting coroutine");
    const coro = co();
    print("entering event loop");
    void loop.runUntilComplete(coro);
    print("closing event loop");
    loop.close();
    expect(captured.out.lines()).toEqual(["starting coroutine", "entering event loop", "in coroutine", "closing event loop"]);
  });

  test("run_until_complete raises the coroutine's exception (the Promise rejects)", async () => {
    const co = coroutine(async function failing() {
      await sleep(0.01);
      throw new Error("failed inside");
    });
    await expect(getEventLoop().runUntilComplete(co())).rejects.toThrow("failed inside");
  });

  test("the onRunUntilComplete listener gets the run's Promise, settling with the result; unsubscribe stops it", async () => {
    const runs: Promise<unknown>[] = [];
    const unsubscribe = onRunUntilComplete((run) => runs.push(run));
    const loop = getEventLoop();
    const returned = loop.runUntilComplete(sleep(0.02, "late"));
    expect(runs).toHaveLength(1);
    expect(runs[0]).toBe(returned);
    expect(loop.isRunning()).toBe(true);
    expect(await runs[0]).toBe("late");
    expect(loop.isRunning()).toBe(false);
    unsubscribe();
    await loop.runUntilComplete(sleep(0));
    expect(runs).toHaveLength(1);
  });

  test("close() then get_event_loop() gives a fresh usable loop (lessons re-run in one process)", async () => {
    const first = getEventLoop();
    expect(getEventLoop()).toBe(first);
    first.close();
    expect(first.isClosed()).toBe(true);
    first.close();
    expect(() => first.createTask(sleep(0))).toThrow(RuntimeError);
    expect(() => first.runUntilComplete(sleep(0))).toThrow("Event loop is closed");
    const second = getEventLoop();
    expect(second).not.toBe(first);
    expect(second.isClosed()).toBe(false);
    expect(await second.runUntilComplete(sleep(0.01, 5))).toBe(5);
  });

  test("close() during a run is deferred until the run ends, and the run completes normally", async () => {
    const loop = getEventLoop();
    const main = coroutine(async function main() {
      const inner = loop.createTask(sleep(0.02, "inner"));
      return await inner;
    });
    const result = loop.runUntilComplete(main());
    loop.close();
    expect(loop.isClosed()).toBe(false);
    expect(getEventLoop()).not.toBe(loop);
    expect(await result).toBe("inner");
    expect(loop.isClosed()).toBe(true);
  });

  test("create_task names tasks Task-N; the running loop is the task's loop (asyncio.get_running_loop)", async () => {
    const loop = newEventLoop();
    let seen: EventLoop | undefined;
    let current: Task<unknown> | null = null;
    const co = coroutine(async function probe() {
      seen = getRunningLoop();
      current = currentTask();
      return getEventLoop();
    });
    const task = loop.createTask(co());
    expect(task.getName()).toMatch(/^Task-\d+$/);
    expect(await task).toBe(loop);
    expect(seen).toBe(loop);
    expect(current).toBe(task);
    expect(() => getRunningLoop()).toThrow("no running event loop");
    const named = loop.createTask(sleep(0), { name: "custom" });
    expect(named.getName()).toBe("custom");
    await named;
  });

  test("loop.time() is monotonic seconds", async () => {
    const loop = getEventLoop();
    const t0 = loop.time();
    await sleep(0.05);
    const dt = loop.time() - t0;
    expect(dt).toBeGreaterThan(0.03);
    expect(dt).toBeLessThan(0.5);
  });

  test("call_soon and call_later run callbacks; a cancelled handle does not run", async () => {
    const loop = getEventLoop();
    const calls: string[] = [];
    loop.callSoon((x: string) => calls.push(x), "soon");
    loop.callLater(0.01, () => calls.push("later"));
    const cancelled = loop.callLater(0.01, () => calls.push("never"));
    cancelled.cancel();
    await sleep(0.05);
    expect(calls).toEqual(["soon", "later"]);
    expect(cancelled.cancelled()).toBe(true);
  });

  test("asyncio.run runs main on a new loop, cancels leftover tasks, closes that loop", async () => {
    let loopInside: EventLoop | undefined;
    let leftover: Task<unknown> | undefined;
    const main = coroutine(async function main() {
      loopInside = getRunningLoop();
      leftover = loopInside.createTask(sleep(10));
      await sleep(0.01);
      return "main done";
    });
    expect(await run(main())).toBe("main done");
    expect(loopInside?.isClosed()).toBe(true);
    expect(leftover?.cancelled()).toBe(true);
    expect(getEventLoop()).not.toBe(loopInside);
  });

  test("asyncio.run inside a running task raises RuntimeError", async () => {
    const inner = coroutine(async () => {
      await run(sleep(0));
    });
    await expect(getEventLoop().runUntilComplete(inner())).rejects.toThrow(RuntimeError);
  });

  test("set_event_loop chooses the default loop", () => {
    const loop = newEventLoop();
    setEventLoop(loop);
    expect(getEventLoop()).toBe(loop);
    setEventLoop(null);
    expect(getEventLoop()).not.toBe(loop);
  });
});
