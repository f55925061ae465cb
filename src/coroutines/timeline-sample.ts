// An even sample of a stream of unknown length, kept in constant memory: every `stride`-th item is
// kept, and when twice `size` items are held the stride doubles and every other one is dropped, so
// a million tasks leave between `size` and 2 × `size` of them, spread over the whole run.

/** Keeps an evenly spaced sample of the items added to it; `count` is how many were added in all. */
export class EvenSample<T> {
  private _items: T[] = [];
  private _stride = 1;
  private _count = 0;

  /** `size`: the fewest items kept once more than that were added (a positive integer). */
  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`a timeline sample needs a positive whole number of tasks, not ${size}`);
  }

  /** Adds one item; it is kept when its position falls on the current stride. */
  add(item: T): void {
    if (this._count++ % this._stride !== 0) return;
    this._items.push(item);
    if (this._items.length < 2 * this.size) return;
    this._items = this._items.filter((_, i) => i % 2 === 0);
    this._stride *= 2;
  }

  /** The kept items, in the order they were added. */
  get items(): readonly T[] {
    return this._items;
  }

  /** How many items were added, kept or not. */
  get count(): number {
    return this._count;
  }
}
