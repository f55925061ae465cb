// HMAC signing: known digests, tampering, replays and the empty key.
import { ReplayGuard, Signer } from "../../src/protocol/signature";

const frames = ['{"msg_id":"1"}', "{}", "{}", '{"code":"1"}'].map((s) => Buffer.from(s));

// Known vectors for the four frames above with the key "secret", computed once outside this code:
//   python3 -c 'import hmac; h = hmac.new(b"secret", digestmod="sha256"); [h.update(f) for f in
//     (b"{\"msg_id\":\"1\"}", b"{}", b"{}", b"{\"code\":\"1\"}")]; print(h.hexdigest())'
// and checked with: printf '%s' '{"msg_id":"1"}{}{}{"code":"1"}' | openssl dgst -sha256 -hmac secret
const KNOWN = {
  "hmac-sha256": "260b97890d61eb0e6ad1283eaca56d59541c56327271b249b87dde0226568bfb",
  "hmac-sha512": "05feff03b418c88f1f77029d330eb837067dec36cbe2d1ef8591637c3112491d23b4605788b57c9bbebad2b836acabe960d10ebf18810770938df81174e74469",
  "hmac-md5": "0e3dff7595b32a6055a6465d36c95c14",
};

describe("Signer", () => {
  it.each(Object.entries(KNOWN))("signs the four JSON frames with %s as the known vector", (scheme, digest) => {
    expect(new Signer("secret", scheme).sign(frames)).toBe(digest);
  });

  it("defaults to hmac-sha256 and verifies the known vector", () => {
    expect(new Signer("secret").sign(frames)).toBe(KNOWN["hmac-sha256"]);
    expect(new Signer("secret").verify(KNOWN["hmac-sha256"], frames)).toBe(true);
    expect(new Signer("secret", "hmac-sha512").verify(KNOWN["hmac-sha512"], frames)).toBe(true);
  });

  it("refuses a digest of another scheme made with the right key", () => {
    const signer = new Signer("secret");
    expect(signer.verify(KNOWN["hmac-sha512"], frames)).toBe(false);
    expect(signer.verify(KNOWN["hmac-md5"], frames)).toBe(false);
    expect(signer.verify(KNOWN["hmac-sha256"].toUpperCase(), frames)).toBe(false);
  });

  it("verifies its own signature and refuses a tampered frame or a wrong key", () => {
    const signer = new Signer("secret");
    const signature = signer.sign(frames);
    expect(signer.verify(signature, frames)).toBe(true);
    const tampered = [...frames.slice(0, 3), Buffer.from('{"code":"2"}')];
    expect(signer.verify(signature, tampered)).toBe(false);
    expect(new Signer("other").verify(signature, frames)).toBe(false);
    expect(signer.verify(signature.slice(0, -1), frames)).toBe(false);
  });

  it("turns signing off for an empty key: an empty signature, and any signature verifies", () => {
    for (const scheme of ["hmac-sha256", "hmac-sha512"]) {
      const signer = new Signer("", scheme);
      expect(signer.enabled).toBe(false);
      expect(signer.sign(frames)).toBe("");
      expect(signer.verify("", frames)).toBe(true);
      expect(signer.verify("anything", frames)).toBe(true);
    }
    // with a key, the empty signature is refused
    expect(new Signer("secret").verify("", frames)).toBe(false);
  });

  it("rejects unknown schemes", () => {
    expect(() => new Signer("k", "rsa-sha256")).toThrow(/unsupported/);
    expect(() => new Signer("k", "hmac-nosuchdigest")).toThrow();
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
