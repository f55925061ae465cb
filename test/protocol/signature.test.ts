// HMAC signing: known digests, tampering, replays and the empty key.
import { createHmac } from "node:crypto";
import { ReplayGuard, Signer } from "../../src/protocol/signature";

const frames = ["{\"msg_id\":\"1\"}", "{}", "{}", "{\"code\":\"1\"}"].map((s) => Buffer.from(s));

describe("Signer", () => {
  it("signs the four JSON frames with HMAC-SHA256 of the key", () => {
    const expected = createHmac("sha256", "secret");
    frames.forEach((f) => expected.update(f));
    expect(new Signer("secret").sign(frames)).toBe(expected.digest("hex"));
  });

  it("verifies its own signature and refuses a tampered frame or a wrong key", () => {
    const signer = new Signer("secret");
    const signature = signer.sign(frames);
    expect(signer.verify(signature, frames)).toBe(true);
    const tampered = [...frames.slice(0, 3), Buffer.from("{\"code\":\"2\"}")];
    expect(signer.verify(signature, tampered)).toBe(false);
    expect(new Signer("other").verify(signature, frames)).toBe(false);
    expect(signer.verify(signature.slice(0, -1), frames)).toBe(false);
  });

  it("turns signing off for an empty key", () => {
    const signer = new Signer("");
    expect(signer.enabled).toBe(false);
    expect(signer.sign(frames)).toBe("");
    expect(signer.verify("anything", frames)).toBe(true);
  });

  it("supports other hmac digests and rejects unknown schemes", () => {
    expect(new Signer("k", "hmac-sha512").sign(frames)).toHaveLength(128);
    expect(() => new Signer("k", "rsa-sha256")).toThrow(/unsupported/);
  });
});

describe("ReplayGuard", () => {
  it("admits a signature once", () => {
    const guard = new ReplayGuard();
    expect(guard.admit("abc")).toBe(true);
    expect(guard.admit("abc")).toBe(false);
    expect(guard.admit("abd")).toBe(true);
  });

  it("stays bounded, forgetting the oldest signatures first", () => {
    const guard = new ReplayGuard(10);
    for (let i = 0; i < 10; i++) guard.admit(`s${i}`);
    expect(guard.admit("s10")).toBe(true); // culls s0
    expect(guard.admit("s0")).toBe(true);
    expect(guard.admit("s9")).toBe(false);
  });
});
