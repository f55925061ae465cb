// One shell of the kernel, the main shell or a subshell (JEP 91): its requests run one at a time,
// in arrival order. After an execute failed with stop_on_error, the executes already waiting in
// this shell are aborted; the other shells' are not (ipykernel 7 aborts per subshell too).
import type { Envelope } from "../protocol/message";
import { SerialQueue } from "./queue";

export class Shell {
  private readonly queue = new SerialQueue<Envelope>((request) => this.run(request));
  private abortDue = false;

  constructor(
    private readonly dispatch: (request: Envelope) => Promise<void>,
    private readonly abort: (request: Envelope) => Promise<void>,
  ) {}

  push(request: Envelope): void {
    this.queue.push(request);
  }

  /** Asked by a failed execute: once its request is over (after its idle), the executes waiting
   * then are aborted. */
  abortWaitingExecutes(): void {
    this.abortDue = true;
  }

  private async run(request: Envelope): Promise<void> {
    await this.dispatch(request);
    if (!this.abortDue) return;
    this.abortDue = false;
    // Like ipykernel's flush of the shell socket: let requests already sent reach the queue first.
    await new Promise((resolve) => setImmediate(resolve));
    for (const waiting of this.queue.takeWaiting((r) => r.header.msg_type === "execute_request")) await this.abort(waiting);
  }
}
