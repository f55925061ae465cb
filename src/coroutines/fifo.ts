// A first-in first-out queue with O(1) push and shift at any length: Array.prototype.shift copies
// a long array, and the loop's ready tasks, asCompleted's results or a Queue may hold a million.

/** A FIFO queue: `push` at the back, `shift` from the front, `peek` at the front. */
export class Fifo<T> implements Iterable<T> {
  private _items: (T | undefined)[] = [];
  private _head = 0;

  /** How many items are queued. */
  get length(): number {
    return this._items.length - this._head;
  }

  /** Appends `item` at the back. */
  push(item: T): void {
    this._items.push(item);
  }

  /** Removes and returns the front item (undefined when empty). */
  shift(): T | undefined {
    if (this._head >= this._items.length) return undefined;
    const item = this._items[this._head];
    this._items[this._head++] = undefined; // let it be collected
    // Drop the consumed front once it is at least half the array, so memory follows the length.
    if (this._head === this._items.length) this.clear();
    else if (this._head >= 1024 && this._head * 2 >= this._items.length) {
      this._items = this._items.slice(this._head);
      this._head = 0;
    }
    return item;
  }

  /** The front item without removing it (undefined when empty). */
  peek(): T | undefined {
    return this._head < this._items.length ? this._items[this._head] : undefined;
  }

  /** Removes every item. */
  clear(): void {
    this._items = [];
    this._head = 0;
  }

  /** Removes the first occurrence of `item`; true if it was there (O(length)). */
  remove(item: T): boolean {
    const index = this._items.indexOf(item, this._head);
    if (index < 0) return false;
    this._items.splice(index, 1);
    return true;
  }

  /** The items from front to back. */
  *[Symbol.iterator](): Generator<T, void, unknown> {
    for (let i = this._head; i < this._items.length; i++) yield this._items[i] as T;
  }
}
