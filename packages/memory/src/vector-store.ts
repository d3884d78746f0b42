import type { JsonObject } from "./json-value.js";

/**
 * Exact-match filter on top-level payload keys: a record matches when every key is present in its
 * payload with an equal (deep JSON) value. `{}` matches everything.
 *
 * @example
 * const filter: VectorStoreFilter = { user_id: "alice", topic: "drinks" };
 */
export type VectorStoreFilter = JsonObject;

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
 * const [best] = await store.search(queryVector, { filter: { user_id: "alice" }, limit: 5 });
 * best?.score; // 0.83
 */
export interface VectorStoreHit extends VectorStoreEntry {
  score: number;
}

/**
 * Options of `VectorStore.search`.
 *
 * @example
 * await store.search(vector, { filter: { user_id: "alice" }, limit: 20 });
 */
export interface VectorSearchOptions {
  filter?: VectorStoreFilter;
  /** At most this many hits (a positive integer). */
  limit: number;
}

/**
 * Options of `VectorStore.list`.
 *
 * @example
 * await store.list({ filter: { agent_id: "a1" }, limit: 100 });
 */
export interface VectorListOptions {
  filter?: VectorStoreFilter;
  /** At most this many entries; all when omitted. */
  limit?: number;
}

/**
 * The storage a `Memory` sits on. Implement it to plug in another store; `InMemoryVectorStore` and
 * `FileVectorStore` are the built-in ones.
 *
 * Contract:
 * - `initialize` is called once before anything else and binds the store to a dimension and model;
 *   a store that already holds another binding throws a ConfigurationError and changes nothing.
 * - Vectors of another length are refused with a VectorError.
 * - A write resolves only once it is durable (for a persistent store) and visible to reads; a write
 *   that rejects changed nothing.
 * - `search` ranks by cosine similarity, best first; equal scores keep insertion order.
 * - `list` returns entries in insertion order; replacing a record keeps its position.
 * - Returned payloads are copies: mutating them does not change the store.
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
  /** Adds new records, all or none; an id that already exists is an InputError. */
  insert(records: readonly VectorStoreRecord[]): Promise<void>;
  /** Adds or replaces records by id, all or none. */
  upsert(records: readonly VectorStoreRecord[]): Promise<void>;
  /** Replaces an existing record; returns the previous entry, or null (and writes nothing) if absent. */
  update(record: VectorStoreRecord): Promise<VectorStoreEntry | null>;
  /** The hits most similar to `vector` among records matching `filter`, best first. */
  search(vector: readonly number[], options: VectorSearchOptions): Promise<VectorStoreHit[]>;
  /** The record with `id`, vector included, or null. */
  get(id: string): Promise<VectorStoreRecord | null>;
  /** Entries matching `filter`, in insertion order. */
  list(options?: VectorListOptions): Promise<VectorStoreEntry[]>;
  /** Removes one record; returns it, or null if absent. */
  delete(id: string): Promise<VectorStoreEntry | null>;
  /** Removes every record matching `filter`; returns them. */
  deleteWhere(filter: VectorStoreFilter): Promise<VectorStoreEntry[]>;
  /** Removes every record and the binding, so the next `initialize` may bind another model. */
  reset(): Promise<void>;
}
