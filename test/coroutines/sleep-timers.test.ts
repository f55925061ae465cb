import { createTask, gather, sleep } from "../../src/coroutines";
import { cancelLeftovers } from "./capture";

afterEach(cancelLeftovers);

const timeouts = (): number => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;

describe("sleep tasks started together share timers", () => {
  test("a gather of a thousand sleeps uses a few Node timers, and no sleep ends before its time", async () => {
    const before = timeouts();
    const tasks = Array.from({ length: 1000 }, (_, i) => createTask(sleep(0.05, i)));
    await Promise.resolve(); // the loop starts them on a microtask
    expect(timeouts() - before).toBeLessThan(50);
    expect(await gather(tasks)).toEqual(tasks.map((_, i) => i));
    for (const task of tasks) expect(task.endTime! - task.startTime!).toBeGreaterThanOrEqual(0.049); // Node's timers round to 1 ms
  });

  test("their done callbacks run in the order the tasks were created", async () => {
    const order: number[] = [];
    const tasks = Array.from({ length: 100 }, () => createTask(sleep(0.01)));
    tasks.forEach((task, i) => task.addDoneCallback(() => order.push(i)));
    await gather(tasks);
    expect(order).toEqual(tasks.map((_, i) => i));
  });

  test("cancelling every sleep of a shared timer stops that timer, so it no longer keeps Node alive", async () => {
    const before = timeouts();
    const tasks = Array.from({ length: 100 }, () => createTask(sleep(3600)));
    await Promise.resolve();
    expect(timeouts()).toBeGreaterThan(before);
    for (const task of tasks) task.cancel();
    expect(await gather(tasks, { returnExceptions: true })).toHaveLength(100);
    expect(tasks.every((task) => task.cancelled())).toBe(true);
    expect(timeouts()).toBe(before);
  });

  test("a cancelled sleep leaves the others of its timer ringing", async () => {
    const tasks = Array.from({ length: 10 }, (_, i) => createTask(sleep(0.02, i)));
    await Promise.resolve();
    tasks[3].cancel();
    const results = await gather(tasks, { returnExceptions: true });
    expect(results.filter((r) => typeof r === "number")).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9]);
    expect(tasks[3].cancelled()).toBe(true);
  });
});
