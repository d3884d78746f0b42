import type { FilterExpression } from "./filter/filter-expression.js";
import type { JsonObject } from "./json-value.js";
import type { MemoryHistoryEntry } from "./memory-types.js";

/**
 * What a store is bound to: vectors of one length from one embedding model. Mixing either
 * silently corrupts similarity search, so stores refuse it.
 *
 * @example
 * await store.initialize({ dimension: 1024, modelId: "amazon.titan-embed-text-v2:0" });
 */
export interface VectorStoreBinding {
  dimension: number;
  modelId: string;
}

/**
 * One vector with its id and JSON payload, as written to a store.
 *
 * @example
 * await store.insert([{ id: "m1", vector: [0.6, 0.8], payload: { data: "likes tea", user_id: "alice" } }]);
 */
export interface VectorStoreRecord {
  id: string;
  vector: number[];
  payload: JsonObject;
}

/**
 * A stored record without its vector, as `list`, `delete` and `update` return it.
 *
 * @example
 * const previous = await store.delete("m1"); // { id: "m1", payload: {...} } or null
 */
export interface VectorStoreEntry {
  id: string;
  payload: JsonObject;
}

/**
 * A search hit: a stored entry with its cosine similarity to the query, in [-1, 1].
 *
 * @example
 * const [best] = await store.search(queryVector, { filter, limit: 5 });
 * best?.score; // 0.83
 */
export interface VectorStoreHit extends VectorStoreEntry {
  score: number;
}

/**
 * Options of `VectorStore.search`.
 *
 * @example
 * await store.search(vector, { filter: parseFilter({ user_id: "alice" }), limit: 20 });
 */
export interface VectorSearchOptions {
  /** Only records matching it; every record when omitted. */
  filter?: FilterExpression;
  /** At most this many hits (a positive integer). */
  limit: number;
}

/**
 * Options of `VectorStore.list`.
 *
 * @example
 * const page = await store.list({ filter, limit: 100 });
 * const next = await store.list({ filter, limit: 100, cursor: page.nextCursor });
 */
export interface VectorListOptions {
  filter?: FilterExpression;
  /** At most this many entries per page (a positive integer); every match when omitted. */
  limit?: number;
  /** Continue after the page that returned this `nextCursor`. */
  cursor?: string;
}

/**
 * One page of `VectorStore.list`, in insertion order.
 *
 * @example
 * const { entries, nextCursor } = await store.list({ limit: 20 });
 * if (nextCursor !== undefined) { ... } // more entries match
 */
export interface VectorListPage {
  entries: VectorStoreEntry[];
  /** Set when more entries match: pass it as `cursor` to read the next page. */
  nextCursor?: string;
}

/**
 * History written in the same atomic step as a change, so a crash never leaves a memory without
 * its history. For `update`/`delete` it is built from the entry the change replaced or removed.
 *
 * @example
 * await store.delete(id, { history: (previous) => [deleteEntryFor(previous)] });
 */
export interface HistoryOptions<Changed> {
  history?: (changed: Changed) => readonly MemoryHistoryEntry[];
}

/**
 * The storage a `Memory` sits on: vectors, payloads and the history of changes. Implement it to
 * plug in another backend, and run `describeVectorStoreContract` from
 * `@bedrock-embeddings/memory/testing` against it.
 *
 * Contract:
 * - `initialize` is called once before anything else and binds the store to a dimension and model;
 *   a store that already holds another binding throws a ConfigurationError and changes nothing.
 * - Vectors of another length are refused with a VectorError. Vectors are kept as float32: `get`
 *   returns each component rounded to the nearest float32 (`Math.fround`).
 * - A write resolves only once it is durable (for a persistent store) and visible to reads; a write
 *   that rejects changed nothing, history included.
 * - `search` ranks by cosine similarity, best first; equal scores keep insertion order.
 * - `list` returns entries in insertion order; replacing a record keeps its position.
 * - Returned payloads are copies: mutating them does not change the store.
 * - Filters are `FilterExpression`s; a backend that cannot evaluate one throws an InputError naming
 *   the operator (never a silent empty answer).
 *
 * @example
 * const memory = new Memory({ embedder, vectorStore: new InMemoryVectorStore() });
 */
export interface VectorStore {
  /** Length of the stored vectors; undefined until bound by `initialize` (or loaded). */
  readonly dimension: number | undefined;
  /** The embedding model the stored vectors come from; undefined until bound. */
  readonly modelId: string | undefined;
  /** Loads the store and binds it to `binding`, or checks that it is already bound to the same one. */
  initialize(binding: VectorStoreBinding): Promise<void>;
  /** Adds new records with their history, all or none; an id that already exists is an InputError. */
  insert(records: readonly VectorStoreRecord[], history?: readonly MemoryHistoryEntry[]): Promise<void>;
  /** Adds or replaces records by id, all or none (used by import and re-embedding). */
  upsert(records: readonly VectorStoreRecord[], history?: readonly MemoryHistoryEntry[]): Promise<void>;
  /** Replaces an existing record; returns the previous entry, or null (and writes nothing) if absent. */
  update(
    record: VectorStoreRecord,
    options?: HistoryOptions<VectorStoreEntry>,
  ): Promise<VectorStoreEntry | null>;
  /** The hits most similar to `vector` among records matching `filter`, best first. */
  search(vector: readonly number[], options: VectorSearchOptions): Promise<VectorStoreHit[]>;
  /** The record with `id`, vector included, or null. */
  get(id: string): Promise<VectorStoreRecord | null>;
  /** Entries matching `filter`, in insertion order, one page at a time. */
  list(options?: VectorListOptions): Promise<VectorListPage>;
  /** Removes one record; returns it, or null (and writes nothing) if absent. */
  delete(id: string, options?: HistoryOptions<VectorStoreEntry>): Promise<VectorStoreEntry | null>;
  /** Removes every record matching `filter`; returns them. */
  deleteWhere(
    filter: FilterExpression,
    options?: HistoryOptions<readonly VectorStoreEntry[]>,
  ): Promise<VectorStoreEntry[]>;
  /** Every recorded change of one memory, oldest first; [] for an unknown id. */
  history(memoryId: string): Promise<MemoryHistoryEntry[]>;
  /** Removes every record, all history and the binding, so the next `initialize` may bind another model. */
  reset(): Promise<void>;
  /** Releases files, locks and connections; the store is unusable afterwards. Safe to call twice. */
  close(): Promise<void>;
}
