// A second client that connects after some cells ran (as a second JupyterLab tab or a console
// attaching to a running kernel): once its iopub subscription is live, it sees the stream output
// of the cells the first client runs, parented to those cells, and the kernel answers it too.
import { KernelClient } from "../../src/client/kernel-client";
import type { Envelope } from "../../src/protocol/message";
import { sleep } from "../support/bounds";
import { ofType, plain, startKernel, streamText } from "../support/kernel";

let first: KernelClient;
let second: KernelClient | undefined;
beforeAll(async () => {
  first = await startKernel();
});
afterAll(async () => {
  second?.close();
  await first?.shutdown();
});

const parentId = (m: Envelope) => (m.parent_header as { msg_id?: string }).msg_id;

test("a client attaching later gets the output of the cells that run after it joined, and its own replies", async () => {
  for (let i = 0; i < 3; i++) await first.execute(`console.log("before ${i}"); var beforeJoin${i} = ${i}`, {}, 20_000);

  const attaching = performance.now();
  second = await KernelClient.attach(first.connection);
  const seenBySecond: Envelope[] = [];
  second.onIopub((m) => void seenBySecond.push(m));
  // The slow-joiner gap: wait until the subscription delivers a status message before starting.
  const info = await second.ready(20_000);
  expect(info.content).toMatchObject({ status: "ok", implementation: "tsloop" });
  expect(seenBySecond.some((m) => m.header.msg_type === "status")).toBe(true);
  const joinedAt = seenBySecond.length;
  console.log(`second client: iopub live and kernel_info answered ${Math.round(performance.now() - attaching)} ms after attaching`);

  const runs = [];
  for (let i = 0; i < 3; i++) {
    runs.push(await first.execute(`console.log("after ${i}"); setTimeout(() => console.log("late ${i}"), 50); beforeJoin${i} + 10`, {}, 20_000));
  }
  await sleep(300); // the late lines
  const afterJoin = seenBySecond.slice(joinedAt);
  for (const [i, run] of runs.entries()) {
    const id = parentId(run.reply);
    const mine = afterJoin.filter((m) => parentId(m) === id);
    expect({
      stdout: streamText(mine),
      result: plain(ofType(mine, "execute_result")[0]),
      states: ofType(mine, "status").map((m) => m.content.execution_state),
    }).toEqual({ stdout: `after ${i}\nlate ${i}\n`, result: String(i + 10), states: ["busy", "idle"] });
  }
  // Nothing of what ran before it joined is replayed to it.
  expect(streamText(seenBySecond)).not.toMatch(/before \d/);

  // The second client runs a cell of its own and sees the first client's state.
  const own = await second.execute("beforeJoin2 * 2", {}, 20_000);
  expect(plain(ofType(own.messages, "execute_result")[0])).toBe("4");
  const control = await second.request("control", "kernel_info_request", {}, 20_000);
  expect(control.reply.content.implementation).toBe("tsloop");
}, 60_000);
