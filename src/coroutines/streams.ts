// asyncio's streams (CPython 3.12 asyncio/streams.py): StreamReader buffers bytes fed by a Node
// stream and hands them out with read/readline/readexactly/readuntil; StreamWriter writes with
// backpressure (drain); openConnection and startServer give them over TCP.
import { createConnection, createServer, type Server as NetServer, type Socket } from "node:net";
import type { Readable, Writable } from "node:stream";
import type { Coroutine } from "./coroutine";
import { Future } from "./future";
import { lazy } from "./locks";
import { tuple } from "./python";

/** `readexactly` met the end of the stream first (Python `asyncio.IncompleteReadError`); `partial` is what was read. */
export class IncompleteReadError extends Error {
  override name = "IncompleteReadError";
  constructor(
    readonly partial: Buffer,
    readonly expected: number | null,
  ) {
    super(`${partial.length} bytes read on a total of ${expected === null ? "undefined" : expected} expected bytes`);
  }
}

/** Bytes arriving from a stream (Python `asyncio.StreamReader`); every read waits on a Future, so cancelling the reading task stops it. */
export class StreamReader implements AsyncIterable<Buffer> {
  private _buffer: Buffer = Buffer.alloc(0);
  private _eof = false;
  private _error: unknown;
  private _waiter: Future<void> | undefined;

  /** Reads what `source` emits until it ends (or fails: the next read throws its error). */
  static from(source: Readable): StreamReader {
    const reader = new StreamReader();
    source.on("data", (chunk: Buffer | string) => reader.feedData(typeof chunk === "string" ? Buffer.from(chunk) : chunk));
    source.on("end", () => reader.feedEof());
    source.on("close", () => reader.feedEof());
    source.on("error", (error) => reader.setException(error));
    return reader;
  }

  /** Adds bytes to the buffer and wakes a waiting read. */
  feedData(data: Buffer): void {
    this._buffer = this._buffer.length === 0 ? data : Buffer.concat([this._buffer, data]);
    this._wake();
  }

  /** Marks the end of the stream. */
  feedEof(): void {
    this._eof = true;
    this._wake();
  }

  /** Makes the next read throw `error`. */
  setException(error: unknown): void {
    this._error = error;
    this._wake();
  }

  /** True once the stream ended and the buffer is empty (Python `at_eof`). */
  atEof(): boolean {
    return this._eof && this._buffer.length === 0;
  }

  /** Up to `n` bytes (all until the end for -1, the default); an empty Buffer at the end. */
  read(n = -1): Coroutine<Buffer> {
    return lazy("read", async () => {
      if (n === 0) return Buffer.alloc(0);
      if (n < 0) {
        while (!this._eof) await this._waitForData();
        return this._take(this._buffer.length);
      }
      while (this._buffer.length === 0 && !this._eof) await this._waitForData();
      return this._take(Math.min(n, this._buffer.length));
    });
  }

  /** One line, with its `\n` (what is left at the end may lack it; an empty Buffer once ended). */
  readline(): Coroutine<Buffer> {
    return lazy("readline", async () => {
      try {
        return await this.readuntil("\n");
      } catch (error) {
        if (error instanceof IncompleteReadError) return error.partial;
        throw error;
      }
    });
  }

  /** Exactly `n` bytes; IncompleteReadError if the stream ends first. */
  readexactly(n: number): Coroutine<Buffer> {
    return lazy("readexactly", async () => {
      while (this._buffer.length < n) {
        if (this._eof) throw new IncompleteReadError(this._take(this._buffer.length), n);
        await this._waitForData();
      }
      return this._take(n);
    });
  }

  /** Bytes up to and with `separator`; IncompleteReadError (with what was read) if the stream ends first. */
  readuntil(separator: string | Buffer = "\n"): Coroutine<Buffer> {
    return lazy("readuntil", async () => {
      for (;;) {
        const at = this._buffer.indexOf(separator);
        if (at >= 0) return this._take(at + Buffer.byteLength(separator));
        if (this._eof) throw new IncompleteReadError(this._take(this._buffer.length), null);
        await this._waitForData();
      }
    });
  }

  /** `for await (const line of reader)`: the lines until the end (Python's `async for`). */
  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer, void, unknown> {
    for (;;) {
      const line = await this.readline();
      if (line.length === 0) return;
      yield line;
    }
  }

  private _take(n: number): Buffer {
    const part = this._buffer.subarray(0, n);
    this._buffer = this._buffer.subarray(n);
    return part;
  }

  private async _waitForData(): Promise<void> {
    if (this._error !== undefined) throw this._error as Error;
    this._waiter = new Future<void>();
    try {
      await this._waiter;
    } finally {
      this._waiter = undefined;
    }
    if (this._error !== undefined) throw this._error as Error;
  }

  private _wake(): void {
    if (this._waiter && !this._waiter.done()) this._waiter.setResult();
  }
}

/** Writes to a stream (Python `asyncio.StreamWriter`): `write` buffers, `drain()` waits until the stream takes more. */
export class StreamWriter {
  private _closed: Future<void> | undefined;

