// Routes process.stdout/stderr writes (console.* writes through them) to the cell that owns the
// code writing; with no cell at all they reach the real stream. Installed by kernel/main, once.
import { currentScope } from "./cell-scope";
import type { StreamName } from "./cell-output";
import { afterWrite } from "./write-callbacks";

type Write = typeof process.stdout.write;

export function installStreamCapture(): () => void {
  const restore = [captureStream(process.stdout, "stdout"), captureStream(process.stderr, "stderr")];
  return () => restore.forEach((undo) => undo());
}

function captureStream(stream: NodeJS.WriteStream, name: StreamName): () => void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with the stream as `this`
  const original = stream.write;
  const capture = function (this: NodeJS.WriteStream, chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    const scope = currentScope();
    if (!scope) return (original as (...args: unknown[]) => boolean).call(stream, chunk, encoding, callback);
    scope.output.write(name, toText(chunk, encoding));
    const done = typeof encoding === "function" ? encoding : callback;
    if (typeof done === "function") afterWrite(done as () => void); // one tick per write would grow without bound
    return true;
  } as Write;
  stream.write = capture;
  return () => {
    stream.write = original;
  };
}

function toText(chunk: unknown, encoding: unknown): string {
  if (typeof chunk === "string") return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk).toString(typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  return String(chunk);
}
