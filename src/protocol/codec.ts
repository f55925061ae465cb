// Pure codec between ZeroMQ multipart frames and messages:
//   [identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...]
import { Envelope, Message } from "./message";
import { ReplayGuard, Signer } from "./signature";

export const DELIMITER = Buffer.from("<IDS|MSG>");
/** ZeroMQ's limit for a routing id: a longer frame before the delimiter is no identity. */
const MAX_IDENTITY_BYTES = 255;

export type DecodeResult = { ok: true; envelope: Envelope } | { ok: false; reason: string };

export function encode(message: Message, signer: Signer, identities: Buffer[] = []): Buffer[] {
  const parts = [message.header, message.parent_header, message.metadata, message.content].map((part) => Buffer.from(JSON.stringify(part ?? {}), "utf8"));
  const signature = Buffer.from(signer.sign(parts), "utf8");
  return [...identities, DELIMITER, signature, ...parts, ...(message.buffers ?? []).map(asBuffer)];
}

/** Decodes and authenticates frames; never throws: a bad message comes back as a reason. */
export function decode(frames: Buffer[], signer: Signer, replays?: ReplayGuard): DecodeResult {
  const split = frames.findIndex((frame) => frame.equals(DELIMITER));
  if (split < 0) return { ok: false, reason: "no <IDS|MSG> delimiter" };
  if (frames.slice(0, split).some((identity) => identity.length > MAX_IDENTITY_BYTES)) return { ok: false, reason: "a routing identity is over 255 bytes" };
  const rest = frames.slice(split + 1);
  if (rest.length < 5) return { ok: false, reason: `expected at least 5 frames after the delimiter, got ${rest.length}` };
  const signature = rest[0].toString("utf8");
  const parts = rest.slice(1, 5);
  if (!signer.verify(signature, parts)) return { ok: false, reason: "signature does not verify" };
  if (replays && signer.enabled && !replays.admit(signature)) return { ok: false, reason: "replayed signature" };
  const parsed = parseParts(parts);
  if (typeof parsed === "string") return { ok: false, reason: parsed };
  const [header, parent_header, metadata, content] = parsed;
  return {
    ok: true,
    // The header's fields were checked above; the other parts are objects, as a Message has them.
    envelope: { identities: frames.slice(0, split), header, parent_header, metadata, content, buffers: rest.slice(5) } as unknown as Envelope,
  };
}

const PART_NAMES = ["header", "parent_header", "metadata", "content"];

function parseParts(parts: Buffer[]): Record<string, unknown>[] | string {
  const parsed: Record<string, unknown>[] = [];
  for (let i = 0; i < parts.length; i++) {
    let value: unknown;
    try {
      value = JSON.parse(parts[i].toString("utf8"));
    } catch {
      return `${PART_NAMES[i]} is not JSON`;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) return `${PART_NAMES[i]} is not an object`;
    parsed.push(value as Record<string, unknown>);
  }
  const problem = headerProblem(parsed[0]);
  return problem ?? parsed;
}

/** A header's fields must have their types: a number as msg_id or an object as session is refused. */
function headerProblem(header: Record<string, unknown>): string | undefined {
  for (const field of ["msg_id", "msg_type", "session"]) {
    if (typeof header[field] !== "string") return `header.${field} must be a string`;
  }
  for (const field of ["username", "date", "version"]) {
    if (header[field] !== undefined && typeof header[field] !== "string") return `header.${field} must be a string`;
  }
  return undefined;
}

function asBuffer(buffer: Buffer | ArrayBuffer | ArrayBufferView): Buffer {
  if (Buffer.isBuffer(buffer)) return buffer;
  if (ArrayBuffer.isView(buffer)) return Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  return Buffer.from(buffer);
}
