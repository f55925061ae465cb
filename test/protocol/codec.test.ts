// The wire codec: identities, the delimiter, signatures, buffers and malformed frames.
import { decode, DELIMITER, encode } from "../../src/protocol/codec";
import { childOf } from "../../src/protocol/header";
import { ReplayGuard, Signer } from "../../src/protocol/signature";

const identity = { session: "s", username: "u" };
const signer = new Signer("key");

function sample() {
  return childOf(undefined, "execute_request", { code: "1 + 1" }, identity, { a: 1 }, [Buffer.from([1, 2, 3])]);
}

describe("codec", () => {
  it("round-trips a message with identities and binary buffers", () => {
    const ids = [Buffer.from("client-1"), Buffer.from("hop")];
    const frames = encode(sample(), signer, ids);
    expect(frames[2].equals(DELIMITER)).toBe(true);
    const decoded = decode(frames, signer);
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(decoded.envelope.identities.map(String)).toEqual(["client-1", "hop"]);
    expect(decoded.envelope.content).toEqual({ code: "1 + 1" });
    expect(decoded.envelope.metadata).toEqual({ a: 1 });
    expect([...decoded.envelope.buffers[0]]).toEqual([1, 2, 3]);
    expect(decoded.envelope.header.msg_type).toBe("execute_request");
  });

  it("builds replies as children of their request", () => {
    const request = sample();
    const reply = childOf(request, "execute_reply", { status: "ok" }, identity);
    expect(reply.parent_header).toEqual(request.header);
    expect(reply.header.msg_id).not.toBe(request.header.msg_id);
    expect(reply.header.version).toBe("5.5");
  });

  it("drops a message whose signature does not verify", () => {
    const frames = encode(sample(), signer);
    frames[5] = Buffer.from(JSON.stringify({ code: "evil()" }));
    expect(decode(frames, signer)).toEqual({ ok: false, reason: "signature does not verify" });
    expect(decode(encode(sample(), new Signer("wrong")), signer).ok).toBe(false);
  });

  it("drops a replayed message", () => {
    const guard = new ReplayGuard();
    const frames = encode(sample(), signer);
    expect(decode(frames, signer, guard).ok).toBe(true);
    expect(decode(frames, signer, guard)).toEqual({ ok: false, reason: "replayed signature" });
  });

  it.each([
    ["no delimiter", [Buffer.from("x")], /delimiter/],
    ["too few frames", [DELIMITER, Buffer.from(""), Buffer.from("{}")], /at least 5/],
    ["bad JSON", [DELIMITER, Buffer.from(""), Buffer.from("{"), Buffer.from("{}"), Buffer.from("{}"), Buffer.from("{}")], /header is not JSON/],
    [
      "a header that is an array",
      [DELIMITER, Buffer.from(""), Buffer.from("[]"), Buffer.from("{}"), Buffer.from("{}"), Buffer.from("{}")],
      /header is not an object/,
    ],
    [
      "a header without msg_type",
      [DELIMITER, Buffer.from(""), Buffer.from('{"msg_id":"1"}'), Buffer.from("{}"), Buffer.from("{}"), Buffer.from("{}")],
      /msg_type/,
    ],
  ])("reports %s as a reason instead of throwing", (_, frames, reason) => {
    const decoded = decode(frames, new Signer(""));
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) expect(decoded.reason).toMatch(reason);
  });
});
