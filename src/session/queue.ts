// The serial shell queue: requests run one at a time, in arrival order. After an execute error
// with stop_on_error, the executes already waiting are aborted (as ipykernel does).
export class SerialQueue<T> {
  private readonly waiting: T[] = [];
  private running = false;

  constructor(private readonly run: (item: T) => Promise<void>) {}

  push(item: T): void {
    this.waiting.push(item);
    if (!this.running) void this.drain();
  }

  /** Removes and returns the waiting items that match (they will not run). */
  takeWaiting(match: (item: T) => boolean): T[] {
    const taken: T[] = [];
    for (let i = 0; i < this.waiting.length;) {
      if (match(this.waiting[i])) taken.push(...this.waiting.splice(i, 1));
      else i++;
    }
    return taken;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      for (let item = this.waiting.shift(); item !== undefined; item = this.waiting.shift()) await this.run(item);
    } finally {
      this.running = false;
    }
  }
}
