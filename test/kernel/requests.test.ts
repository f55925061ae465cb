// The non-execute requests against the real kernel process: kernel_info on both channels (protocol 5.5),
// is_complete, complete, inspect, history, comm_info, and unknown or malformed messages.
import type { KernelClient } from "../../src/client/kernel-client";
import { DELIMITER, encode } from "../../src/protocol/codec";
import { childOf } from "../../src/protocol/header";
import { plain, ofType, startKernel, types } from "../support/kernel";

let kernel: KernelClient & { stderr: string[] };
beforeAll(async () => {
  kernel = await startKernel();
});
afterAll(async () => kernel?.shutdown());

describe.each(["shell", "control"] as const)("kernel_info on %s", (channel) => {
  it("describes tsloop and TypeScript", async () => {
    const { reply, messages } = await kernel.request(channel, "kernel_info_request", {});
    const c = reply.content as Record<string, unknown> & { language_info: Record<string, unknown> };
    expect(c.status).toBe("ok");
    expect(c.protocol_version).toBe("5.5");
    expect(c.implementation).toBe("tsloop");
    expect(c.supported_features).toEqual(["kernel subshells", "debugger"]);
    expect(c.language_info).toMatchObject({ name: "typescript", mimetype: "text/typescript", file_extension: ".ts", pygments_lexer: "typescript" });
    expect(c.language_info.codemirror_mode).toBe("typescript");
    expect(typeof c.banner).toBe("string");
    expect(Array.isArray(c.help_links)).toBe(true);
    expect(types(messages)).toEqual(["status", "status"]);
    // Protocol 5.5 in every header: the reply's and its busy and idle.
    expect([reply, ...messages].map((m) => m.header.version)).toEqual(["5.5", "5.5", "5.5"]);
  });
});

describe("language requests", () => {
  it.each([
    ["1 + 1", "complete"],
    ['/"/.test("a\\"b")', "complete"],
    ["const s = `a ${1} b`; // done", "complete"],
    ["let once = 1; let once = 2;", "complete"], // parses; only running it fails
    ["function f() {", "incomplete"],
    ["const s = `abc ${", "incomplete"],
    ["const s = `line one\nline two", "incomplete"],
    ["`a ${x} b", "incomplete"],
    ["/* open comment", "incomplete"],
    ["const x = 1 +", "incomplete"],
    ["const x = 1 + // more on the next line", "incomplete"],
    ["xs.map((x) =>", "incomplete"],
    ["xs.reduce((a, b) =>", "incomplete"], // the parser blames the `=>` until a body follows
    ["const pick = <T,>(a: T, b: T) =>", "incomplete"],
    ["foo())", "invalid"],
    ["}", "invalid"],
    ["function function", "invalid"],
    ["let = 3 3", "invalid"],
    ["const s = 'unterminated", "invalid"], // as ipykernel says of a single-line string
    ['const s = "no\nnewlines"', "invalid"],
    ["let = 3 3; `open", "invalid"], // an open template does not excuse an error before it
  ])("is_complete(%j) is %s", async (code, status) => {
    const { reply } = await kernel.request("shell", "is_complete_request", { code });
    expect(reply.content.status).toBe(status);
  });

  it.each([
    ["function f() {", "  "],
    ["if (ok) {\n  for (const x of xs) {", "    "],
    ["if (ok) {\n  console.log(1,", "    "],
    ["const n = 1 +", ""],
  ])("is_complete(%j) indents the next line by %j", async (code, indent) => {
    const { reply } = await kernel.request("shell", "is_complete_request", { code });
    expect(reply.content).toEqual({ status: "incomplete", indent });
  });

  it("completes names and properties from the running state", async () => {
    await kernel.execute("const completeMe = { alpha: 1, beta: 2 }");
    const names = await kernel.request("shell", "complete_request", { code: "completeM", cursor_pos: 9 });
    expect(names.reply.content).toMatchObject({ status: "ok", matches: ["completeMe"], cursor_start: 0, cursor_end: 9 });
    const props = await kernel.request("shell", "complete_request", { code: "completeMe.al", cursor_pos: 13 });
    expect(props.reply.content).toMatchObject({ matches: ["alpha"], cursor_start: 11, cursor_end: 13 });
  });

  it("inspects a name under the cursor", async () => {
    const found = await kernel.request("shell", "inspect_request", { code: "completeMe", cursor_pos: 4, detail_level: 0 });
    expect(found.reply.content.found).toBe(true);
    expect((found.reply.content.data as Record<string, string>)["text/plain"]).toContain("alpha: 1");
    const missing = await kernel.request("shell", "inspect_request", { code: "notDefinedAnywhere", cursor_pos: 3, detail_level: 0 });
    expect(missing.reply.content).toMatchObject({ status: "ok", found: false });
  });

  it("answers comm_info with no comms", async () => {
    const { reply } = await kernel.request("shell", "comm_info_request", {});
    expect(reply.content).toEqual({ status: "ok", comms: {} });
  });
});

