// The Python-named errors the coroutine layer throws: CancelledError, TimeoutError, InvalidStateError,
// RuntimeError, ValueError and StopIteration. Each sets `name` so tracebacks read like Python's.

/** The operation was cancelled (Python `asyncio.CancelledError`): thrown by a cancelled Future or Task. */
export class CancelledError extends Error {
  /** Creates the error; `message` is the optional cancel message. */
  constructor(message = "") {
    super(message);
    this.name = "CancelledError";
  }
}

/** A deadline passed (Python `TimeoutError`, which `asyncio.TimeoutError` aliases): thrown by `waitFor` and `asCompleted`. */
export class TimeoutError extends Error {
  /** Creates the error; Python's own carries no message. */
  constructor(message = "") {
    super(message);
    this.name = "TimeoutError";
  }
}

/** A Future was used in the wrong state, e.g. `result()` before it is done (Python `asyncio.InvalidStateError`). */
export class InvalidStateError extends Error {
  /** Creates the error with Python's message text. */
  constructor(message = "invalid state") {
    super(message);
    this.name = "InvalidStateError";
  }
}

/** Python's `RuntimeError`, e.g. "Event loop is closed" or "cannot reuse already awaited coroutine". */
export class RuntimeError extends Error {
  /** Creates the error with Python's message text. */
  constructor(message = "") {
    super(message);
    this.name = "RuntimeError";
  }
}

/** Python's `ValueError`, e.g. `wait()` on an empty set or a negative sleep length. */
export class ValueError extends Error {
  /** Creates the error with Python's message text. */
  constructor(message = "") {
    super(message);
    this.name = "ValueError";
  }
}

/**
 * A generator returned (Python `StopIteration`). `value` is the return value; `message` is that
 * value as Python's `str()` shows it, so a traceback ends in `StopIteration: 5`.
 */
export class StopIteration<T = unknown> extends Error {
  /** The generator's return value (Python `StopIteration.value`). */
  readonly value: T;

  /** Creates the error; `text` is `value` already formatted with Python's `str()` ("" for None). */
  constructor(value: T, text: string) {
    super(text);
    this.name = "StopIteration";
    this.value = value;
  }
}
