// asyncio.Semaphore, BoundedSemaphore and Barrier: the cases of CPython's test_asyncio/test_locks.py
// (SemaphoreTests, BarrierTests) for limits, FIFO order, cancellation and breaking.
import { Barrier, BoundedSemaphore, BrokenBarrierError, CancelledError, Semaphore, sleep, ValueError } from "../../src/coroutines";
import { cancelLeftovers, inTask } from "./capture";

afterEach(cancelLeftovers);

describe("asyncio.Semaphore", () => {
  test("at most `value` holders run at once; the others wait their turn in order", async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const tasks = [1, 2, 3, 4, 5].map((n) =>
      inTask(async () => {
        await using _slot = await semaphore.acquire();
        running++;
        most = Math.max(most, running);
        order.push(n);
        await sleep(0.01);
        running--;
      }),
    );
    await Promise.all(tasks);
    expect(most).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(semaphore.locked()).toBe(false);
  });

  test("locked() is true at 0 free slots; a negative initial value is a ValueError", async () => {
    const semaphore = new Semaphore(1);
    const slot = await semaphore.acquire();
    expect(semaphore.locked()).toBe(true);
    slot.release();
    expect(semaphore.locked()).toBe(false);
    expect(() => new Semaphore(-1)).toThrow(ValueError);
  });

  test("a waiter woken and then cancelled gives its slot to the next waiter (test_acquire_cancel_before_awoken)", async () => {
    const semaphore = new Semaphore(0);
    const got: string[] = [];
    const first = inTask(async () => {
      await semaphore.acquire();
      got.push("first");
    });
    const second = inTask(async () => {
      await semaphore.acquire();
      got.push("second");
    });
    await sleep(0);
    semaphore.release();
    first.cancel();
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    await second;
    expect(got).toEqual(["second"]);
  });

  test("BoundedSemaphore refuses a release above its initial value", async () => {
    const semaphore = new BoundedSemaphore(1);
    const slot = await semaphore.acquire();
    slot.release();
    expect(() => semaphore.release()).toThrow("BoundedSemaphore released too many times");
    expect(() => new Semaphore(1).release()).not.toThrow();
  });
});

describe("asyncio.Barrier", () => {
  test("opens when `parties` tasks wait; each gets a distinct arrival index (test_barrier)", async () => {
    const barrier = new Barrier(3);
    const passed: string[] = [];
    const tasks = [0, 1, 2].map((n) =>
      inTask(async () => {
        const index = await barrier.wait();
        passed.push(`t${n}`);
        return index;
      }),
    );
    await sleep(0.01);
    expect(passed.length).toBe(3);
    expect((await Promise.all(tasks)).sort()).toEqual([0, 1, 2]);
    expect(barrier.nWaiting).toBe(0);
  });

  test("fewer than `parties` wait until abort(), which breaks them with BrokenBarrierError", async () => {
    const barrier = new Barrier(3);
    const waiting = [inTask(() => barrier.wait()), inTask(() => barrier.wait())];
    await sleep(0.01);
    expect(barrier.nWaiting).toBe(2);
    await barrier.abort();
    for (const task of waiting) await expect(task).rejects.toBeInstanceOf(BrokenBarrierError);
    expect(barrier.broken).toBe(true);
    await expect(barrier.wait()).rejects.toBeInstanceOf(BrokenBarrierError);
  });
});
