import { ConfigurationError, InputError } from "@bedrock-embeddings/core";
import {
  assertLimit,
  assertSameBinding,
  assertValidBinding,
  type CheckedRecord,
  checkQueryVector,
  checkRecords,
  type FilterExpression,
  type HistoryOptions,
  type MemoryHistoryEntry,
  requireBinding,
  SequencedRecords,
  type VectorListOptions,
  type VectorListPage,
  type VectorSearchOptions,
  type VectorStore,
  type VectorStoreBinding,
  type VectorStoreEntry,
  type VectorStoreHit,
  type VectorStoreRecord,
} from "@bedrock-embeddings/memory";
import type { VectorStoreInterface } from "@langchain/core/vectorstores";
import { type HistoryLog, InMemoryHistoryLog } from "./history-log.js";
import { assertNoReservedKeys, toDocument } from "./langchain-document-codec.js";
import { deleteByIds, partialViewError, unknownRecordError } from "./langchain-store-limits.js";
import { searchWithOverFetch } from "./over-fetching-search.js";
import { probeStoreBinding } from "./store-binding-probe.js";

const WHERE = "the LangChain vector store adapter";
const DEFAULT_OVER_FETCH = 4;
/**
 * Options of {@link LangChainVectorStoreAdapter}.
 *
 * @example
 * const options: LangChainVectorStoreAdapterOptions<MemoryVectorStore> = {
 *   storeFilter: (filter) => (document) => matchesFilter(document.metadata, filter),
 * };
 */
export interface LangChainVectorStoreAdapterOptions<
  Store extends VectorStoreInterface = VectorStoreInterface,
> {
  /** Where the history of changes goes (not atomic with the store); default: in process memory. */
  history?: HistoryLog;
  /**
   * Translates a filter into the store's own filter, so the store narrows a search itself (filter
   * support differs per LangChain store). Hits are still checked against the filter here.
   */
  storeFilter?: (filter: FilterExpression) => Store["FilterType"] | undefined;
  /**
   * Turns the store's score into cosine similarity. Default: the score as is, right for stores that
   * report cosine similarity (MemoryVectorStore, and most stores set up for cosine). A store set up
   * for cosine distance needs `(distance) => 1 - distance`.
   */
  similarityFromScore?: (score: number) => number;
  /**
   * True when the store's `addVectors` replaces a document with the same id (most server stores);
   * replacing is then one call. Default false: replacing deletes, then adds (two calls, not atomic).
   */
  addReplacesById?: boolean;
  /** Hits read per hit wanted when a filter is evaluated here; default 4 (doubled until enough match). */
  overFetch?: number;
}

/**
 * Stores memories in any LangChain vector store, as far as LangChain's VectorStore API allows:
 * - `insert`/`upsert` call `addVectors(vectors, documents, { ids })` with `pageContent` = the memory
 *   text and `metadata` = the payload (plus the adapter's id and binding keys);
 * - `search` calls `similaritySearchVectorWithScore` and evaluates the filter here with
 *   `matchesFilter`, reading more hits until enough match (give `storeFilter` to let the store
 *   narrow it too); a scope with fewer matches than `limit` reads the whole store;
 * - `delete` calls `delete({ ids })` (a store without it, like MemoryVectorStore, cannot delete,
 *   update or replace);
 * - LangChain cannot read a record by id, list records, return what a change replaced, delete by
 *   filter or clear a store. The adapter answers `get`, `list`, `update`, `delete`, `deleteWhere` and
 *   `reset` from the records it wrote in this process, which is every record only when the store was
 *   empty at `initialize` (`knowsEveryRecord`). Otherwise those throw a ConfigurationError for records
 *   written before; they never answer from a partial view.
 * - History lives in a `HistoryLog` beside the store, written right after each change: not atomic.
 * One adapter per LangChain store: another writer's records are invisible to `get` and `list`.
 *
 * @example
 * import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
 * const store = new MemoryVectorStore(new LangChainEmbeddings(embedder));
 * const memory = new Memory({ embedder, vectorStore: new LangChainVectorStoreAdapter(store) });
 * await memory.add("Alice likes green tea", { userId: "alice" });
 */
