// The coroutine layer's toolbox through the real kernel process: cells type-checked against the
// asyncio global, a queue with consumers limited by a semaphore, a TaskGroup whose failure cancels
// its siblings, a timeout, a cancelled task whose finally prints on the cell that started it, a
// subprocess read line by line and a loopback TCP server.
import type { KernelClient } from "../../src/client/kernel-client";
import { ofType, startKernel, streamText } from "../support/kernel";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
}, 30_000);
afterAll(async () => kernel?.shutdown());

async function run(code: string) {
  const { reply, messages } = await kernel.execute(code, {}, 20_000);
  return { content: reply.content, stdout: streamText(messages), errors: ofType(messages, "error").map((m) => m.content) };
}

it("type-checks the toolbox: a Queue<number> refuses a string", async () => {
  const { content } = await run('const typed = new asyncio.Queue<number>();\ntyped.putNowait("seven");');
  expect(content).toMatchObject({ status: "error", ename: "TSError" });
  expect(String(content.evalue)).toContain("'string' is not assignable to parameter of type 'number'");
});

it("consumers take a queue's items at most two at a time under a Semaphore; join() waits for them all", async () => {
  const code = [
    "const jobs = new asyncio.Queue<number>();",
    "const slots = new asyncio.Semaphore(2);",
    "let busy = 0, most = 0;",
    "const done: number[] = [];",
    "const workers = [1, 2, 3].map(() => asyncio.createTask(asyncio.coroutine(async () => {",
    "  for (;;) {",
    "    const job = await jobs.get();",
    "    await using _slot = await slots.acquire();",
    "    most = Math.max(most, ++busy);",
    "    await asyncio.sleep(0.01);",
    "    busy--; done.push(job); jobs.taskDone();",
    "  }",
    "})()));",
    "for (let i = 0; i < 6; i++) await jobs.put(i);",
    "await jobs.join();",
    "workers.forEach((w) => w.cancel());",
    "print(most, done.sort().join(','));",
  ].join("\n");
  const { content, stdout } = await run(code);
  expect(content.status).toBe("ok");
  expect(stdout).toBe("2 0,1,2,3,4,5\n");
});

it("a failing TaskGroup child cancels its sibling (whose finally prints) and the cell gets an ExceptionGroup", async () => {
  const code = [
    "await asyncio.taskGroup(async (tg) => {",
    "  tg.createTask(async () => { try { await asyncio.sleep(5); } finally { print('sibling cancelled'); } });",
    "  tg.createTask(async () => { await asyncio.sleep(0.01); throw new Error('child failed'); });",
    "});",
  ].join("\n");
  const { content, stdout } = await run(code);
  expect(content).toMatchObject({ status: "error", ename: "ExceptionGroup" });
  expect(stdout).toBe("sibling cancelled\n");
});

it("a timeout ends a slow body with TimeoutError on the cell; a cancelled task's finally prints on its cell", async () => {
  const slow = await run("await asyncio.timeout(0.05, () => asyncio.sleep(5));");
  expect(slow.content).toMatchObject({ status: "error", ename: "TimeoutError" });
  const cancelled = await run(
    [
      "const sleeper = asyncio.createTask(asyncio.coroutine(async () => { try { await asyncio.sleep(5); } finally { print('cleaned up'); } })());",
      "await asyncio.sleep(0.01);",
      "sleeper.cancel('enough');",
      "let outcome = 'finished';",
      "try { await sleeper; } catch (e) { outcome = `${(e as Error).name}: ${(e as Error).message}`; }",
      "print(outcome, sleeper.cancelled());",
    ].join("\n"),
  );
  expect({ status: cancelled.content.status, evalue: cancelled.content.evalue }).toEqual({ status: "ok", evalue: undefined });
  expect(cancelled.stdout).toBe("cleaned up\nCancelledError: enough True\n");
});

it("a subprocess's lines and a loopback server's replies are read in cells, the output on the cell", async () => {
  const child = await run(
    [
      "const child = await asyncio.createSubprocessShell('echo one; sleep 0.2; echo two', { stdout: asyncio.subprocess.PIPE });",
      "for await (const line of child.stdout!) print('got', String(line).trim());",
      "print('exit', await child.wait());",
    ].join("\n"),
  );
  expect(child.content.status).toBe("ok");
  expect(child.stdout).toBe("got one\ngot two\nexit 0\n");
  const server = await run(
    [
      "await using server = await asyncio.startServer(async (reader, writer) => { writer.write(`hi ${String(await reader.readline())}`); writer.close(); }, '127.0.0.1', 0);",
      "const [reader, writer] = await asyncio.openConnection(...server.address());",
      "writer.write('kernel\\n');",
      "print(String(await reader.readline()).trim());",
    ].join("\n"),
  );
  expect({ status: server.content.status, evalue: server.content.evalue }).toEqual({ status: "ok", evalue: undefined });
  expect(server.stdout).toBe("hi kernel\n");
});
