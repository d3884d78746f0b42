import type { MemoryHistoryEntry } from "./memory-types.js";

/**
 * Where the history of memory changes is kept. Implement it to plug in another store;
 * `InMemoryHistoryStore` and `FileHistoryStore` are the built-in ones.
 *
 * @example
 * const memory = new Memory({ embedder, historyStore: new InMemoryHistoryStore() });
 */
export interface HistoryStore {
  /** Records entries, all or none; resolves once they are durable. */
  append(entries: readonly MemoryHistoryEntry[]): Promise<void>;
  /** Every entry of one memory, oldest first. */
  list(memoryId: string): Promise<MemoryHistoryEntry[]>;
  /** Forgets every entry. */
  reset(): Promise<void>;
}

/**
 * A `HistoryStore` in process memory (lost on exit).
 *
 * @example
 * const history = new InMemoryHistoryStore();
 * await history.list("m1"); // []
 */
export class InMemoryHistoryStore implements HistoryStore {
  private entries: MemoryHistoryEntry[] = [];

  async append(entries: readonly MemoryHistoryEntry[]): Promise<void> {
    this.entries.push(...entries.map((entry) => ({ ...entry })));
  }

  async list(memoryId: string): Promise<MemoryHistoryEntry[]> {
    return this.entries.filter((entry) => entry.memoryId === memoryId).map((entry) => ({ ...entry }));
  }

  async reset(): Promise<void> {
    this.entries = [];
  }
}