export class LangChainVectorStoreAdapter<Store extends VectorStoreInterface = VectorStoreInterface>
  implements VectorStore
{
  /** The wrapped LangChain store. */
  readonly store: Store;
  private readonly historyLog: HistoryLog;
  private readonly options: LangChainVectorStoreAdapterOptions<Store>;
  /**
   * What this adapter wrote in this process, with vectors and insertion order: LangChain's API
   * cannot read a record by id or enumerate records, so `get`, `list`, `update`, `delete`,
   * `deleteWhere` and `reset` answer from here. `storeId` is the id the LangChain store gave the
   * document when it did not take ours.
   */
  private readonly written = new SequencedRecords<{ storeId: string }>();
  private binding: VectorStoreBinding | undefined;
  private storeWasEmpty = false;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(store: Store, options: LangChainVectorStoreAdapterOptions<Store> = {}) {
    if (
      typeof store?.addVectors !== "function" ||
      typeof store.similaritySearchVectorWithScore !== "function"
    ) {
      throw new ConfigurationError("the adapter needs a LangChain VectorStore instance.", {
        fix: "Pass e.g. new MemoryVectorStore(embeddings) or any store from @langchain/community.",
      });
    }
    const overFetch = options.overFetch ?? DEFAULT_OVER_FETCH;
    if (!Number.isInteger(overFetch) || overFetch < 1) {
      throw new ConfigurationError(
        `overFetch must be a positive integer, got ${String(options.overFetch)}.`,
        {
          fix: "Pass e.g. overFetch: 4, or omit it.",
        },
      );
    }
    this.store = store;
    this.historyLog = options.history ?? new InMemoryHistoryLog();
    this.options = options;
  }

  get dimension(): number | undefined {
    return this.binding?.dimension;
  }

  get modelId(): string | undefined {
    return this.binding?.modelId;
  }

  /**
   * True when the LangChain store was empty at `initialize`, so the records this adapter wrote are
   * every record and all operations work. False when it already held memories: then `get`, `list`,
   * `update`, `delete`, `deleteWhere` and `reset` throw for what they cannot see.
   *
   * @example
   * await adapter.initialize(binding);
   * adapter.knowsEveryRecord; // true on a new collection
   */
  get knowsEveryRecord(): boolean {
    return this.storeWasEmpty;
  }

  /**
   * Binds the adapter. LangChain stores keep no settings, so the binding is written into every
   * document's metadata and checked here against the document nearest to a probe vector; a store
   * holding documents the adapter did not write is refused.
   */
  async initialize(binding: VectorStoreBinding): Promise<void> {
    this.assertOpen();
    assertValidBinding(binding);
    return this.exclusive(async () => {
      if (this.binding) {
        assertSameBinding(this.binding, binding, { description: `The adapter over ${this.description()}` });
        return;
      }
      this.storeWasEmpty = await probeStoreBinding(this.store, binding, capitalize(this.description()));
      this.binding = { dimension: binding.dimension, modelId: binding.modelId };
    });
  }

  /**
   * Adds new records, then appends `history`. Duplicate ids are refused among the records this
   * process wrote; on a store that held records before, an older id cannot be checked.
   */
  async insert(
    records: readonly VectorStoreRecord[],
    history?: readonly MemoryHistoryEntry[],
  ): Promise<void> {
    this.assertOpen();
    return this.exclusive(async () => {
      const checked = this.checkWrite(records);
      checked.forEach((record, index) => {
        if (this.written.has(record.id)) {
          throw new InputError(`a record with id ${JSON.stringify(record.id)} already exists.`, {
            index,
            fix: "Use fresh ids for new records (or upsert to replace).",
          });
        }
      });
      await this.addToStore(checked);
      await this.historyLog.append(history ?? []);
    });
  }

  /** Adds or replaces records (a replace deletes, then adds, unless `addReplacesById`), then appends `history`. */
  async upsert(
    records: readonly VectorStoreRecord[],
    history?: readonly MemoryHistoryEntry[],
  ): Promise<void> {
    this.assertOpen();
    return this.exclusive(async () => {
      const checked = this.checkWrite(records);
      const mayExist = checked.filter((record) => this.written.has(record.id) || !this.storeWasEmpty);
      await this.replaceInStore(checked, mayExist, "upsert");
      await this.historyLog.append(history ?? []);
    });
  }

  async update(
    record: VectorStoreRecord,
    options: HistoryOptions<VectorStoreEntry> = {},
  ): Promise<VectorStoreEntry | null> {
    this.assertOpen();
    return this.exclusive(async () => {
      const checked = this.checkWrite([record]);
      const previous = this.written.entry(record.id);
      if (!previous) return this.unknownRecord("update", record.id);
      const history = options.history?.(structuredClone(previous));
      await this.replaceInStore(checked, checked, "update");
      await this.historyLog.append(history ?? []);
      return previous;
    });
  }

  /**
   * Searches the store and keeps hits matching `filter` (evaluated here, over-fetching until
   * `limit` match or the store has no more). Scores come from the store (see `similarityFromScore`).
   */
  async search(vector: readonly number[], options: VectorSearchOptions): Promise<VectorStoreHit[]> {
    this.assertOpen();
    assertLimit(options?.limit, "limit");
    const query = Array.from(checkQueryVector(vector, this.binding, WHERE).vector);
    const { filter, limit } = options;
    return this.exclusive(() =>
      searchWithOverFetch({
        store: this.store,
        query,
        filter,
        limit,
        storeFilter: filter && this.options.storeFilter ? this.options.storeFilter(filter) : undefined,
        overFetch: this.options.overFetch ?? DEFAULT_OVER_FETCH,
        similarityFromScore: this.options.similarityFromScore ?? ((score) => score),
        orderOf: (id) => this.written.stored(id)?.sequence,
        storeName: capitalize(this.description()),
      }),
    );
  }

  /** The record this process wrote with `id`; null for an unknown id only when `knowsEveryRecord`. */
  async get(id: string): Promise<VectorStoreRecord | null> {
    this.assertOpen();
    return this.exclusive(async () => this.written.record(id) ?? this.unknownRecord("get", id));
  }

  /** A page of the records this process wrote; only when `knowsEveryRecord`. */
  async list(options: VectorListOptions = {}): Promise<VectorListPage> {
    this.assertOpen();
    if (options.limit !== undefined) assertLimit(options.limit, "limit");
    return this.exclusive(async () => {
      this.requireEveryRecord("list");
      return this.written.page(options.filter, options.limit, options.cursor);
    });
  }

  async delete(id: string, options: HistoryOptions<VectorStoreEntry> = {}): Promise<VectorStoreEntry | null> {
    this.assertOpen();
    return this.exclusive(async () => {
      const previous = this.written.entry(id);
      if (!previous) return this.unknownRecord("delete", id);
      const history = options.history?.(structuredClone(previous));
      await this.deleteFromStore([id], "delete");
      this.written.remove([id]);
      await this.historyLog.append(history ?? []);
      return previous;
    });
  }

  /** Deletes the matching records; only when `knowsEveryRecord` (LangChain has no delete by filter). */
  async deleteWhere(
    filter: FilterExpression,
    options: HistoryOptions<readonly VectorStoreEntry[]> = {},
  ): Promise<VectorStoreEntry[]> {
    this.assertOpen();
    return this.exclusive(async () => {
      requireBinding(this.binding, WHERE);
      this.requireEveryRecord("deleteWhere");
      const removed = this.written.matching(filter);
      if (removed.length === 0) return [];
      const history = options.history?.(structuredClone(removed));
      const ids = removed.map((entry) => entry.id);
      await this.deleteFromStore(ids, "deleteWhere");
      this.written.remove(ids);
      await this.historyLog.append(history ?? []);
      return removed;
    });
  }

  async history(memoryId: string): Promise<MemoryHistoryEntry[]> {
    this.assertOpen();
    return this.historyLog.entriesOf(memoryId);
  }

  /** Deletes every record this process wrote, the history and the binding; only when `knowsEveryRecord`. */
  async reset(): Promise<void> {
    this.assertOpen();
    return this.exclusive(async () => {
      if (this.binding) this.requireEveryRecord("reset");
      const ids = this.written.ordered().map((record) => record.id);
      if (ids.length > 0) await this.deleteFromStore(ids, "reset");
      this.written.clear();
      await this.historyLog.clear();
      this.binding = undefined;
    });
  }

  /** Marks the adapter closed; the LangChain store belongs to the caller and stays open. */
  async close(): Promise<void> {
    this.closed = true;
  }

  private checkWrite(records: readonly VectorStoreRecord[]): CheckedRecord[] {
    const checked = checkRecords(records, this.binding, WHERE);
    checked.forEach((record, index) => {
      assertNoReservedKeys(record.payload, index);
    });
    return checked;
  }

  private async addToStore(records: readonly CheckedRecord[]): Promise<void> {
    const binding = requireBinding(this.binding, WHERE);
    const storeIds = await this.store.addVectors(
      records.map((record) => Array.from(record.vector)),
      records.map((record) => toDocument(record.id, record.payload, binding)),
      { ids: records.map((record) => record.id) },
    );
    // Some stores ignore `ids` and assign their own: keep them, or delete would miss the documents.
    const assigned = Array.isArray(storeIds) && storeIds.length === records.length ? storeIds : undefined;
    records.forEach((record, index) => {
      this.written.put({ ...record, storeId: assigned?.[index] ?? record.id });
    });
  }

  /**
   * Writes `records`, replacing the documents of `existing` (a subset): deletes them first, unless
   * the store replaces by id. If the add then fails, those records are gone from the store too.
   */
  private async replaceInStore(
    records: readonly CheckedRecord[],
    existing: readonly CheckedRecord[],
    operation: string,
  ): Promise<void> {
    const replaced = this.options.addReplacesById ? [] : existing.map((record) => record.id);
    if (replaced.length > 0) await this.deleteFromStore(replaced, operation);
    try {
      await this.addToStore(records);
    } catch (error) {
      this.written.remove(replaced);
      throw error;
    }
  }

  private async deleteFromStore(ids: readonly string[], operation: string): Promise<void> {
    const storeIds = ids.map((id) => this.written.stored(id)?.storeId ?? id);
    await deleteByIds(this.store, storeIds, operation, this.description());
  }

  private unknownRecord(operation: string, id: string): null {
    if (this.storeWasEmpty) return null;
    throw unknownRecordError(operation, id, this.description());
  }

  private requireEveryRecord(operation: string): void {
    if (!this.storeWasEmpty) throw partialViewError(operation, this.description());
  }

  private description(): string {
    return `the LangChain store (${this.store._vectorstoreType()})`;
  }

  /** Runs tasks one at a time, so a check and the write it guards are never interleaved with another. */
  private exclusive<Result>(task: () => Promise<Result>): Promise<Result> {
    const run = this.queue.then(task, task);
    // The chain only orders tasks; each task's failure reaches its own caller through `run`.
    this.queue = run.catch(() => undefined);
    return run;
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new ConfigurationError(`${WHERE} was closed.`, { fix: "Create a new adapter to go on." });
    }
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
