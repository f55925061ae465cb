// The slot a synchronous prompt() waits on. The io thread owns the stdin socket; the main thread
// blocks in Atomics.wait (its loop cannot turn, so no async reply could reach it) until the io
// thread writes the input_reply's value here, or an interrupt or shutdown cancels the wait.
const STATE = 0;
const LENGTH = 1;
const HEADER_BYTES = 8;
/** Longer replies are cut here: a prompt's answer is a line typed by a person. */
const VALUE_BYTES = 1 << 20;

const IDLE = 0;
const WAITING = 1;
const ANSWERED = 2;
const CANCELLED = 3;

export class SyncInputSlot {
  private readonly state: Int32Array;
  private readonly value: Uint8Array;

  constructor(readonly memory = new SharedArrayBuffer(HEADER_BYTES + VALUE_BYTES)) {
    this.state = new Int32Array(memory, 0, 2);
    this.value = new Uint8Array(memory, HEADER_BYTES);
  }

  /** Main thread, before it sends the input_request: the next reply is for this slot. */
  arm(): void {
    Atomics.store(this.state, STATE, WAITING);
  }

  /** Main thread: blocks until the reply comes; undefined when the wait was cancelled. */
  wait(): string | undefined {
    while (Atomics.load(this.state, STATE) === WAITING) Atomics.wait(this.state, STATE, WAITING);
    const answered = Atomics.exchange(this.state, STATE, IDLE) === ANSWERED;
    return answered ? Buffer.from(this.value.subarray(0, Atomics.load(this.state, LENGTH))).toString("utf8") : undefined;
  }

  /** io thread: whether the main thread waits on this slot for the next reply. */
  get waiting(): boolean {
    return Atomics.load(this.state, STATE) === WAITING;
  }

  /** io thread: hands the reply's value to the waiting main thread. */
  answer(text: string): void {
    const { written } = new TextEncoder().encodeInto(text, this.value);
    Atomics.store(this.state, LENGTH, written);
    this.settle(ANSWERED);
  }

  /** io thread: wakes a waiting main thread without a value (interrupt, shutdown). */
  cancel(): void {
    this.settle(CANCELLED);
  }

  private settle(outcome: number): void {
    if (Atomics.compareExchange(this.state, STATE, WAITING, outcome) === WAITING) Atomics.notify(this.state, STATE);
  }
}
