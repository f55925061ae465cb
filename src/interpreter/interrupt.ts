// An interrupt ends the running cell even when its code never settles (a promise that never
// resolves, or a loop the inspector terminated): the cell's evaluation races this signal.
export class KeyboardInterrupt extends Error {
  override name = "KeyboardInterrupt";
  constructor() {
    super("the cell was interrupted");
  }
}

export class InterruptSignal {
  private trip?: (error: KeyboardInterrupt) => void;
  private armedAt = 0;

  /** A promise that rejects at the next interrupt; arm one per cell. */
  arm(): Promise<never> {
    this.armedAt = Date.now();
    return new Promise<never>((_, reject) => (this.trip = reject));
  }

  disarm(): void {
    this.trip = undefined;
  }

  /** Trips the armed cell, unless the interrupt was requested before that cell started (a late message). */
  fire(requestedAt = Date.now()): boolean {
    if (requestedAt < this.armedAt) return false;
    const trip = this.trip;
    this.trip = undefined;
    trip?.(new KeyboardInterrupt());
    return trip !== undefined;
  }
}
