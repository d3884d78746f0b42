import { ConfigurationError, InputError } from "@bedrock-embeddings/core";
import { assertSameBinding, assertValidBinding } from "./binding-check.js";
import type { FilterExpression } from "./filter/filter-expression.js";
import { matchesFilter } from "./filter/matches-filter.js";
import type { JsonObject } from "./json-value.js";
import type { MemoryHistoryEntry } from "./memory-types.js";
import {
  assertLimit,
  type CheckedRecord,
  checkQueryVector,
  checkRecords,
  requireBinding,
} from "./record-checks.js";
import { decodeSequenceCursor, encodeSequenceCursor } from "./sequence-cursor.js";
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

interface StoredRecord extends CheckedRecord {
  /** Insertion order; kept when the record is replaced. */
  sequence: number;
}

/**
 * A `VectorStore` that keeps everything in process memory (lost on exit): the default of a
 * `Memory` without `dataDirectory`, and handy in tests. Exact cosine search over every match.
 *
 * @example
 * const memory = new Memory({ embedder, vectorStore: new InMemoryVectorStore() });
 */
export class InMemoryVectorStore implements VectorStore {
  private binding: VectorStoreBinding | undefined;
  private readonly records = new Map<string, StoredRecord>();
  private readonly historyByMemory = new Map<string, MemoryHistoryEntry[]>();
  private nextSequence = 1;
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
    this.store(checked);
    this.appendHistory(history);
  }

  async upsert(
    records: readonly VectorStoreRecord[],
    history?: readonly MemoryHistoryEntry[],
  ): Promise<void> {
    this.assertOpen();
    this.store(checkRecords(records, this.binding, WHERE));
    this.appendHistory(history);
  }

  async update(
    record: VectorStoreRecord,
    options: HistoryOptions<VectorStoreEntry> = {},
  ): Promise<VectorStoreEntry | null> {
    this.assertOpen();
    const [checked] = checkRecords([record], this.binding, WHERE);
    const previous = this.records.get(record.id);
    if (!previous || !checked) return null;
    const previousEntry = toEntry(previous);
    const history = options.history?.(toEntry(previous));
    this.store([checked]);
    this.appendHistory(history);
    return previousEntry;
  }

  async search(vector: readonly number[], options: VectorSearchOptions): Promise<VectorStoreHit[]> {
    this.assertOpen();
    assertLimit(options.limit, "limit");
    const query = checkQueryVector(vector, this.binding, WHERE);
    const hits: { record: StoredRecord; score: number }[] = [];
    for (const record of this.ordered()) {
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
    const record = this.records.get(id);
    if (!record) return null;
    return { id: record.id, vector: Array.from(record.vector), payload: structuredClone(record.payload) };
  }

  async list(options: VectorListOptions = {}): Promise<VectorListPage> {
    this.assertOpen();
    if (options.limit !== undefined) assertLimit(options.limit, "limit");
    const after = options.cursor === undefined ? 0 : decodeSequenceCursor(options.cursor);
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const entries: VectorStoreEntry[] = [];
    let lastSequence = after;
    for (const record of this.ordered()) {
      if (record.sequence <= after || !matchesFilter(record.payload, options.filter)) continue;
      if (entries.length >= limit) return { entries, nextCursor: encodeSequenceCursor(lastSequence) };
      entries.push(toEntry(record));
      lastSequence = record.sequence;
    }
    return { entries };
  }

  async delete(id: string, options: HistoryOptions<VectorStoreEntry> = {}): Promise<VectorStoreEntry | null> {
    this.assertOpen();
    const previous = this.records.get(id);
    if (!previous) return null;
    const history = options.history?.(toEntry(previous));
    this.records.delete(id);
    this.appendHistory(history);
    return toEntry(previous);
  }

  async deleteWhere(
    filter: FilterExpression,
    options: HistoryOptions<readonly VectorStoreEntry[]> = {},
  ): Promise<VectorStoreEntry[]> {
    this.assertOpen();
    requireBinding(this.binding, WHERE);
    const removed = [...this.ordered()]
      .filter((record) => matchesFilter(record.payload, filter))
      .map(toEntry);
    const history = removed.length > 0 ? options.history?.(removed) : undefined;
    for (const entry of removed) this.records.delete(entry.id);
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

  /** Records by insertion order (a replaced record keeps its place). */
  private ordered(): StoredRecord[] {
    return [...this.records.values()].sort((left, right) => left.sequence - right.sequence);
  }

  private store(records: readonly CheckedRecord[]): void {
    for (const record of records) {
      const sequence = this.records.get(record.id)?.sequence ?? this.nextSequence++;
      this.records.set(record.id, { ...record, sequence });
    }
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

function toEntry(record: StoredRecord): VectorStoreEntry {
  return { id: record.id, payload: structuredClone(record.payload) as JsonObject };
}
