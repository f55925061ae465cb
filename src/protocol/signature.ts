// HMAC signing of Jupyter messages: sign the four JSON frames, verify with a timing-safe compare,
// and refuse a signature that was already seen (a replayed message).
import { createHmac, timingSafeEqual } from "node:crypto";

/** Signs and verifies message frames; an empty key turns signing off, as the spec says. */
export class Signer {
  private readonly algorithm: string;

  constructor(
    private readonly key: string,
    scheme = "hmac-sha256",
  ) {
    const match = /^hmac-(.+)$/.exec(scheme);
    if (!match) throw new Error(`unsupported signature_scheme '${scheme}'`);
    this.algorithm = match[1];
    createHmac(this.algorithm, "probe"); // throws now for an unknown digest, not on the first message
  }

  get enabled(): boolean {
    return this.key.length > 0;
  }

  sign(frames: readonly Buffer[]): string {
    if (!this.enabled) return "";
    const hmac = createHmac(this.algorithm, this.key);
    for (const frame of frames) hmac.update(frame);
    return hmac.digest("hex");
  }

  verify(signature: string, frames: readonly Buffer[]): boolean {
    if (!this.enabled) return true;
    const expected = Buffer.from(this.sign(frames), "utf8");
    const given = Buffer.from(signature, "utf8");
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/** Remembers recent signatures so a replayed message is refused; bounded like ipykernel's digest history. */
export class ReplayGuard {
  private readonly seen = new Set<string>();

  constructor(private readonly capacity = 1 << 16) {}

  /** True the first time a signature is offered, false for a repeat. Empty signatures are not tracked. */
  admit(signature: string): boolean {
    if (signature === "") return true;
    if (this.seen.has(signature)) return false;
    if (this.seen.size >= this.capacity) this.forgetOldest(Math.ceil(this.capacity / 10));
    this.seen.add(signature);
    return true;
  }

  private forgetOldest(count: number): void {
    for (const signature of this.seen) {
      if (count-- <= 0) break;
      this.seen.delete(signature);
    }
  }
}