  /** Writes to `sink` (a socket, or a child process's stdin). */
  constructor(readonly sink: Writable) {}

  /** Queues `data` (bytes or text as UTF-8). */
  write(data: Buffer | string): void {
    this.sink.write(data);
  }

  /** Queues each of `lines`. */
  writelines(lines: Iterable<Buffer | string>): void {
    for (const line of lines) this.write(line);
  }

  /** Waits until the stream's buffer is below its high-water mark. */
  drain(): Coroutine<void> {
    return lazy("drain", async () => {
      if (!this.sink.writableNeedDrain) return;
      const drained = new Future<void>();
      const onDrain = (): void => {
        if (!drained.done()) drained.setResult();
      };
      this.sink.once("drain", onDrain);
      this.sink.once("close", onDrain);
      try {
        await drained;
      } finally {
        this.sink.off("drain", onDrain);
        this.sink.off("close", onDrain);
      }
    });
  }

  /** Ends the stream (after what was written); `waitClosed()` waits until it is closed. */
  close(): void {
    if (this._closed) return;
    const closed = (this._closed = new Future<void>());
    const onClosed = (): void => {
      if (!closed.done()) closed.setResult();
    };
    this.sink.once("close", onClosed);
    this.sink.once("finish", () => setImmediate(onClosed));
    this.sink.end();
    if (this.sink.destroyed) onClosed();
  }

  /** True once `close()` was called. */
  isClosing(): boolean {
    return this._closed !== undefined;
  }

  /** Waits until the stream is closed. */
  waitClosed(): Coroutine<void> {
    return lazy("waitClosed", async () => {
      this.close();
      await this._closed;
    });
  }

  /** Python `get_extra_info`: `peername` and `sockname` of a socket as `[host, port]`. */
  getExtraInfo(name: "peername" | "sockname"): readonly [string, number] | undefined {
    const socket = this.sink as Socket;
    if (name === "peername" && socket.remoteAddress) return tuple(socket.remoteAddress, socket.remotePort ?? 0);
    if (name === "sockname" && socket.localAddress) return tuple(socket.localAddress, socket.localPort ?? 0);
    return undefined;
  }
}

/** A connection's reader and writer, as `openConnection` gives them. */
export type StreamPair = readonly [StreamReader, StreamWriter];

/** Python `asyncio.open_connection(host, port)`: a TCP connection as `[reader, writer]`; a refused connection throws its error (ECONNREFUSED). */
export function openConnection(host: string, port: number): Coroutine<StreamPair> {
  return lazy("openConnection", async () => {
    const socket = createConnection({ host, port });
    const connected = new Future<void>();
    socket.once("connect", () => connected.done() || connected.setResult());
    socket.once("error", (error) => connected.done() || connected.setException(error));
    try {
      await connected;
    } catch (error) {
      socket.destroy();
      throw error;
    }
    return tuple(StreamReader.from(socket), new StreamWriter(socket));
  });
}

/** A listening TCP server (Python `asyncio.Server`); `close()` stops accepting, `waitClosed()` waits for that. Also an async disposable. */
export class Server implements AsyncDisposable {
  private readonly _closed = new Future<void>();

  /** Wraps a listening `net.Server`. */
  constructor(readonly server: NetServer) {
    server.once("close", () => this._closed.done() || this._closed.setResult());
  }

  /** The `[host, port]` it listens on (port 0 asks the system for a free one). */
  address(): readonly [string, number] {
    const address = this.server.address();
    return typeof address === "object" && address ? tuple(address.address, address.port) : tuple(String(address), 0);
  }

  /** True while it accepts connections. */
  isServing(): boolean {
    return this.server.listening;
  }

  /** Stops accepting connections (the open ones go on). */
  close(): void {
    if (this.server.listening) this.server.close();
    else if (!this._closed.done()) this._closed.setResult();
  }

  /** Waits until the server is closed. */
  waitClosed(): Coroutine<void> {
    return lazy("waitClosed", async () => await this._closed);
  }

  /** `await using server = await asyncio.startServer(...)`: closes it at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this._closed;
  }
}

/**
 * Python `asyncio.start_server(client_connected_cb, host, port)`: listens on `host:port` (port 0:
 * a free one) and calls `onClient(reader, writer)` for each connection (an async function runs as a
 * task of the current loop; its failure is reported on stderr).
 */
export function startServer(onClient: (reader: StreamReader, writer: StreamWriter) => unknown, host: string, port: number): Coroutine<Server> {
  return lazy("startServer", async () => {
    const server = createServer((socket) => {
      Promise.resolve()
        .then(() => onClient(StreamReader.from(socket), new StreamWriter(socket)))
        .catch((error: unknown) => process.stderr.write(`Exception in the client_connected callback: ${(error as Error)?.stack ?? String(error)}\n`));
    });
    const listening = new Future<void>();
    server.once("error", (error) => listening.done() || listening.setException(error));
    server.listen(port, host, () => listening.done() || listening.setResult());
    await listening;
    return new Server(server);
  });
}
