// asyncio.Queue, PriorityQueue and LifoQueue: the cases of CPython's test_asyncio/test_queues.py
// for order, blocking put/get, the nowait errors, join/taskDone, and cancelled getters and putters.
import { CancelledError, LifoQueue, PriorityQueue, Queue, QueueEmpty, QueueFull, sleep, ValueError } from "../../src/coroutines";
import { cancelLeftovers, inTask } from "./capture";

afterEach(cancelLeftovers);

describe("asyncio.Queue", () => {
  test("FIFO order; qsize, empty, full and maxsize as Python's", async () => {
    const queue = new Queue<number>(2);
    expect([queue.empty(), queue.full(), queue.maxsize]).toEqual([true, false, 2]);
    await queue.put(1);
    queue.putNowait(2);
    expect([queue.qsize(), queue.full()]).toEqual([2, true]);
    expect(() => queue.putNowait(3)).toThrow(QueueFull);
    expect([await queue.get(), queue.getNowait()]).toEqual([1, 2]);
    expect(() => queue.getNowait()).toThrow(QueueEmpty);
  });

  test("get waits for a put; put on a full queue waits for a get (test_blocking_get, test_blocking_put)", async () => {
    const queue = new Queue<string>(1);
    const getter = inTask(() => queue.get());
    await sleep(0);
    expect(getter.done()).toBe(false);
    await queue.put("a");
    expect(await getter).toBe("a");
    await queue.put("b");
    const putter = inTask(() => queue.put("c"));
    await sleep(0);
    expect(putter.done()).toBe(false);
    expect(await queue.get()).toBe("b");
    await putter;
    expect(queue.getNowait()).toBe("c");
  });

  test("producer and consumers: join() returns once every item got taskDone()", async () => {
    const queue = new Queue<number>();
    const seen: number[] = [];
    const consumers = [0, 1].map(() =>
      inTask(async () => {
        for (;;) {
          const item = await queue.get();
          await sleep(0.001);
          seen.push(item);
          queue.taskDone();
        }
      }),
    );
    for (let i = 0; i < 6; i++) await queue.put(i);
    await queue.join();
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    consumers.forEach((c) => c.cancel());
    expect(() => queue.taskDone()).toThrow(ValueError);
  });

  test("a getter woken by a put and cancelled leaves the item to the next getter (test_get_cancelled_race)", async () => {
    const queue = new Queue<string>();
    const first = inTask(() => queue.get());
    const second = inTask(() => queue.get());
    await sleep(0);
    queue.putNowait("item");
    first.cancel();
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    expect(await second).toBe("item");
  });

  test("a cancelled putter puts nothing and lets the next putter in (test_put_cancelled_race)", async () => {
    const queue = new Queue<string>(1);
    queue.putNowait("full");
    const first = inTask(() => queue.put("first"));
    const second = inTask(() => queue.put("second"));
    await sleep(0);
    first.cancel();
    await expect(first).rejects.toBeInstanceOf(CancelledError);
    expect(queue.getNowait()).toBe("full");
    await second;
    expect([queue.getNowait(), queue.qsize()]).toEqual(["second", 0]);
  });
});

describe("asyncio.PriorityQueue and asyncio.LifoQueue", () => {
  test("PriorityQueue gives the smallest first, [priority, data] tuples ordered as Python's", async () => {
    const queue = new PriorityQueue<[number, string]>();
    for (const entry of [
      [3, "c"],
      [1, "a"],
      [2, "b"],
      [1, "0"],
    ] as [number, string][])
      queue.putNowait(entry);
    const out = [];
    while (!queue.empty()) out.push(await queue.get());
    expect(out).toEqual([
      [1, "0"],
      [1, "a"],
      [2, "b"],
      [3, "c"],
    ]);
  });

  test("PriorityQueue takes a compare function", async () => {
    const queue = new PriorityQueue<{ due: number }>(0, { compare: (a, b) => b.due - a.due });
    [1, 3, 2].forEach((due) => queue.putNowait({ due }));
    expect([queue.getNowait().due, queue.getNowait().due, queue.getNowait().due]).toEqual([3, 2, 1]);
  });

  test("LifoQueue gives the most recent first", async () => {
    const queue = new LifoQueue<number>();
    [1, 2, 3].forEach((n) => queue.putNowait(n));
    expect([await queue.get(), await queue.get(), await queue.get()]).toEqual([3, 2, 1]);
  });
});
