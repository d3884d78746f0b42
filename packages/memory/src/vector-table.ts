import {
  assertFiniteVector,
  ConfigurationError,
  dotProduct,
  InputError,
  VectorError,
  vectorNorm,
} from "@bedrock-embeddings/core";
import { assertJsonValue, isPlainObject, type JsonObject } from "./json-value.js";
import { assertFilter, assertLimit, matchesFilter } from "./payload-filter.js";
import type {
  VectorListOptions,
  VectorSearchOptions,
  VectorStoreBinding,
  VectorStoreEntry,
  VectorStoreFilter,
  VectorStoreHit,
  VectorStoreRecord,
} from "./vector-store.js";

/** A record as held in memory; never mutated once stored (updates replace it). */
interface StoredRecord {
  readonly id: string;
  readonly vector: readonly number[];
  readonly norm: number;
  readonly payload: JsonObject;
}

/** Where a table lives, for error messages. */
export interface TableLocation {
  /** e.g. `The memory store`; the file, when there is one, is added by the messages. */
  description: string;
  /** The file behind the table, when there is one. */
  file?: string;
}

/**
 * The state of a vector store, in memory, with the operations of the `VectorStore` contract.
 * Every mutating method validates everything before it changes anything, so a throwing call leaves
 * the table as it was. `clone()` is cheap (records are shared, never mutated), which lets a
 * persistent store apply writes to a draft and keep it only once the draft is on disk.
 *
 * @example
 * const table = new VectorTable({ description: "The vector store" });
 * table.bind({ dimension: 2, modelId: "m" });
 * table.insert([{ id: "a", vector: [1, 0], payload: {} }]);
 * table.search([1, 0], { limit: 1 }); // [{ id: "a", score: 1, payload: {} }]
 */
export class VectorTable {
  binding: VectorStoreBinding | undefined;
  /** Goes up on every change, so a writer can tell whether a draft needs saving. */
  revision = 0;
  private readonly records: Map<string, StoredRecord>;

  constructor(
    readonly location: TableLocation,
    binding?: VectorStoreBinding,
    records: Iterable<VectorStoreRecord> = [],
  ) {
    this.binding = binding;
    this.records = new Map();
    const list = [...records];
    if (list.length > 0) this.insert(list);
  }

  /** Number of records. */
  get size(): number {
    return this.records.size;
  }

  /** A copy that shares the (immutable) records. */
  clone(): VectorTable {
    const copy = new VectorTable(this.location, this.binding);
    for (const [id, record] of this.records) copy.records.set(id, record);
    copy.revision = this.revision;
    return copy;
  }

  /** Every record in insertion order, vectors included (for serialization). */
  *entries(): IterableIterator<VectorStoreRecord> {
    for (const record of this.records.values()) yield toRecord(record);
  }

  /** Binds an unbound table, or checks that the binding is the same. */
  bind(binding: VectorStoreBinding): void {
    if (!Number.isInteger(binding.dimension) || binding.dimension < 1) {
      throw new ConfigurationError(
        `the vector dimension must be a positive integer, got ${binding.dimension}.`,
        {
          fix: "Check the embedder's dimension setting.",
        },
      );
    }
    if (typeof binding.modelId !== "string" || binding.modelId === "") {
      throw new ConfigurationError("the embedding model id is empty.", {
        fix: "Give the embedder a model id.",
      });
    }
    const stored = this.binding;
    if (!stored) {
      this.binding = { dimension: binding.dimension, modelId: binding.modelId };
      this.revision++;
      return;
    }
    const reindex =
      "Re-index: point dataDirectory (or collection) at a new location and add the memories again with the new " +
      "embedder, or call memory.reset() to delete the stored memories; or go back to the previous embedder settings.";
    if (stored.dimension !== binding.dimension) {
      throw new ConfigurationError(
        `${this.location.description} holds ${stored.dimension}-dimensional vectors from model "${stored.modelId}", ` +
          `but the embedder produces ${binding.dimension}-dimensional vectors. Vectors of different lengths cannot be compared.`,
        { file: this.location.file, fix: reindex },
      );
    }
    if (stored.modelId !== binding.modelId) {
      throw new ConfigurationError(
        `${this.location.description} holds vectors from model "${stored.modelId}", but the embedder is ` +
          `"${binding.modelId}". Vectors from different models are not comparable; mixing them silently corrupts search.`,
        { file: this.location.file, fix: reindex },
      );
    }
  }

  insert(records: readonly VectorStoreRecord[]): void {
    const prepared = this.prepare(records);
    for (const record of prepared) {
      if (this.records.has(record.id)) {
        throw new InputError(`a record with id ${JSON.stringify(record.id)} already exists.`, {
          fix: "Use fresh ids for new records (or upsert to replace).",
        });
      }
    }
    for (const record of prepared) this.records.set(record.id, record);
    if (prepared.length > 0) this.revision++;
  }

  upsert(records: readonly VectorStoreRecord[]): void {
    const prepared = this.prepare(records);
    for (const record of prepared) this.records.set(record.id, record);
    if (prepared.length > 0) this.revision++;
  }

  update(record: VectorStoreRecord): VectorStoreEntry | null {
    const [prepared] = this.prepare([record]);
    const previous = this.records.get(record.id);
    if (!previous || !prepared) return null;
    this.records.set(prepared.id, prepared);
    this.revision++;
    return toEntry(previous);
  }

