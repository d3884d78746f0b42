import type { FilterExpression } from "./filter/filter-expression.js";
import { matchesFilter } from "./filter/matches-filter.js";
import type { JsonObject } from "./json-value.js";
import type { CheckedRecord } from "./record-checks.js";
import { decodeSequenceCursor, encodeSequenceCursor } from "./sequence-cursor.js";
import type { VectorListPage, VectorStoreEntry, VectorStoreRecord } from "./vector-store.js";

/**
 * A checked record as `SequencedRecords` holds it: with its insertion sequence and whatever extra
 * fields the holder keeps beside it.
 *
 * @example
 * const stored: SequencedRecord<{ storeId: string }> | undefined = records.stored("m1");
 */
export type SequencedRecord<Extra extends object> = CheckedRecord & Extra & { sequence: number };

/**
 * Checked records in process memory, numbered in insertion order (a replaced record keeps its
 * number), with the reads of the `VectorStore` contract: copies by id, every match, and pages with
 * a cursor. The in-memory store keeps its records here, and so does any store that must remember
 * what it wrote.
 *
 * @example
 * const records = new SequencedRecords();
 * records.put(checkRecords(input, binding, "my store")[0]!);
 * records.page(filter, 20, undefined); // { entries, nextCursor? }
 */
export class SequencedRecords<Extra extends object = Record<never, never>> {
  private readonly records = new Map<string, SequencedRecord<Extra>>();
  private nextSequence = 1;

  /** How many records are held. */
  get size(): number {
    return this.records.size;
  }

  has(id: string): boolean {
    return this.records.has(id);
  }

  /** The record as held (not a copy: do not change it), or undefined. */
  stored(id: string): SequencedRecord<Extra> | undefined {
    return this.records.get(id);
  }

  /** Adds a record, or replaces the one with its id keeping that one's place in the order. */
  put(record: CheckedRecord & Extra): void {
    const sequence = this.records.get(record.id)?.sequence ?? this.nextSequence++;
    this.records.set(record.id, { ...record, sequence });
  }

  remove(ids: Iterable<string>): void {
    for (const id of ids) this.records.delete(id);
  }

  clear(): void {
    this.records.clear();
  }

  /** Every record, in insertion order. */
  ordered(): SequencedRecord<Extra>[] {
    return [...this.records.values()].sort((left, right) => left.sequence - right.sequence);
  }

  /** A copy of the record, vector included (float32 values as numbers). */
  record(id: string): VectorStoreRecord | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    return { id: record.id, vector: Array.from(record.vector), payload: copyPayload(record.payload) };
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
}

/**
 * The entry of a held record: its id and a copy of its payload.
 *
 * @example
 * const entry = toEntry(records.stored("m1")!);
 */
export function toEntry(record: CheckedRecord): VectorStoreEntry {
  return { id: record.id, payload: copyPayload(record.payload) };
}

function copyPayload(payload: JsonObject): JsonObject {
  return structuredClone(payload);
}
