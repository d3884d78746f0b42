import type { MemoryHistoryEntry } from "@bedrock-embeddings/memory";

/**
 * Where `LangChainVectorStoreAdapter` keeps the history of changes. LangChain vector stores have no
 * place for it, so it lives beside the store and is written right after each change: the two are
 * not one atomic step (a crash or failure in between leaves a change without its history entry).
 * Implement it over your own database to keep history across restarts.
 *
 * @example
 * const adapter = new LangChainVectorStoreAdapter(store, { history: new InMemoryHistoryLog() });
 */
export interface HistoryLog {
  /** Appends entries in order. */
  append(entries: readonly MemoryHistoryEntry[]): Promise<void>;
  /** Every entry of one memory, oldest first; [] for an unknown id. */
  entriesOf(memoryId: string): Promise<MemoryHistoryEntry[]>;
  /** Removes every entry. */
  clear(): Promise<void>;
}

/**
 * A `HistoryLog` in process memory, lost on exit: the adapter's default.
 *
 * @example
 * const log = new InMemoryHistoryLog();
 * await log.append([{ id: "h1", memoryId: "m1", event: "ADD", previousValue: null, newValue: "tea", createdAt }]);
 * await log.entriesOf("m1"); // [that entry]
 */
export class InMemoryHistoryLog implements HistoryLog {
  private readonly entriesByMemory = new Map<string, MemoryHistoryEntry[]>();

  async append(entries: readonly MemoryHistoryEntry[]): Promise<void> {
    for (const entry of entries) {
      const list = this.entriesByMemory.get(entry.memoryId) ?? [];
      list.push({ ...entry });
      this.entriesByMemory.set(entry.memoryId, list);
    }
  }

  async entriesOf(memoryId: string): Promise<MemoryHistoryEntry[]> {
    return (this.entriesByMemory.get(memoryId) ?? []).map((entry) => ({ ...entry }));
  }

  async clear(): Promise<void> {
    this.entriesByMemory.clear();
  }
}
