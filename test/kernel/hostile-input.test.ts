// Hostile input over the real sockets, on shell and on control: unsigned, forged, replayed,
// truncated and type-confused messages, unknown message types, 100 MB frames and 10,000 fuzzed
// frame sets. After each group the kernel process is alive, answers kernel_info, and nothing the
// bad messages carried ran (the execution count did not advance, no global was set). Validly
// signed execute/complete requests whose content has wrong types get a BadRequest error reply.
import type { KernelClient, RequestChannelName } from "../../src/client/kernel-client";
import { withTimeout } from "../../src/client/kernel-client";
import { DELIMITER, encode } from "../../src/protocol/codec";
import { childOf } from "../../src/protocol/header";
import type { Envelope, Message } from "../../src/protocol/message";
import { Signer } from "../../src/protocol/signature";
import { sleep } from "../support/bounds";
import { ofType, plain, startKernel, textOf, types } from "../support/kernel";

let kernel: KernelClient & { stderr: string[] };
const seen: Envelope[] = [];
/** The execution count of the last check cell (see expectNothingRan). */
let lastCount = 0;

beforeAll(async () => {
  kernel = await startKernel();
  kernel.onIopub((m) => void seen.push(m));
  const first = await kernel.execute("'ready'", {}, 20_000);
  lastCount = first.reply.content.execution_count as number;
}, 30_000);
afterAll(async () => {
  if (process.env.SHOW_STDERR) console.log(kernel.stderr.join(""));
  await kernel?.shutdown();
});

const CHANNELS: RequestChannelName[] = ["shell", "control"];
/** What a malicious cell would run: a later check cell sees whether it did. */
const PWN = "// @tsloop-check off\n(globalThis as any).pwned = ((globalThis as any).pwned ?? 0) + 1; 'pwned'";
const executeContent = (code = PWN) => ({ code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: false });
const parentId = (m: Envelope) => (m.parent_header as { msg_id?: unknown }).msg_id;
const summary = (m: Envelope) =>
  `${m.header.msg_type}${m.content.execution_state ? `:${textOf(m.content, "execution_state")}` : ""}${m.content.text !== undefined ? ` ${JSON.stringify(textOf(m.content, "text").slice(0, 120))}` : ""} (parent ${JSON.stringify(parentId(m))})`;
/** The msg_id in the header part of `parts`: whatever the test put there, or undefined if it took it out. */
const headerId = (parts: string[]) => (JSON.parse(parts[0]) as { msg_id?: unknown }).msg_id;

function message(msgType: string, content: Record<string, unknown> = executeContent()): Message {
  return childOf(undefined, msgType, content, kernel.identity);
}

/** Frames of four JSON texts, signed with `signer` (default: the right key and scheme). */
function signedFrames(parts: string[], signer: Signer = kernel.signer): Buffer[] {
  const buffers = parts.map((p) => Buffer.from(p));
  return [DELIMITER, Buffer.from(signer.sign(buffers)), ...buffers];
}

/** The four JSON parts of a valid execute_request, with `change` applied to a copy of the header. */
function partsWith(change: (header: Record<string, unknown>) => void, msgType = "execute_request"): string[] {
  const m = message(msgType);
  const header = { ...m.header } as Record<string, unknown>;
  change(header);
  return [JSON.stringify(header), "{}", "{}", JSON.stringify(m.content)];
}

/**
 * Sends each frame set on `channel`, then a kernel_info_request there (the probe), which must be
 * answered; waits a little more for anything late. Returns what came back that was not the probe's:
 * iopub messages, and replies to any of the `watch` msg_ids.
 */
async function sendGroup(channel: RequestChannelName, frameSets: Buffer[][], watch: unknown[] = [], probeTimeoutMs = 20_000) {
  const from = seen.length;
  const replies: Envelope[] = [];
  for (const id of watch) void kernel.reply(id as string).then((r) => replies.push(r));
  for (const frames of frameSets) await kernel.sendRaw(channel, frames);
  const probe = kernel.send(channel, "kernel_info_request", {});
  const { reply } = await kernel.outcomeOf(probe.header.msg_id, probeTimeoutMs);
  expect(reply.content).toMatchObject({ status: "ok", implementation: "tsloop" });
  await sleep(300); // control forwards some types to the main thread: give a stray answer time to show
  const stray = seen.slice(from).filter((m) => parentId(m) !== probe.header.msg_id);
  return { stray: stray.map(summary), replies: replies.map(summary) };
}

/** Dropped: nothing on iopub, no reply. */
function expectDropped(result: { stray: string[]; replies: string[] }): void {
  expect(result).toEqual({ stray: [], replies: [] });
}

