// Test helpers: collects what the code under test writes to process.stdout (print writes there),
// times awaits, and cancels tasks a test left behind.
import { allTasks, coroutine, createTask, type Task } from "../../src/coroutines";

/** Starts capturing stdout; `text()` returns what was written, `restore()` ends the capture. */
export function captureStdout(): { text(): string; lines(): string[]; restore(): void } {
  const chunks: string[] = [];
  const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return true;
  });
  return {
    text: () => chunks.join(""),
    lines: () =>
      chunks
        .join("")
        .split("\n")
        .filter((line) => line !== ""),
    restore: () => spy.mockRestore(),
  };
}

/** Seconds elapsed while awaiting `fn`. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/** Cancels the tasks still pending on the default loop, so no timer outlives a test. */
export function cancelLeftovers(): void {
  for (const task of allTasks()) task.cancel();
}

/** Captures stdout around every test of the file and cancels leftovers after each; read it via `.out`. */
export function captureEachTest(): { out: ReturnType<typeof captureStdout> } {
  const holder = {} as { out: ReturnType<typeof captureStdout> };
  beforeEach(() => {
    holder.out = captureStdout();
  });
  afterEach(() => {
    holder.out.restore();
    cancelLeftovers();
  });
  return holder;
}

/** Runs `body` as a task (waiters of queues and locks belong to tasks, and cancel() reaches them there). */
export function inTask<T>(body: () => PromiseLike<T>): Task<T> {
  return createTask(coroutine(body)());
}
