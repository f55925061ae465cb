// Python generator protocol over JS generators: send(gen, value) returns the next yielded value and
// turns the generator's return into a thrown StopIteration carrying the returned value.
import { StopIteration } from "./errors";
import { str } from "./python";

/**
 * Python's `gen.send(value)`: resumes `generator` with `value` (the first call's value is ignored,
 * like `send(None)`) and returns what it yields next. When the generator returns instead, throws a
 * `StopIteration` whose `value` is the return value and whose message is its `str()` (`StopIteration: 5`).
 */
export function send<Y, R, N>(generator: Generator<Y, R, N>, value?: N): Y {
  const step = generator.next(value as N);
  if (step.done) {
    throw new StopIteration(step.value, step.value === undefined || step.value === null ? "" : str(step.value));
  }
  return step.value;
}
