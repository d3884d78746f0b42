import { ConfigurationError, InputError } from "@bedrock-embeddings/core";
import { assertSameBinding, assertValidBinding } from "./binding-check.js";
import type { FilterExpression } from "./filter/filter-expression.js";
import { matchesFilter } from "./filter/matches-filter.js";
import type { MemoryHistoryEntry } from "./memory-types.js";
import { assertLimit, checkQueryVector, checkRecords, requireBinding } from "./record-checks.js";
import { type SequencedRecord, SequencedRecords, toEntry } from "./sequenced-records.js";
import type {
  HistoryOptions,
  VectorListOptions,
  VectorListPage,
  VectorSearchOptions,
  VectorStore,
  VectorStoreBinding,
  VectorStoreEntry,
  VectorStoreHit,
  VectorStoreRecord,
} from "./vector-store.js";

const WHERE = "the in-memory vector store";

/**
 * A `VectorStore` that keeps everything in process memory (lost on exit): the default of a
 * `Memory` without `dataDirectory`, and handy in tests. Exact cosine search over every match.
 *
 * @example
 * const memory = new Memory({ embedder, vectorStore: new InMemoryVectorStore() });
 */
export class InMemoryVectorStore implements VectorStore {
  private binding: VectorStoreBinding | undefined;
  private readonly records = new SequencedRecords();
  private readonly historyByMemory = new Map<string, MemoryHistoryEntry[]>();
  private closed = false;

  get dimension(): number | undefined {
    return this.binding?.dimension;
  }

  get modelId(): string | undefined {
    return this.binding?.modelId;
  }

  async initialize(binding: VectorStoreBinding): Promise<void> {
    this.assertOpen();
    assertValidBinding(binding);
    if (this.binding) assertSameBinding(this.binding, binding, { description: "The in-memory vector store" });
    else this.binding = { dimension: binding.dimension, modelId: binding.modelId };
  }

  async insert(
    records: readonly VectorStoreRecord[],
    history?: readonly MemoryHistoryEntry[],
  ): Promise<void> {
    this.assertOpen();
    const checked = checkRecords(records, this.binding, WHERE);
    checked.forEach((record, index) => {
      if (this.records.has(record.id)) {
        throw new InputError(`a record with id ${JSON.stringify(record.id)} already exists.`, {
          index,
          fix: "Use fresh ids for new records (or upsert to replace).",
        });
      }
    });
    for (const record of checked) this.records.put(record);
    this.appendHistory(history);
  }

  async upsert(
    records: readonly VectorStoreRecord[],
    history?: readonly MemoryHistoryEntry[],
  ): Promise<void> {
    this.assertOpen();
    for (const record of checkRecords(records, this.binding, WHERE)) this.records.put(record);
    this.appendHistory(history);
  }

  async update(
    record: VectorStoreRecord,
    options: HistoryOptions<VectorStoreEntry> = {},
  ): Promise<VectorStoreEntry | null> {
    this.assertOpen();
    const [checked] = checkRecords([record], this.binding, WHERE);
    const previous = this.records.stored(record.id);
    if (!previous || !checked) return null;
    const previousEntry = toEntry(previous);
    const history = options.history?.(toEntry(previous));
    this.records.put(checked);
    this.appendHistory(history);
    return previousEntry;
  }

  async search(vector: readonly number[], options: VectorSearchOptions): Promise<VectorStoreHit[]> {
    this.assertOpen();
    assertLimit(options.limit, "limit");
    const query = checkQueryVector(vector, this.binding, WHERE);
    const hits: { record: SequencedRecord<object>; score: number }[] = [];
    for (const record of this.records.ordered()) {
      if (!matchesFilter(record.payload, options.filter)) continue;
      let dot = 0;
      for (let position = 0; position < query.vector.length; position++) {
        dot += query.vector[position]! * record.vector[position]!;
      }
      hits.push({ record, score: Math.max(-1, Math.min(1, dot / (query.norm * record.norm))) });
    }
    // Array.prototype.sort is stable, so equal scores keep insertion order.
    hits.sort((left, right) => rankKey(right.score) - rankKey(left.score));
    return hits.slice(0, options.limit).map(({ record, score }) => ({ ...toEntry(record), score }));
  }

  async get(id: string): Promise<VectorStoreRecord | null> {
    this.assertOpen();
    return this.records.record(id) ?? null;
  }

  async list(options: VectorListOptions = {}): Promise<VectorListPage> {
    this.assertOpen();
    if (options.limit !== undefined) assertLimit(options.limit, "limit");
    return this.records.page(options.filter, options.limit, options.cursor);
  }

  async delete(id: string, options: HistoryOptions<VectorStoreEntry> = {}): Promise<VectorStoreEntry | null> {
    this.assertOpen();
    const previous = this.records.stored(id);
    if (!previous) return null;
    const history = options.history?.(toEntry(previous));
    this.records.remove([id]);
    this.appendHistory(history);
    return toEntry(previous);
  }

  async deleteWhere(
    filter: FilterExpression,
    options: HistoryOptions<readonly VectorStoreEntry[]> = {},
  ): Promise<VectorStoreEntry[]> {
    this.assertOpen();
    requireBinding(this.binding, WHERE);
    const removed = this.records.matching(filter);
    const history = removed.length > 0 ? options.history?.(removed) : undefined;
    this.records.remove(removed.map((entry) => entry.id));
    this.appendHistory(history);
    return removed;
  }

  async history(memoryId: string): Promise<MemoryHistoryEntry[]> {
    this.assertOpen();
    return (this.historyByMemory.get(memoryId) ?? []).map((entry) => ({ ...entry }));
  }

  async reset(): Promise<void> {
    this.assertOpen();
    this.records.clear();
    this.historyByMemory.clear();
    this.binding = undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private appendHistory(entries: readonly MemoryHistoryEntry[] | undefined): void {
    for (const entry of entries ?? []) {
      const list = this.historyByMemory.get(entry.memoryId) ?? [];
      list.push({ ...entry });
      this.historyByMemory.set(entry.memoryId, list);
    }
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new ConfigurationError(`${WHERE} was closed.`, {
        fix: "Create a new store (or Memory) to go on.",
      });
    }
  }
}

/** Scores equal to 1e-9 are ties: float rounding must not reorder vectors of the same direction. */
function rankKey(score: number): number {
  return Math.round(score * 1e9);
}
