import type { StoredEntry } from "./stored-entry.js";

/**
 * Live entries in insertion order, for `list` and compaction. An array sorted by sequence (new
 * entries always get the highest sequence), so a page cursor is found by binary search instead of
 * walking from the start; deleted entries stay as marked holes until they are half the array.
 *
 * @example
 * const order = new InsertionOrder();
 * order.append(entry);
 * for (const next of order.after(cursorSequence)) { ... }
 */
export class InsertionOrder {
  private entries: StoredEntry[] = [];
  private holes = 0;

  /** Adds an entry whose sequence is higher than every other's. */
  append(entry: StoredEntry): void {
    const last = this.entries[this.entries.length - 1];
    if (last !== undefined && last.sequence >= entry.sequence) {
      throw new Error(`insertion sequence ${entry.sequence} does not follow ${last.sequence}`);
    }
    this.entries.push(entry);
  }

  /** Counts one more entry marked `removed`, dropping the holes once they are half the array. */
  noteRemoved(): void {
    this.holes++;
    if (this.holes > 1024 && this.holes * 2 > this.entries.length) {
      this.entries = this.entries.filter((entry) => !entry.removed);
      this.holes = 0;
    }
  }

  clear(): void {
    this.entries = [];
    this.holes = 0;
  }

  /** Live entries with a sequence above `sequence`, in order. */
  *after(sequence: number): IterableIterator<StoredEntry> {
    const entries = this.entries;
    for (let index = firstAfter(entries, sequence); index < entries.length; index++) {
      const entry = entries[index]!;
      if (!entry.removed) yield entry;
    }
  }
}

/**
 * The index of the first entry of `sorted` (ascending by sequence) with a sequence above `sequence`.
 *
 * @example
 * firstAfter(entries, 41); // index of the entry with sequence 42, or entries.length
 */
export function firstAfter(sorted: readonly { sequence: number }[], sequence: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]!.sequence <= sequence) low = middle + 1;
    else high = middle;
  }
  return low;
}
