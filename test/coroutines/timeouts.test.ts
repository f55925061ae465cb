// asyncio.timeout / timeoutAt, shield and Task.cancel / cancelling / uncancel: the cases of CPython's
// test_asyncio/test_timeouts.py and test_tasks.py for expiry, nesting, rescheduling and shielding.
import {
  CancelledError,
  currentTask as asyncioCurrentTask,
  getEventLoop,
  RuntimeError,
  shield,
  sleep,
  TimeoutError,
  timeout,
  timeoutAt,
} from "../../src/coroutines";
import { cancelLeftovers, inTask, timed } from "./capture";

afterEach(cancelLeftovers);

describe("asyncio.timeout", () => {
  test("the function form gives the result in time, and TimeoutError (caused by the CancelledError) after the deadline", async () => {
    expect(await timeout(1, () => sleep(0.01, "in time"))).toBe("in time");
    const { seconds, value } = await timed(() =>
      timeout(0.05, () => sleep(5)).then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    expect(value).toBeInstanceOf(TimeoutError);
    expect((value as Error).cause).toBeInstanceOf(CancelledError);
    expect(seconds).toBeLessThan(1);
  });

  test("the body's finally runs when the deadline cancels it", async () => {
    const log: string[] = [];
    const attempt = timeout(0.02, async () => {
      try {
        await sleep(5);
      } finally {
        log.push("cleaned up");
      }
    });
    await expect(attempt).rejects.toBeInstanceOf(TimeoutError);
    expect(log).toEqual(["cleaned up"]);
  });

  test("`await using` in a task: expired() is true and the block ends with the TimeoutError", async () => {
    const task = inTask(async () => {
      await using deadline = timeout(0.02);
      try {
        await sleep(5);
      } finally {
        expect(deadline.expired()).toBe(true);
      }
    });
    const error = await task.then(
      () => undefined,
      (e: unknown) => e,
    );
    const timedOut = error instanceof TimeoutError ? error : (error as { error?: unknown }).error;
    expect(timedOut).toBeInstanceOf(TimeoutError);
  });

  test("outside a task the `await using` form raises RuntimeError, as Python's does", () => {
    expect(() => timeout(1)).toThrow(RuntimeError);
  });

  test("an outer cancellation is not turned into TimeoutError, and the task's cancelling() stays counted", async () => {
    let cancelling: number | undefined;
    const outer = inTask(async () => {
      await using _deadline = timeout(5);
      try {
        await sleep(5);
      } finally {
        cancelling = asyncioCurrentTask()?.cancelling();
      }
    });
    await sleep(0.01);
    outer.cancel();
    await expect(outer).rejects.toBeInstanceOf(CancelledError);
    expect(cancelling).toBe(1);
  });

  test("after an expiry the timeout takes back its own cancellation: cancelling() is 0 again", async () => {
    let after: number | undefined;
    const task = inTask(async () => {
      await timeout(0.01, () => sleep(5)).then(
        () => undefined,
        () => undefined,
      );
      await using deadline = timeout(0.01);
      await sleep(5).then(
        () => undefined,
        () => undefined,
      );
      expect(deadline.expired()).toBe(true);
      after = asyncioCurrentTask()?.cancelling();
    });
    await task.then(
      () => undefined,
      () => undefined,
    );
    expect(after).toBe(1);
    expect(task.cancelling()).toBe(0);
  });

  test("reschedule moves the deadline; timeoutAt takes loop-clock seconds; null means none", async () => {
    const value = await inTask(async () => {
      await using deadline = timeout(0.01);
      deadline.reschedule(getEventLoop().time() + 1);
      await sleep(0.05);
      deadline.reschedule(null);
      return deadline.when();
    });
    expect(value).toBeNull();
    expect(await timeoutAt(getEventLoop().time() + 1, () => sleep(0, "ok"))).toBe("ok");
    expect(await timeout(null, () => sleep(0.01, "none"))).toBe("none");
  });
});

describe("Task.cancel, cancelling and uncancel", () => {
  test("cancel() delivers CancelledError at the current await; finally blocks run; cancelling() counts requests", async () => {
    const log: string[] = [];
    const task = inTask(async () => {
      try {
        await sleep(5);
      } finally {
        log.push("finally");
      }
    });
    await sleep(0.01);
    expect(task.cancel("stop")).toBe(true);
    expect(task.cancelling()).toBe(1);
    await expect(task).rejects.toMatchObject({ name: "CancelledError", message: "stop" });
    expect(log).toEqual(["finally"]);
    expect(task.uncancel()).toBe(0);
  });
});

describe("asyncio.shield", () => {
  test("cancelling the awaiting task leaves the shielded task running (test_shield_cancel_outer)", async () => {
    const inner = inTask(() => sleep(0.03, "inner result"));
    const outer = inTask(() => shield(inner));
    await sleep(0.01);
    outer.cancel();
    await expect(outer).rejects.toBeInstanceOf(CancelledError);
    expect(inner.cancelled()).toBe(false);
    expect(await inner).toBe("inner result");
  });

  test("the shield follows the inner outcome: its result, its exception, its cancellation", async () => {
    expect(await shield(sleep(0.01, 7))).toBe(7);
    const failing = inTask(async () => {
      await sleep(0.01);
      throw new Error("inner failed");
    });
    await expect(shield(failing)).rejects.toThrow("inner failed");
    const cancelledInner = inTask(() => sleep(5));
    const shielded = shield(cancelledInner);
    cancelledInner.cancel();
    await expect(shielded).rejects.toBeInstanceOf(CancelledError);
  });
});