// Each test starts from a known count with no global set, so one failure does not cascade.
beforeEach(async () => {
  const { reply } = await kernel.execute("delete (globalThis as any).pwned", {}, 20_000);
  lastCount = reply.content.execution_count as number;
});

/** What ran since the last check: whether a bad message set the global, how many cells counted. */
async function ranSince(): Promise<{ pwned: string | undefined; cellsCounted: number; alive: boolean }> {
  const alive = kernel.process!.exitCode === null && kernel.process!.signalCode === null;
  const { reply, messages } = await kernel.execute("const ran = typeof (globalThis as any).pwned; delete (globalThis as any).pwned; ran", {}, 20_000);
  const count = reply.content.execution_count as number;
  const cellsCounted = count - lastCount - 1; // the check cell itself counts once
  lastCount = count;
  return { pwned: plain(ofType(messages, "execute_result")[0]), cellsCounted, alive };
}

const NOTHING_RAN = { pwned: "'undefined'", cellsCounted: 0, alive: true };

/** The kernel process lives, and no bad message ran: the count moved by this cell only, no global set. */
async function expectNothingRan(): Promise<void> {
  expect(await ranSince()).toEqual(NOTHING_RAN);
}

describe.each(CHANNELS)("on %s: signatures and framing", (channel) => {
  const forged = (signer: Signer) => () => {
    const m = message("execute_request");
    return { frames: [encode(m, signer)], watch: [m.header.msg_id] };
  };

  it.each([
    ["unsigned", forged(new Signer(""))],
    ["signed with a wrong key", forged(new Signer("not-the-key"))],
    ["signed with hmac-md5 (the kernel uses hmac-sha256)", () => forged(new Signer(kernel.connection.key, "hmac-md5"))()],
    ["signed with hmac-sha512 (the kernel uses hmac-sha256)", () => forged(new Signer(kernel.connection.key, "hmac-sha512"))()],
    [
      "with the signature of another message",
      () => {
        const other = encode(message("kernel_info_request", {}), kernel.signer);
        const m = message("execute_request");
        const frames = encode(m, kernel.signer);
        frames[1] = other[1];
        return { frames: [frames], watch: [m.header.msg_id] };
      },
    ],
  ])("drops a message %s; nothing runs", async (_, make) => {
    const { frames, watch } = make();
    expectDropped(await sendGroup(channel, frames, watch));
    await expectNothingRan();
  });

  it("drops a replayed request, sent again verbatim and again behind another routing identity", async () => {
    // On shell an execute (it runs once), on control a kernel_info (answered once).
    const count = "(globalThis as any).replayedOnShell ?? 0";
    const probe = await kernel.execute(count);
    lastCount = probe.reply.content.execution_count as number;
    const before = Number(plain(ofType(probe.messages, "execute_result")[0]));
    const original =
      channel === "shell"
        ? message("execute_request", executeContent("(globalThis as any).replayedOnShell = ((globalThis as any).replayedOnShell ?? 0) + 1"))
        : message("kernel_info_request", {});
    const frames = encode(original, kernel.signer);
    // Listen before sending: control answers kernel_info from the io thread, fast enough to beat us.
    const outcome = kernel.outcomeOf(original.header.msg_id, 20_000);
    await kernel.sendRaw(channel, frames);
    const first = await outcome;
    expect(first.reply.content.status).toBe("ok");
    if (first.reply.content.execution_count !== undefined) lastCount = first.reply.content.execution_count as number;
    expectDropped(await sendGroup(channel, [frames, [Buffer.from("another-client"), ...frames]], [original.header.msg_id]));
    await expectNothingRan();
    const { reply, messages } = await kernel.execute(count);
    lastCount = reply.content.execution_count as number;
    expect(plain(ofType(messages, "execute_result")[0])).toBe(String(channel === "shell" ? before + 1 : before));
  });

  it("drops truncated frame sets: no delimiter, fewer than 5 frames after it, a lone delimiter", async () => {
    const m = message("execute_request");
    const valid = encode(m, kernel.signer);
    const sets = [
      valid.slice(1), // no delimiter
      [Buffer.from("garbage")],
      [Buffer.alloc(0)],
      [DELIMITER],
      valid.slice(0, 2),
      valid.slice(0, 5), // delimiter, signature and 3 of the 4 JSON frames
      [Buffer.from("routing"), ...valid.slice(0, 4)],
    ];
    expectDropped(await sendGroup(channel, sets, [m.header.msg_id]));
    await expectNothingRan();
  });

  it.each([
    ["not JSON", "{oops"],
    ["an array", "[]"],
    ["a string", '"x"'],
    ["null", "null"],
    ["a number", "42"],
  ])("drops a validly signed message whose header is %s", async (_, header) => {
    expectDropped(await sendGroup(channel, [signedFrames([header, "{}", "{}", JSON.stringify(executeContent())])]));
    await expectNothingRan();
  });

  it.each(["msg_id", "msg_type"])("drops a validly signed message whose header lacks %s", async (field) => {
    const parts = partsWith((h) => delete h[field]);
    expectDropped(await sendGroup(channel, [signedFrames(parts)], [headerId(parts)]));
    await expectNothingRan();
  });
});

