import {
  type CheckedRecord,
  decodeSequenceCursor,
  encodeSequenceCursor,
  type FilterExpression,
  type JsonObject,
  matchesFilter,
  type VectorListPage,
  type VectorStoreEntry,
  type VectorStoreRecord,
} from "@bedrock-embeddings/memory";

interface WrittenRecord extends CheckedRecord {
  /** Insertion order; kept when the record is replaced. */
  sequence: number;
  /** The id the LangChain store gave the document, when it did not take ours. */
  storeId: string;
}

/**
 * The records one `LangChainVectorStoreAdapter` wrote in this process, with their vectors and
 * insertion order: LangChain's VectorStore API cannot read a record by id or enumerate records, so
 * `get`, `list`, `update`, `delete`, `deleteWhere` and `reset` answer from here.
 *
 * @example
 * const written = new WrittenRecords();
 * written.put(checkedRecords);
 * written.page({ filter, limit: 20 });
 */
export class WrittenRecords {
  private readonly records = new Map<string, WrittenRecord>();
  private nextSequence = 1;

  /** How many records are held. */
  get size(): number {
    return this.records.size;
  }

  has(id: string): boolean {
    return this.records.has(id);
  }

  /** Insertion order of `id`, or undefined when this process did not write it. */
  sequenceOf(id: string): number | undefined {
    return this.records.get(id)?.sequence;
  }

  /**
   * Adds or replaces records; a replaced record keeps its place in the order. `storeIds` are the
   * ids `addVectors` returned, for stores that assign their own.
   */
  put(records: readonly CheckedRecord[], storeIds?: readonly string[]): void {
    records.forEach((record, index) => {
      const sequence = this.records.get(record.id)?.sequence ?? this.nextSequence++;
      this.records.set(record.id, { ...record, sequence, storeId: storeIds?.[index] ?? record.id });
    });
  }

  /** The store's id for the document of `id` (the same id unless the store assigned its own). */
  storeIdOf(id: string): string {
    return this.records.get(id)?.storeId ?? id;
  }

  /** Every id, in insertion order. */
  ids(): string[] {
    return this.ordered().map((record) => record.id);
  }

  /** A copy of the record, vector included (float32 values as numbers). */
  record(id: string): VectorStoreRecord | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    return { id: record.id, vector: Array.from(record.vector), payload: structuredClone(record.payload) };
  }

  /** A copy of the entry (no vector). */
  entry(id: string): VectorStoreEntry | undefined {
    const record = this.records.get(id);
    return record ? toEntry(record) : undefined;
  }

  /** Every entry matching `filter`, in insertion order. */
  matching(filter: FilterExpression | undefined): VectorStoreEntry[] {
    return this.ordered()
      .filter((record) => matchesFilter(record.payload, filter))
      .map(toEntry);
  }

  /** One page of entries matching `filter`, in insertion order, after `cursor`. */
  page(
    filter: FilterExpression | undefined,
    limit: number | undefined,
    cursor: string | undefined,
  ): VectorListPage {
    const after = cursor === undefined ? 0 : decodeSequenceCursor(cursor);
    const entries: VectorStoreEntry[] = [];
    let lastSequence = after;
    for (const record of this.ordered()) {
      if (record.sequence <= after || !matchesFilter(record.payload, filter)) continue;
      if (limit !== undefined && entries.length >= limit)
        return { entries, nextCursor: encodeSequenceCursor(lastSequence) };
      entries.push(toEntry(record));
      lastSequence = record.sequence;
    }
    return { entries };
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) this.records.delete(id);
  }

  clear(): void {
    this.records.clear();
  }

  private ordered(): WrittenRecord[] {
    return [...this.records.values()].sort((left, right) => left.sequence - right.sequence);
  }
}

function toEntry(record: WrittenRecord): VectorStoreEntry {
  return { id: record.id, payload: structuredClone(record.payload) as JsonObject };
}
