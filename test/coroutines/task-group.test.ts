// asyncio.TaskGroup and ExceptionGroup: the cases of CPython's test_asyncio/test_taskgroups.py for
// results, a failing child cancelling its siblings and the body, and a finished group.
import { CancelledError, ExceptionGroup, RuntimeError, sleep, type Task, TaskGroup, taskGroup } from "../../src/coroutines";
import { cancelLeftovers, inTask } from "./capture";

afterEach(cancelLeftovers);

describe("asyncio.TaskGroup", () => {
  test("the function form waits for every task and gives the body's result (test_taskgroup_01)", async () => {
    const [t1, t2] = await taskGroup(async (tg) => [tg.createTask(sleep(0.02, 42)), tg.createTask(sleep(0.01, 11))]);
    expect([t1.result(), t2.result()]).toEqual([42, 11]);
  });

  test("a failing child cancels its siblings (their finally runs) and the body; an ExceptionGroup has the failure (test_taskgroup_02)", async () => {
    const log: string[] = [];
    const run = taskGroup(async (tg) => {
      tg.createTask(async () => {
        try {
          await sleep(5);
        } finally {
          log.push("sibling cleaned up");
        }
      });
      tg.createTask(async () => {
        await sleep(0.01);
        throw new Error("child failed");
      });
      try {
        await sleep(5);
      } catch (error) {
        log.push(`body got ${(error as Error).name}`);
        throw error;
      }
    });
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ExceptionGroup);
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as ExceptionGroup).exceptions.map((e) => (e as Error).message)).toEqual(["child failed"]);
    expect(String((error as ExceptionGroup).__str__())).toBe("unhandled errors in a TaskGroup (1 sub-exception)");
    expect(log.sort()).toEqual(["body got CancelledError", "sibling cleaned up"]);
  });

  test("a sibling that fails while being cancelled adds its own error to the group", async () => {
    const error = (await taskGroup(async (tg) => {
      tg.createTask(async () => {
        await sleep(0.01);
        throw new Error("one");
      });
      tg.createTask(async () => {
        try {
          await sleep(5);
        } finally {
          // eslint-disable-next-line no-unsafe-finally -- the case under test: cleanup that fails
          throw new Error("two");
        }
      });
    }).then(
      () => undefined,
      (e: unknown) => e,
    )) as ExceptionGroup;
    expect(error.exceptions.map((e) => (e as Error).message).sort()).toEqual(["one", "two"]);
  });

  test("`await using` waits for the tasks at the end of the block; a finished group refuses new tasks", async () => {
    let group: TaskGroup | undefined;
    let late: Task<string> | undefined;
    await inTask(async () => {
      await using tg = new TaskGroup();
      group = tg;
      late = tg.createTask(sleep(0.01, "late"));
      expect(late.done()).toBe(false);
    });
    expect(late!.result()).toBe("late");
    expect(() => group!.createTask(sleep(0))).toThrow(RuntimeError);
  });

  test("cancelling the task that owns the group cancels the children and ends in CancelledError", async () => {
    const child: { cancelled?: boolean } = {};
    const owner = inTask(() =>
      taskGroup(async (tg) => {
        const task = tg.createTask(sleep(5));
        task.addDoneCallback((t) => (child.cancelled = t.cancelled()));
        await sleep(5);
      }),
    );
    await sleep(0.01);
    owner.cancel();
    await expect(owner).rejects.toBeInstanceOf(CancelledError);
    expect(child.cancelled).toBe(true);
  });
});
