// A sleep that really blocks the calling thread (Python `time.sleep`): Atomics.wait on a private
// SharedArrayBuffer, repeated until the full time has passed. Nothing else runs meanwhile.
import { ValueError } from "./errors";

/** Blocks the thread for `seconds` (Python `time.sleep`): no timers, promises or other tasks run meanwhile. */
export function blockingSleep(seconds: number): void {
  if (!(seconds >= 0)) throw new ValueError("sleep length must be non-negative");
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const deadline = performance.now() + seconds * 1000;
  for (let left = deadline - performance.now(); left > 0; left = deadline - performance.now()) {
    Atomics.wait(cell, 0, 0, left);
  }
}
