// 1,000 execute_requests sent at once (no wait between sends) are answered in send order: counts
// 1..1000 ascending, each its own result, each wrapped in its own busy … idle (parented to it)
// with its reply before its idle, and one cell's idle before the next cell's busy.
import type { KernelClient } from "../../src/client/kernel-client";
import { withTimeout } from "../../src/client/kernel-client";
import type { Envelope } from "../../src/protocol/message";
import { sendExecute } from "../support/bounds";
import { plain, startKernel, textOf } from "../support/kernel";

let kernel: KernelClient;
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());

const parentId = (m: Envelope) => (m.parent_header as { msg_id?: string }).msg_id;

test("1,000 executes sent at once are answered in order, each with its own busy … reply … idle", async () => {
  const N = 1000;
  const iopub: Envelope[] = [];
  const off = kernel.onIopub((m) => void iopub.push(m));
  let arrivals = 0;
  const replyAt = new Map<string, number>();
  const idleAt = new Map<string, number>();
  const replyOrder: string[] = [];
  const started = performance.now();
  const ids = Array.from({ length: N }, (_, i) => sendExecute(kernel, `${i} * 2`, { stop_on_error: false }).header.msg_id);
  const replies = await withTimeout(
    Promise.all(
      ids.map((id) => {
        void kernel.idleOf(id).then(() => idleAt.set(id, ++arrivals));
        return kernel.reply(id).then((reply) => {
          replyAt.set(id, ++arrivals);
          replyOrder.push(id);
          return reply;
        });
      }),
    ),
    120_000,
    "1,000 replies",
  );
  while (idleAt.size < N && performance.now() - started < 120_000) await new Promise((r) => setTimeout(r, 20)); // the last idles
  const seconds = (performance.now() - started) / 1000;
  off();
  console.log(`1,000 queued executes: all replies and idles after ${seconds.toFixed(2)} s (${Math.round(N / seconds)} cells/s)`);

  expect(replyOrder).toEqual(ids); // replies in send order
  expect(replies.map((r) => r.content.status)).toEqual(Array(N).fill("ok"));
  const counts = replies.map((r) => r.content.execution_count as number);
  const first = counts[0];
  expect(counts).toEqual(Array.from({ length: N }, (_, i) => first + i)); // ascending by one
  expect(first).toBe(1); // no cell ran before: ready() sends only kernel_info

  const byParent = new Map<string, Envelope[]>();
  for (const m of iopub) {
    const id = parentId(m);
    if (id) (byParent.get(id) ?? byParent.set(id, []).get(id)!).push(m);
  }
  const shapes = ids.map((id, i) => {
    const mine = byParent.get(id) ?? [];
    const result = mine.find((m) => m.header.msg_type === "execute_result");
    return {
      types: mine.map((m) => (m.header.msg_type === "status" ? `status:${textOf(m.content, "execution_state")}` : m.header.msg_type)),
      result: plain(result),
      count: result?.content.execution_count,
      i,
    };
  });
  expect(shapes).toEqual(
    ids.map((_, i) => ({
      types: ["status:busy", "execute_input", "execute_result", "status:idle"],
      result: String(i * 2),
      count: i + 1,
      i,
    })),
  );
  // Every request got its reply and its idle. Which of the two a client reads first is not the
  // kernel's to decide: they travel on two sockets that the client reads independently (with 1,000
  // queued, a busy client reads whichever is ready). The kernel sends the idle only after the reply
  // is handed to ZeroMQ: the session ring tests that order.
  expect(ids.filter((id) => !replyAt.has(id) || !idleAt.has(id))).toEqual([]);

  // Serial: in iopub order, busy(1) idle(1) busy(2) idle(2) … for these requests.
  const index = new Map(ids.map((id, i) => [id, i]));
  const statuses = iopub
    .filter((m) => m.header.msg_type === "status" && index.has(parentId(m)!))
    .map((m) => `${index.get(parentId(m)!)}:${textOf(m.content, "execution_state")}`);
  expect(statuses).toEqual(ids.flatMap((_, i) => [`${i}:busy`, `${i}:idle`]));
}, 150_000);
