import {
  ALL_COMPLETED,
  CancelledError,
  coroutine,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  Future,
  getEventLoop,
  print,
  sleep,
  Task,
  TimeoutError,
  ValueError,
  wait,
  waitFor,
} from "../../src/coroutines";
import { captureEachTest, timed } from "./capture";

const captured = captureEachTest();

const job = coroutine(async function job(name: string, seconds: number, fail = false) {
  print(`start ${name}`);
  await sleep(seconds);
  print(`end ${name}`);
  if (fail) throw new Error(`${name} failed`);
  return name;
});

describe("asyncio.wait", () => {
  test("concurrent sleeps of 0.2 s and 0.3 s take ~0.3 s in total, not 0.5 s (wait on two coroutines)", async () => {
    const { value, seconds } = await timed(() => getEventLoop().runUntilComplete(wait([job("a", 0.2), job("b", 0.3)])));
    expect(seconds).toBeGreaterThan(0.28);
    expect(seconds).toBeLessThan(0.45);
    expect(value.pending.size).toBe(0);
    expect([...value.done].map((t) => t.result()).sort()).toEqual(["a", "b"]);
    expect(captured.out.lines()).toEqual(["start a", "start b", "end a", "end b"]);
  });

  test("wait accepts bare coroutines and returns done as a Set of Tasks; destructures like (done, pending)", async () => {
    const [done, pending] = await wait([job("x", 0.01)]);
    expect(pending).toEqual(new Set());
    const [task] = [...done];
    expect(task).toBeInstanceOf(Task);
    expect(task.result()).toBe("x");
  });

  test("wait with a timeout returns done and pending without cancelling the pending ones", async () => {
    const slow = getEventLoop().createTask(sleep(0.3, "slow"));
    const fast = getEventLoop().createTask(sleep(0.02, "fast"));
    const { value, seconds } = await timed(async () => await wait([fast, slow], { timeout: 0.1 }));
    expect(seconds).toBeLessThan(0.25);
    expect(value.done).toEqual(new Set([fast]));
    expect(value.pending).toEqual(new Set([slow]));
    expect(slow.cancelled()).toBe(false);
    expect(await slow).toBe("slow");
  });

  test("return_when=FIRST_COMPLETED returns after the first one is done", async () => {
    const a = getEventLoop().createTask(sleep(0.02, "a"));
    const b = getEventLoop().createTask(sleep(0.3, "b"));
    const { value, seconds } = await timed(async () => await wait([a, b], { returnWhen: FIRST_COMPLETED }));
    expect(seconds).toBeLessThan(0.2);
    expect(value.done).toEqual(new Set([a]));
    expect(value.pending).toEqual(new Set([b]));
    b.cancel();
  });

  test("return_when=FIRST_EXCEPTION returns when one raises, with the failed one in done", async () => {
    const ok = getEventLoop().createTask(job("ok", 0.3));
    const bad = getEventLoop().createTask(job("bad", 0.02, true));
    const { value, seconds } = await timed(async () => await wait([ok, bad], { returnWhen: FIRST_EXCEPTION }));
    expect(seconds).toBeLessThan(0.2);
    expect(value.done).toEqual(new Set([bad]));
    expect((bad.exception() as Error).message).toBe("bad failed");
    expect(value.pending).toEqual(new Set([ok]));
    ok.cancel();
  });

  test("return_when=FIRST_EXCEPTION without exceptions behaves like ALL_COMPLETED", async () => {
    const { value } = await timed(async () => await wait([sleep(0.01, 1), sleep(0.03, 2)], { returnWhen: FIRST_EXCEPTION }));
    expect(value.done.size).toBe(2);
    const { value: all } = await timed(async () => await wait([sleep(0.01, 1)], { returnWhen: ALL_COMPLETED }));
    expect(all.done.size).toBe(1);
  });

  test("wait takes a Set of tasks and 100,000 coroutines at once; every one ends in done", async () => {
    const tasks = new Set([getEventLoop().createTask(sleep(0.01, "t"))]);
    const fromSet = await wait(tasks);
    expect([...fromSet.done]).toEqual([...tasks]);
    const many = await wait(Array.from({ length: 100_000 }, (_, i) => sleep(0, i)));
    expect([many.done.size, many.pending.size]).toEqual([100_000, 0]);
  });

  test("wait on an empty list or with a bad return_when raises ValueError", async () => {
    await expect(wait([])).rejects.toBeInstanceOf(ValueError);
    await expect(wait([sleep(0)], { returnWhen: "SOMETIMES" as never })).rejects.toBeInstanceOf(ValueError);
  });

  test("asyncio.wait is lazy: nothing is scheduled until it is awaited", async () => {
    const pending = wait([job("lazy", 0.01)]);
    await sleep(0.03);
    expect(captured.out.text()).toBe("");
    await pending;
    expect(captured.out.lines()).toEqual(["start lazy", "end lazy"]);
  });
});

