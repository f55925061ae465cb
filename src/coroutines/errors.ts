// The Python-named errors the coroutine layer throws: CancelledError, TimeoutError, InvalidStateError,
// RuntimeError, ValueError and StopIteration. Each sets `name` so tracebacks read like Python's.

/** Base of the Python-named errors: `name` is the class's own name, as Python prints it. */
abstract class PythonError extends Error {
  constructor(message = "") {
    super(message);
    this.name = new.target.name;
  }
}

/** The operation was cancelled (Python `asyncio.CancelledError`): thrown by a cancelled Future or Task. */
export class CancelledError extends PythonError {}

/** A deadline passed (Python `TimeoutError`, which `asyncio.TimeoutError` aliases): thrown by `waitFor` and `asCompleted`. */
export class TimeoutError extends PythonError {}

/** A Future was used in the wrong state, e.g. `result()` before it is done (Python `asyncio.InvalidStateError`). */
export class InvalidStateError extends PythonError {
  constructor(message = "invalid state") {
    super(message);
  }
}

/** Python's `RuntimeError`, e.g. "Event loop is closed" or "cannot reuse already awaited coroutine". */
export class RuntimeError extends PythonError {}

/** Python's `ValueError`, e.g. `wait()` on an empty set or a negative sleep length. */
export class ValueError extends PythonError {}

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

/**
 * Several errors at once (Python 3.11 `ExceptionGroup`), a subclass of `AggregateError`: a TaskGroup
 * throws one with the errors of its failed tasks. `exceptions` (Python's name) and `errors` are the same list.
 */
export class ExceptionGroup extends AggregateError {
  constructor(message: string, errors: readonly unknown[]) {
    super(errors, message);
    this.name = "ExceptionGroup";
  }

  /** The errors of the group (Python `ExceptionGroup.exceptions`). */
  get exceptions(): readonly unknown[] {
    return this.errors as unknown[];
  }

  /** Python's str(): `unhandled errors in a TaskGroup (2 sub-exceptions)`. */
  __str__(): string {
    const count = (this.errors as unknown[]).length;
    return `${this.message} (${count} sub-exception${count === 1 ? "" : "s"})`;
  }
}

/** A Barrier was aborted or reset while a task waited on it (Python `asyncio.BrokenBarrierError`). */
export class BrokenBarrierError extends PythonError {}