describe.each(CHANNELS)("on %s: validly signed messages with fields of the wrong type are dropped", (channel) => {
  const headerCases: [string, unknown][] = [];
  for (const field of ["msg_id", "session", "date", "username", "msg_type"]) {
    headerCases.push([field, 123], [field, { value: "x" }]);
  }

  it.each(headerCases)("header.%s = %j: no reply, no status, nothing runs", async (field, value) => {
    const parts = partsWith((h) => (h[field] = value));
    const id = headerId(parts);
    expectDropped(await sendGroup(channel, [signedFrames(parts)], [id]));
    await expectNothingRan();
  });

  it.each([
    ["parent_header", 1, "[]"],
    ["parent_header", 1, '"x"'],
    ["parent_header", 1, "5"],
    ["metadata", 2, "[]"],
    ["metadata", 2, '"x"'],
    ["metadata", 2, "null"],
    ["content", 3, "[]"],
    ["content", 3, JSON.stringify(JSON.stringify(executeContent()))],
    ["content", 3, "7"],
    ["content", 3, "null"],
  ])("%s = %s (not an object): no reply, no status, nothing runs", async (_, index, text) => {
    const parts = partsWith(() => undefined);
    const id = headerId(parts);
    parts[index] = text;
    expectDropped(await sendGroup(channel, [signedFrames(parts)], [id]));
    await expectNothingRan();
  });
});

/** Sends a validly signed request; resolves with its reply and its iopub messages. (Which of reply
 * and idle a client reads first is not observable: two sockets; the session ring tests the order.) */
async function ordered(channel: RequestChannelName, msgType: string, content: Record<string, unknown>) {
  const sent = kernel.send(channel, msgType, content);
  const id = sent.header.msg_id;
  const messages: Envelope[] = [];
  const off = kernel.onIopub((m) => void (parentId(m) === id && messages.push(m)));
  try {
    const [reply] = await withTimeout(Promise.all([kernel.reply(id), kernel.idleOf(id)]), 20_000, `reply and idle of ${msgType}`);
    return { reply, messages };
  } finally {
    off();
  }
}

describe("validly signed requests whose content fields have wrong types get a BadRequest reply", () => {
  it.each([
    ["code", { code: 123 }],
    ["code", { code: { toString: "globalThis.pwned = 1" } }],
    ["code", { code: ["globalThis.pwned = 1"] }],
    ["silent", { silent: "yes" }],
    ["store_history", { store_history: "no" }],
    ["user_expressions", { user_expressions: ["globalThis.pwned = 1"] }],
  ])("execute_request with a bad %s (%j): busy, error reply naming it, idle; the code does not run", async (field, change) => {
    const { reply, messages } = await ordered("shell", "execute_request", { ...executeContent(), ...change });
    expect({
      reply: reply.header.msg_type,
      status: reply.content.status,
      ename: reply.content.ename,
      evalueNamesTheField: String(reply.content.evalue).includes(field),
      first: messages[0].content.execution_state,
      last: messages[messages.length - 1].content.execution_state,
      others: types(messages)
        .slice(1, -1)
        .filter((t) => t !== "error"), // no execute_input, stream or result
      ...(await ranSince()),
    }).toEqual({
      reply: "execute_reply",
      status: "error",
      ename: "BadRequest",
      evalueNamesTheField: true,
      first: "busy",
      last: "idle",
      others: [],
      ...NOTHING_RAN,
    });
  });

  it.each([
    ["cursor_pos", { code: "Math.fl", cursor_pos: "x" }],
    ["code", { code: 5, cursor_pos: 1 }],
  ])("complete_request with a bad %s (%j): busy, error reply naming it, idle", async (field, content) => {
    const { reply, messages } = await ordered("shell", "complete_request", content);
    expect({
      reply: reply.header.msg_type,
      status: reply.content.status,
      ename: reply.content.ename,
      evalueNamesTheField: String(reply.content.evalue).includes(field),
      iopub: messages.map((m) => `${m.header.msg_type}:${textOf(m.content, "execution_state")}`),
      ...(await ranSince()),
    }).toEqual({
      reply: "complete_reply",
      status: "error",
      ename: "BadRequest",
      evalueNamesTheField: true,
      iopub: ["status:busy", "status:idle"],
      ...NOTHING_RAN,
    });
  });
});

