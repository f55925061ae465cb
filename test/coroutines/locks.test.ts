// asyncio.Lock, Event and Condition: the ordering and cancellation cases of CPython's
// test_asyncio/test_locks.py (LockTests, EventTests, ConditionTests), observed through what tasks record.
import { CancelledError, Condition, Event, Lock, RuntimeError, sleep } from "../../src/coroutines";
import { cancelLeftovers, inTask } from "./capture";

afterEach(cancelLeftovers);

describe("asyncio.Lock", () => {
  test("acquire takes it, locked() says so, release frees it; releasing an unheld lock raises RuntimeError", async () => {
    const lock = new Lock();
    expect(lock.locked()).toBe(false);
    const held = await lock.acquire();
    expect(lock.locked()).toBe(true);
    held.release();
    expect(lock.locked()).toBe(false);
    expect(() => lock.release()).toThrow(RuntimeError);
    expect(() => lock.release()).toThrow("Lock is not acquired.");
  });

  test("waiters get the lock in the order they asked for it (test_acquire)", async () => {
    const lock = new Lock();
    const order: number[] = [];
    await lock.acquire();
    const tasks = [1, 2, 3].map((n) =>
      inTask(async () => {
        await lock.acquire();
        order.push(n);
        lock.release();
      }),
    );
    await sleep(0);
    expect(order).toEqual([]);
    lock.release();
    await Promise.all(tasks);
    expect(order).toEqual([1, 2, 3]);
  });

  test("`await using` releases at the end of the block, also when it throws (async with lock)", async () => {
    const lock = new Lock();
    await inTask(async () => {
      await using _held = await lock.acquire();
      expect(lock.locked()).toBe(true);
    });
    expect(lock.locked()).toBe(false);
    const failing = inTask(async () => {
      await using _held = await lock.acquire();
      throw new Error("inside");
    });
    await expect(failing).rejects.toThrow("inside");
    expect(lock.locked()).toBe(false);
  });

  test("a cancelled waiter gets CancelledError and never holds the lock (test_acquire_cancel)", async () => {
    const lock = new Lock();
    const held = await lock.acquire();
    const waiter = inTask(async () => await lock.acquire());
    await sleep(0);
    waiter.cancel();
    await expect(waiter).rejects.toBeInstanceOf(CancelledError);
    held.release();
    expect(lock.locked()).toBe(false);
  });

  test("a waiter woken by release and cancelled before it ran hands the lock to the next (test_cancel_release_race)", async () => {
    const lock = new Lock();
    const held = await lock.acquire();
    const got: string[] = [];
    const first = inTask(async () => {
      await lock.acquire();
      got.push("first");
    });
    const second = inTask(async () => {
      await lock.acquire();
      got.push("second");
      lock.release();
    });
    await sleep(0);
    held.release();
    first.cancel();
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    await second;
    expect(got).toEqual(["second"]);
    expect(lock.locked()).toBe(false);
  });

  test("acquire is lazy: calling it without awaiting takes nothing", async () => {
    const lock = new Lock();
    void lock.acquire();
    await sleep(0);
    expect(lock.locked()).toBe(false);
  });
});

describe("asyncio.Event", () => {
  test("set() wakes every waiter, each wait() gives true; clear() makes later waits block (test_wait, test_clear)", async () => {
    const event = new Event();
    const woken: number[] = [];
    const tasks = [1, 2, 3].map((n) => inTask(async () => woken.push(Number(await event.wait()) * n)));
    await sleep(0);
    expect(woken).toEqual([]);
    event.set();
    await Promise.all(tasks);
    expect(woken).toEqual([1, 2, 3]);
    expect(event.isSet()).toBe(true);
    expect(await event.wait()).toBe(true);
    event.clear();
    expect(event.isSet()).toBe(false);
    const later = inTask(async () => await event.wait());
    await sleep(0.01);
    expect(later.done()).toBe(false);
  });

  test("a cancelled wait() raises CancelledError and leaves the other waiters waiting (test_wait_cancel)", async () => {
    const event = new Event();
    const cancelled = inTask(async () => await event.wait());
    const other = inTask(async () => await event.wait());
    await sleep(0);
    cancelled.cancel();
    await expect(cancelled).rejects.toBeInstanceOf(CancelledError);
    event.set();
    expect(await other).toBe(true);
  });
});

describe("asyncio.Condition", () => {
  test("notify(n) wakes n waiters in order, notifyAll() the rest (test_notify, test_notify_all)", async () => {
    const cond = new Condition();
    const woken: number[] = [];
    const tasks = [1, 2, 3].map((n) =>
      inTask(async () => {
        await using _held = await cond.acquire();
        await cond.wait();
        woken.push(n);
      }),
    );
    await sleep(0.01);
    {
      await using _held = await cond.acquire();
      cond.notify(1);
    }
    await sleep(0.01);
    expect(woken).toEqual([1]);
    {
      await using _held = await cond.acquire();
      cond.notifyAll();
    }
    await Promise.all(tasks);
    expect(woken).toEqual([1, 2, 3]);
  });

  test("waitFor(predicate) returns once the predicate holds after a notify (test_wait_for)", async () => {
    const cond = new Condition();
    let ready = 0;
    const waiting = inTask(async () => {
      await using _held = await cond.acquire();
      return await cond.waitFor(() => ready >= 2 && "ready");
    });
    for (let i = 0; i < 2; i++) {
      await sleep(0.005);
      await using _held = await cond.acquire();
      ready++;
      cond.notifyAll();
    }
    expect(await waiting).toBe("ready");
  });

  test("wait() and notify() without the lock raise RuntimeError", async () => {
    const cond = new Condition();
    await expect(cond.wait()).rejects.toThrow("cannot wait on un-acquired lock");
    expect(() => cond.notify()).toThrow(RuntimeError);
  });

  test("a cancelled wait() takes the lock back before raising CancelledError (test_wait_cancel_contested)", async () => {
    const cond = new Condition();
    let heldWhenCancelled: boolean | undefined;
    const waiter = inTask(async () => {
      await cond.acquire();
      try {
        await cond.wait();
      } catch (error) {
        heldWhenCancelled = cond.locked();
        cond.release();
        throw error;
      }
    });
    await sleep(0.01);
    waiter.cancel();
    await expect(waiter).rejects.toBeInstanceOf(CancelledError);
    expect(heldWhenCancelled).toBe(true);
    expect(cond.locked()).toBe(false);
  });
});
