// The tasks of a loop that are not done yet, as a list threaded through the tasks themselves: adding
// and removing cost two links, where a Set of a million tasks rehashes as it grows and shrinks. Tasks
// start in the order they were added, so the list is also the queue of tasks awaiting their first
// step: those from a cursor on (no second array of a million tasks).

/** The links the list keeps on each task it holds. */
export interface Listed {
  /** @internal The previous task in its loop's pending list. */
  _prevPending: Listed | undefined;
  /** @internal The next task in its loop's pending list. */
  _nextPending: Listed | undefined;
}

/** A doubly linked list of tasks, in the order they were added, with a cursor at the first one not taken yet. */
export class PendingTasks<T extends Listed> implements Iterable<T> {
  private _first: T | undefined;
  private _last: T | undefined;
  private _firstUntaken: T | undefined;

  /** Appends `task` (not already in a list). */
  add(task: T): void {
    task._prevPending = this._last;
    task._nextPending = undefined;
    if (this._last) this._last._nextPending = task;
    else this._first = task;
    this._last = task;
    this._firstUntaken ??= task;
  }

  /** The first task added and not yet taken (nor deleted), now taken; undefined if none. */
  take(): T | undefined {
    const task = this._firstUntaken;
    if (task) this._firstUntaken = task._nextPending as T | undefined;
    return task;
  }

  /** Unlinks `task` if it is in this list. */
  delete(task: T): void {
    if (task._prevPending === undefined && this._first !== task) return;
    if (task === this._firstUntaken) this._firstUntaken = task._nextPending as T | undefined;
    if (task._prevPending) task._prevPending._nextPending = task._nextPending;
    else this._first = task._nextPending as T | undefined;
    if (task._nextPending) task._nextPending._prevPending = task._prevPending;
    else this._last = task._prevPending as T | undefined;
    task._prevPending = task._nextPending = undefined;
  }

  *[Symbol.iterator](): Generator<T, void, unknown> {
    for (let task = this._first; task; task = task._nextPending as T | undefined) yield task;
  }
}
