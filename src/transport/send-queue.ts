// zeromq v6 allows one send in flight per socket: every send on a socket goes through its queue,
// in order, each awaited before the next.
export interface Sendable {
  send(frames: Buffer[]): Promise<void>;
}

export class SendQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: Sendable,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Queues frames; resolves when they were handed to ZeroMQ. Never rejects (errors go to onError). */
  send(frames: Buffer[]): Promise<void> {
    this.tail = this.tail.then(async () => {
      try {
        await this.socket.send(frames);
      } catch (error) {
        this.onError(error);
      }
    });
    return this.tail;
  }

  /** Resolves when everything queued so far has been sent. */
  drain(): Promise<void> {
    return this.tail;
  }
}