  delete(id: string): VectorStoreEntry | null {
    const previous = this.records.get(id);
    if (!previous) return null;
    this.records.delete(id);
    this.revision++;
    return toEntry(previous);
  }

  deleteWhere(filter: VectorStoreFilter): VectorStoreEntry[] {
    assertFilter(filter);
    const removed: VectorStoreEntry[] = [];
    for (const record of this.records.values()) {
      if (matchesFilter(record.payload, filter)) removed.push(toEntry(record));
    }
    for (const entry of removed) this.records.delete(entry.id);
    if (removed.length > 0) this.revision++;
    return removed;
  }

  /** Removes every record and the binding. */
  clear(): void {
    if (this.records.size === 0 && this.binding === undefined) return;
    this.records.clear();
    this.binding = undefined;
    this.revision++;
  }

  search(vector: readonly number[], options: VectorSearchOptions): VectorStoreHit[] {
    assertLimit(options.limit, "limit");
    assertFilter(options.filter);
    const binding = this.requireBinding();
    this.checkVector(vector, binding, "the query vector");
    const queryNorm = vectorNorm(vector);
    const hits: { record: StoredRecord; score: number }[] = [];
    for (const record of this.records.values()) {
      if (!matchesFilter(record.payload, options.filter)) continue;
      const score = dotProduct(vector, record.vector) / (queryNorm * record.norm);
      hits.push({ record, score: Math.max(-1, Math.min(1, score)) });
    }
    // Array.prototype.sort is stable, so equal scores keep insertion order. Scores are compared at
    // 1e-12 so that rounding noise (e.g. the same direction at another length) counts as a tie.
    hits.sort((left, right) => rankKey(right.score) - rankKey(left.score));
    return hits.slice(0, options.limit).map(({ record, score }) => ({ ...toEntry(record), score }));
  }

  get(id: string): VectorStoreRecord | null {
    const record = this.records.get(id);
    return record ? toRecord(record) : null;
  }

  list(options: VectorListOptions = {}): VectorStoreEntry[] {
    if (options.limit !== undefined) assertLimit(options.limit, "limit");
    assertFilter(options.filter);
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    const found: VectorStoreEntry[] = [];
    for (const record of this.records.values()) {
      if (found.length >= limit) break;
      if (matchesFilter(record.payload, options.filter)) found.push(toEntry(record));
    }
    return found;
  }

  /** e.g. `the memory store /data/memories.json`. */
  private where(): string {
    const description = lowerFirst(this.location.description);
    return this.location.file ? `${description} ${this.location.file}` : description;
  }

  private requireBinding(): VectorStoreBinding {
    if (!this.binding) {
      throw new ConfigurationError(`${this.where()} is not initialized.`, {
        fix: "Call initialize({ dimension, modelId }) before using the store (Memory does this for you).",
      });
    }
    return this.binding;
  }

  /** Validates and copies records; throws before anything is stored. */
  private prepare(records: readonly VectorStoreRecord[]): StoredRecord[] {
    const binding = this.requireBinding();
    const seen = new Set<string>();
    return records.map((record, index) => {
      if (!isPlainObject(record) || typeof record.id !== "string" || record.id === "") {
        throw new InputError("a record needs a non-empty string id.", {
          index,
          fix: "Give every record an id.",
        });
      }
      if (seen.has(record.id)) {
        throw new InputError(`id ${JSON.stringify(record.id)} appears twice in one write.`, { index });
      }
      seen.add(record.id);
      this.checkVector(record.vector, binding, `the vector of ${JSON.stringify(record.id)}`);
      if (!isPlainObject(record.payload)) {
        throw new InputError(`the payload of ${JSON.stringify(record.id)} must be a plain object.`, {
          index,
        });
      }
      assertJsonValue(record.payload, "payload");
      const norm = vectorNorm(record.vector);
      if (norm === 0) {
        throw new VectorError(
          `the vector of ${JSON.stringify(record.id)} is all zeros and has no direction.`,
          {
            fix: "Check the embedder output; a zero vector cannot be ranked by cosine similarity.",
          },
        );
      }
      return {
        id: record.id,
        vector: Array.from(record.vector),
        norm,
        payload: structuredClone(record.payload),
      };
    });
  }

  private checkVector(
    vector: unknown,
    binding: VectorStoreBinding,
    label: string,
  ): asserts vector is number[] {
    if (!Array.isArray(vector)) throw new VectorError(`${label} is not an array of numbers.`);
    if (vector.length !== binding.dimension) {
      throw new VectorError(
        `${label} has ${vector.length} dimensions, but ${this.where()} holds ` +
          `${binding.dimension}-dimensional vectors (model "${binding.modelId}").`,
        {
          fix:
            "Embed with the model and dimension the store was created with, or re-index into a new data directory " +
            "(or call memory.reset()).",
        },
      );
    }
    assertFiniteVector(vector, label);
  }
}

function toEntry(record: StoredRecord): VectorStoreEntry {
  return { id: record.id, payload: structuredClone(record.payload) };
}

function toRecord(record: StoredRecord): VectorStoreRecord {
  return { id: record.id, vector: Array.from(record.vector), payload: structuredClone(record.payload) };
}

function rankKey(score: number): number {
  return Math.round(score * 1e12);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