describe.each(CHANNELS)("on %s: 100 MB frames", (channel) => {
  const HUNDRED_MB = 100 * 1024 * 1024;

  it.each([
    [
      "an unsigned message with 100 MB of garbage as its content frame",
      "content",
      (m: Message) => {
        const frames = encode(m, new Signer(""));
        frames[5] = Buffer.alloc(HUNDRED_MB, 0x7b);
        return frames;
      },
    ],
    ["a signed request behind a 100 MB identity frame", "identity", (m: Message) => [Buffer.alloc(HUNDRED_MB, 0x41), ...encode(m, kernel.signer)]],
  ])(
    "drops %s and answers in time",
    async (_, where, build) => {
      const m = message("execute_request");
      const started = performance.now();
      const result = await sendGroup(channel, [build(m)], [m.header.msg_id], 30_000);
      console.log(`${channel}: 100 MB ${where} frame sent and kernel_info answered after ${Math.round(performance.now() - started)} ms`);
      expectDropped(result);
      await expectNothingRan();
    },
    60_000,
  );
});

describe.each(CHANNELS)("on %s: unknown message types", (channel) => {
  it.each(["no_such_request", "constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "execute_reply"])(
    "%s: busy, no reply, idle; the kernel lives",
    async (msgType) => {
      const sent = kernel.send(channel, msgType, executeContent());
      const replies: Envelope[] = [];
      void kernel.reply(sent.header.msg_id).then((r) => replies.push(r));
      await withTimeout(kernel.idleOf(sent.header.msg_id), 10_000, `idle after ${msgType}`);
      const mine = seen.filter((m) => parentId(m) === sent.header.msg_id);
      const probe = await sendGroup(channel, []);
      expect(probe.stray).toEqual([]);
      expect({ iopub: mine.map(summary), replies: replies.map(summary) }).toEqual({
        iopub: [`status:busy (parent "${sent.header.msg_id}")`, `status:idle (parent "${sent.header.msg_id}")`],
        replies: [],
      });
      await expectNothingRan();
    },
  );
});

/** mulberry32: a small seeded PRNG, so a failing fuzz run can be repeated exactly. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("fuzzing", () => {
  it("survives 10,000 seeded mutations of valid signed messages, answering kernel_info after every 1,000", async () => {
    const SEED = 0x7510_09;
    const rand = mulberry32(SEED);
    const int = (n: number) => Math.floor(rand() * n);
    const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
    // No parentheses, semicolons or backticks: random code cannot call, loop or template anything.
    const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 {}[]:,.'\"\\<>|+-*/_$#@!?é\u00ff\n";
    const randomString = (max = 24) => Array.from({ length: int(max) }, () => ALPHABET[int(ALPHABET.length)]).join("");
    const randomJson = (depth = 0): unknown => {
      switch (int(depth > 2 ? 5 : 7)) {
        case 0:
          return null;
        case 1:
          return rand() < 0.5;
        case 2:
          return pick([0, -1, 1e308, -0.5, 2 ** 53, int(1e6)]);
        case 3:
          return randomString();
        case 4:
          return pick(["", "execute_request", "kernel_info_request", "__proto__", "constructor", "x".repeat(int(5000))]);
        case 5:
          return Array.from({ length: int(4) }, () => randomJson(depth + 1));
        default:
          return Object.fromEntries(
            Array.from({ length: int(4) }, () => [
              pick(["code", "msg_id", "msg_type", "cursor_pos", "__proto__", "silent", randomString(8)]),
              randomJson(depth + 1),
            ]),
          );
      }
    };
    const templates: [string, () => Record<string, unknown>][] = [
      ["kernel_info_request", () => ({})],
      ["execute_request", () => ({ code: "1", silent: true, store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: false })],
      ["complete_request", () => ({ code: "Math.f", cursor_pos: 6 })],
      ["inspect_request", () => ({ code: "Math", cursor_pos: 2, detail_level: 0 })],
      ["is_complete_request", () => ({ code: "let a = " })],
      ["history_request", () => ({ hist_access_type: "tail", n: 2, output: false, raw: true })],
      ["comm_info_request", () => ({})],
    ];
    const resign = (frames: Buffer[]) => {
      const at = frames.findIndex((f) => f.equals(DELIMITER));
      if (at >= 0 && frames.length >= at + 6) frames[at + 1] = Buffer.from(kernel.signer.sign(frames.slice(at + 2, at + 6)));
    };
    /** Sets one of `fields` of the JSON part at `offset` after the delimiter to a random value, re-signed. */
    const setRandomField = (f: Buffer[], offset: number, fields: string[]) => {
      const at = f.findIndex((x) => x.equals(DELIMITER));
      if (at < 0 || f.length < at + 6) return;
      try {
        const part: unknown = JSON.parse(f[at + offset].toString());
        if (part === null || typeof part !== "object") return;
        (part as Record<string, unknown>)[pick(fields)] = randomJson();
        f[at + offset] = Buffer.from(JSON.stringify(part));
        resign(f);
      } catch {
        /* the part was already mangled */
      }
    };
    const mutations: ((frames: Buffer[]) => void)[] = [
      (f) => {
        // flip bytes
        const i = int(f.length);
        const copy = Buffer.from(f[i]);
        for (let k = 0; k < 1 + int(4) && copy.length > 0; k++) copy[int(copy.length)] ^= 1 << int(8);
        f[i] = copy;
      },
      (f) => void (f.length > 1 && f.splice(int(f.length), 1)), // drop a frame
      (f) => void f.splice(int(f.length + 1), 0, f[int(f.length)]), // duplicate a frame
      (f) => {
        // reorder two frames
        const [i, j] = [int(f.length), int(f.length)];
        [f[i], f[j]] = [f[j], f[i]];
      },
      (f) => {
        // random JSON in a JSON frame, re-signed half of the time
        const at = f.findIndex((x) => x.equals(DELIMITER));
        if (at < 0 || f.length < at + 6) return;
        f[at + 2 + int(4)] = Buffer.from(JSON.stringify(randomJson()) ?? "null");
        if (rand() < 0.5) resign(f);
      },
      // a header field of a random type, re-signed
      (f) => setRandomField(f, 2, ["msg_id", "msg_type", "session", "username", "date", "version"]),
      // a content field of a random type, re-signed
      (f) => setRandomField(f, 5, ["code", "cursor_pos", "silent", "store_history", "user_expressions", "detail_level", "n", "hist_access_type"]),
      (f) => {
        // random length: cut a frame, or make it random bytes
        const i = int(f.length);
        f[i] = rand() < 0.5 ? f[i].subarray(0, int(f[i].length + 1)) : Buffer.from(Array.from({ length: int(4096) }, () => int(256)));
      },
      (f) => void f.unshift(...Array.from({ length: 1 + int(3) }, () => Buffer.from(randomString(16)))), // routing identity frames
      (f) => void f.push(...Array.from({ length: 1 + int(3) }, () => Buffer.from(randomString(64)))), // extra buffers
    ];

    const TOTAL = 10_000;
    const BATCH = 100;
    const started = performance.now();
    const probes: number[] = [];
    for (let sent = 0; sent < TOTAL; sent += BATCH) {
      const batch: Promise<void>[] = [];
      for (let k = 0; k < BATCH; k++) {
        const [type, content] = pick(templates);
        const frames = encode(message(type, content()), kernel.signer);
        for (let n = 1 + int(3); n > 0; n--) pick(mutations)(frames);
        if (frames.length === 0) frames.push(Buffer.alloc(0));
        batch.push(kernel.sendRaw(pick(CHANNELS), frames));
      }
      await Promise.all(batch);
      if ((sent + BATCH) % 1000 === 0) {
        const t = performance.now();
        for (const channel of CHANNELS) {
          const probe = await kernel.request(channel, "kernel_info_request", {}, 30_000).catch((error: Error) => {
            throw new Error(`after ${sent + BATCH} fuzzed frame sets, kernel_info on ${channel}: ${error.message}`);
          });
          expect(probe.reply.content).toMatchObject({ status: "ok", implementation: "tsloop" });
        }
        probes.push(performance.now() - t);
        expect({ exitCode: kernel.process!.exitCode, signal: kernel.process!.signalCode }).toEqual({ exitCode: null, signal: null });
      }
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `fuzz: ${TOTAL} frame sets (seed ${SEED}) in ${seconds.toFixed(1)} s, ${Math.round(TOTAL / seconds)}/s; kernel_info probes after each 1,000: ${probes.map(Math.round).join(", ")} ms`,
    );
    const after = await kernel.execute("'still serving'", {}, 30_000);
    expect(plain(ofType(after.messages, "execute_result")[0])).toBe("'still serving'");
  }, 300_000);
});
