import { asCompleted, CancelledError, coroutine, gather, getEventLoop, sleep, TimeoutError } from "../../src/coroutines";
import { cancelLeftovers, timed } from "./capture";

const after = coroutine(async function after(seconds: number, value: string | number) {
  await sleep(seconds);
  return value;
});
const failAfter = coroutine(async function failAfter(seconds: number, message: string) {
  await sleep(seconds);
  throw new Error(message);
});

afterEach(cancelLeftovers);

describe("asyncio.gather", () => {
  test("results come in argument order, not completion order, and run concurrently", async () => {
    const { value, seconds } = await timed(async () => await gather(after(0.1, "slow"), after(0.02, "fast"), sleep(0.05, 3)));
    expect(value).toEqual(["slow", "fast", 3]);
    expect(seconds).toBeLessThan(0.2);
  });

  test("the first exception propagates; the other children keep running", async () => {
    const slow = getEventLoop().createTask(after(0.08, "slow"));
    await expect(gather(slow, failAfter(0.01, "boom"))).rejects.toThrow("boom");
    expect(slow.done()).toBe(false);
    expect(await slow).toBe("slow");
  });

  test("return_exceptions=True puts exceptions in the results", async () => {
    const results = await gather(after(0.01, 1), failAfter(0.01, "bad"), { returnExceptions: true });
    expect(results[0]).toBe(1);
    expect(results[1]).toBeInstanceOf(Error);
    expect(results[1].message).toBe("bad");
  });

  test("gather() with nothing gives []; gather schedules at once (not lazy)", async () => {
    expect(await gather()).toEqual([]);
    const log: string[] = [];
    const mark = coroutine(async () => {
      log.push("ran");
    });
    gather(mark());
    await sleep(0.01);
    expect(log).toEqual(["ran"]);
  });

  test("cancelling the gather cancels its children and raises CancelledError", async () => {
    const child = getEventLoop().createTask(sleep(5));
    const outer = gather(child, sleep(5));
    await sleep(0.01);
    expect(outer.cancel()).toBe(true);
    await expect(outer).rejects.toBeInstanceOf(CancelledError);
    expect(child.cancelled()).toBe(true);
  });
});

describe("asyncio.gather over an array or other iterable", () => {
  test("gather(array) gives the results in array order, as gather(...array) does", async () => {
    expect(await gather([after(0.03, "a"), sleep(0.01, "b"), after(0.02, 3)])).toEqual(["a", "b", 3]);
  });

  test("gather takes a Set or any iterable that is not a generator coroutine", async () => {
    expect(await gather(new Set([sleep(0, 1), sleep(0, 2)]))).toEqual([1, 2]);
    const twoSleeps = {
      *[Symbol.iterator]() {
        yield sleep(0, "x");
        yield sleep(0, "y");
      },
    };
    expect(await gather(twoSleeps)).toEqual(["x", "y"]);
  });

  test("gather(array, { returnExceptions: true }) puts the failures in their places", async () => {
    const results = await gather([failAfter(0.01, "bad"), after(0.01, "good")], { returnExceptions: true });
    expect(results[0]).toMatchObject({ message: "bad" });
    expect(results[1]).toBe("good");
  });

  test("an awaitable given twice runs once and fills both places (Python's arg_to_fut)", async () => {
    let runs = 0;
    const once = coroutine(async () => ++runs)();
    const promise = Promise.resolve("p");
    expect(await gather([once, promise, once, promise])).toEqual([1, "p", 1, "p"]);
    expect(runs).toBe(1);
  });

  test("an array longer than any argument list (200,000 coroutines) is gathered in order", async () => {
    const values = await gather(Array.from({ length: 200_000 }, (_, i) => sleep(0, i)));
    expect(values.length).toBe(200_000);
    expect(values.every((value, i) => value === i)).toBe(true);
  });

  test("an empty array gives []", async () => {
    expect(await gather([])).toEqual([]);
  });
});

describe("asyncio.as_completed", () => {
  test("yields awaitables that give results in completion order", async () => {
    const order: (string | number)[] = [];
    for (const next of asCompleted([after(0.09, "c"), after(0.01, "a"), after(0.05, "b")])) {
      order.push(await next);
    }
    expect(order).toEqual(["a", "b", "c"]);
  });

  test("for await over as_completed also gives completion order", async () => {
    const order: (string | number)[] = [];
    // eslint-disable-next-line @typescript-eslint/await-thenable -- `for await` over the array of coroutines (Python's `async for`) is the case under test
    for await (const value of asCompleted([after(0.04, 2), after(0.01, 1)])) order.push(value);
    expect(order).toEqual([1, 2]);
  });

  test("with a timeout, the awaitables not done in time raise TimeoutError", async () => {
    const [first, second] = asCompleted([after(0.01, "quick"), after(2, "too slow")], { timeout: 0.1 });
    expect(await first).toBe("quick");
    const { seconds } = await timed(async () => {
      await expect(second).rejects.toBeInstanceOf(TimeoutError);
    });
    expect(seconds).toBeLessThan(0.5);
  });

  test("takes any iterable: a generator of coroutines gives them in completion order", async () => {
    function* inputs() {
      yield after(0.03, "late");
      yield after(0.01, "early");
    }
    const order = [];
    for (const next of asCompleted(inputs())) order.push(await next);
    expect(order).toEqual(["early", "late"]);
  });

  test("an exception is raised by the awaitable of the failed one", async () => {
    const [first, second] = asCompleted([failAfter(0.01, "early"), after(0.03, "late")]);
    await expect(first).rejects.toThrow("early");
    expect(await second).toBe("late");
  });
});