describe("asyncio.wait_for", () => {
  test("returns the result when it completes in time", async () => {
    expect(await waitFor(sleep(0.01, "in time"), 1)).toBe("in time");
    expect(await waitFor(sleep(0.01, "no limit"), null)).toBe("no limit");
  });

  test("on timeout cancels the awaitable and raises TimeoutError", async () => {
    const task = getEventLoop().createTask(sleep(5, "never"));
    const { seconds, value } = await timed(async () => {
      try {
        await waitFor(task, 0.05);
        return "no error";
      } catch (error) {
        return error;
      }
    });
    expect(value).toBeInstanceOf(TimeoutError);
    expect((value as Error).name).toBe("TimeoutError");
    expect(task.cancelled()).toBe(true);
    expect(seconds).toBeLessThan(0.5);
  });

  test("cancelling the awaitable throws CancelledError inside the coroutine, which can clean up", async () => {
    const log: string[] = [];
    const worker = coroutine(async function worker() {
      try {
        await sleep(5);
      } catch (error) {
        log.push((error as Error).name);
        throw error;
      } finally {
        log.push("finally");
      }
    });
    await expect(waitFor(worker(), 0.03)).rejects.toBeInstanceOf(TimeoutError);
    expect(log).toEqual(["CancelledError", "finally"]);
  });

  test("timeout 0 on a pending awaitable raises TimeoutError at once", async () => {
    await expect(waitFor(sleep(1), 0)).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe("Task.cancel (asyncio.Task.cancel -> CancelledError)", () => {
  test("cancelling a sleeping task raises CancelledError at its await; the task ends cancelled", async () => {
    const log: string[] = [];
    const sleeper = coroutine(async function sleeper() {
      try {
        await sleep(5);
        log.push("woke");
      } catch (error) {
        log.push(error instanceof CancelledError ? "cancelled" : "other");
        throw error;
      }
    });
    const task = getEventLoop().createTask(sleeper());
    await sleep(0.01);
    const start = performance.now();
    expect(task.cancel()).toBe(true);
    await expect(task).rejects.toBeInstanceOf(CancelledError);
    expect(performance.now() - start).toBeLessThan(200);
    expect(task.cancelled()).toBe(true);
    expect(log).toEqual(["cancelled"]);
    expect(task.cancel()).toBe(false);
    expect(() => task.result()).toThrow(CancelledError);
  });

  test("a coroutine that catches CancelledError and returns makes the task finish normally (asyncio semantics)", async () => {
    const stubborn = coroutine(async function stubborn() {
      try {
        await sleep(5);
      } catch {
        return "caught";
      }
      return "slept";
    });
    const task = getEventLoop().createTask(stubborn());
    await sleep(0.01);
    task.cancel();
    expect(await task).toBe("caught");
    expect(task.cancelled()).toBe(false);
  });

  test("a task cancelled before it starts never runs its coroutine", async () => {
    const body = jest.fn(async () => 1);
    const task = getEventLoop().createTask(coroutine(body)());
    expect(task.cancel()).toBe(true);
    await sleep(0.01);
    expect(body).not.toHaveBeenCalled();
    expect(task.cancelled()).toBe(true);
  });

  test("cancelling a generator coroutine throws CancelledError in at its yield", async () => {
    const log: string[] = [];
    const gen = coroutine(function* gen() {
      try {
        yield new Promise((resolve) => setTimeout(resolve, 5000).unref());
      } catch (error) {
        log.push((error as Error).name);
        throw error;
      }
    });
    const task = getEventLoop().createTask(gen());
    await sleep(0.01);
    task.cancel();
    await expect(task).rejects.toBeInstanceOf(CancelledError);
    expect(log).toEqual(["CancelledError"]);
  });

  test("cancelling a task cancels the task it awaits", async () => {
    const inner = getEventLoop().createTask(sleep(5));
    const outer = getEventLoop().createTask(
      coroutine(async function outer() {
        await inner;
      })(),
    );
    await sleep(0.01);
    outer.cancel();
    await expect(outer).rejects.toBeInstanceOf(CancelledError);
    expect(inner.cancelled()).toBe(true);
  });

  test("set_result on a Task is refused; plain futures awaited by tasks still resolve them", async () => {
    const future = new Future<number>();
    const task = getEventLoop().createTask(
      coroutine(async function reader() {
        return (await future) + 1;
      })(),
    );
    expect(() => task.setResult(1)).toThrow("Task does not support set_result");
    setTimeout(() => future.setResult(41), 5);
    expect(await task).toBe(42);
  });
});
