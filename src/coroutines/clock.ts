// Clocks in seconds, as Python's time module gives them: wall-clock time(), and the monotonic
// perfCounter()/monotonic() that every event loop's time() and the task timeline use.

/** Wall-clock seconds since the Unix epoch as a float, with sub-millisecond digits (Python `time.time()`). */
export function time(): number {
  return (performance.timeOrigin + performance.now()) / 1000;
}

/** Monotonic seconds with high resolution, for measuring durations (Python `time.perf_counter()`). */
export function perfCounter(): number {
  return performance.now() / 1000;
}

/** Monotonic seconds, the clock of every event loop (Python `time.monotonic()`, `loop.time()`). */
export function monotonic(): number {
  return performance.now() / 1000;
}