describe("history", () => {
  it("returns this session's inputs by tail, range and search", async () => {
    const codes = ["'h1'", "'h2'", "'h2'"];
    for (const code of codes) await kernel.execute(code);
    const tail = (await kernel.request("shell", "history_request", { hist_access_type: "tail", n: 3, output: false, raw: true })).reply.content.history as [
      number,
      number,
      string,
    ][];
    expect(tail.map((h) => h[2])).toEqual(codes);
    const [session, start] = tail[0];
    const withOutput = (await kernel.request("shell", "history_request", { hist_access_type: "tail", n: 1, output: true, raw: true })).reply.content
      .history as [number, number, [string, string]][];
    expect(withOutput[0][2]).toEqual(["'h2'", "'h2'"]);
    const range = (await kernel.request("shell", "history_request", { hist_access_type: "range", session, start, stop: start + 1, output: false, raw: true }))
      .reply.content.history;
    expect(range).toEqual([[session, start, "'h1'"]]);
    const search = (await kernel.request("shell", "history_request", { hist_access_type: "search", pattern: "'h?'", unique: true, output: false, raw: true }))
      .reply.content.history as unknown[];
    expect(search).toHaveLength(2);
  });
});

describe("bad input", () => {
  it("logs an unknown message type, publishes busy and idle, and keeps serving", async () => {
    const sent = kernel.send("shell", "no_such_request", {});
    await kernel.idleOf(sent.header.msg_id);
    expect(kernel.stderr.join("")).toContain("unknown message type 'no_such_request'");
    const after = await kernel.execute("'still here'");
    expect(plain(ofType(after.messages, "execute_result")[0])).toBe("'still here'");
  });

  it("drops a message with a bad signature, and one that replays a signature, without running it", async () => {
    const forged = childOf(undefined, "execute_request", { code: "globalThis.forged = true", silent: false }, kernel.identity);
    const frames = encode(forged, kernel.signer);
    frames[1] = Buffer.from("0".repeat(64));
    await kernel.sendRaw("shell", frames);
    const real = childOf(undefined, "execute_request", { code: "globalThis.replays = (globalThis.replays ?? 0) + 1", silent: false }, kernel.identity);
    const signed = encode(real, kernel.signer);
    const outcome = kernel.outcomeOf(real.header.msg_id);
    await kernel.sendRaw("shell", signed);
    await outcome;
    await kernel.sendRaw("shell", signed);
    const check = await kernel.execute("[globalThis.forged, globalThis.replays]");
    expect(plain(ofType(check.messages, "execute_result")[0])).toBe("[ undefined, 1 ]");
    const log = kernel.stderr.join("");
    expect(log).toContain("signature does not verify");
    expect(log).toContain("replayed signature");
  });

  it("drops malformed frames and keeps serving", async () => {
    await kernel.sendRaw("shell", [Buffer.from("garbage")]);
    await kernel.sendRaw("shell", [DELIMITER, Buffer.from("sig")]);
    await kernel.sendRaw("control", [DELIMITER, Buffer.from(""), Buffer.from("{not json"), Buffer.from("{}"), Buffer.from("{}"), Buffer.from("{}")]);
    const after = await kernel.execute("'fine'");
    expect(plain(ofType(after.messages, "execute_result")[0])).toBe("'fine'");
    const info = await kernel.request("control", "kernel_info_request", {});
    expect(info.reply.content.status).toBe("ok");
  });
});
