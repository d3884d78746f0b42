import type { EmbeddingBase } from "@bedrock-embeddings/core";
import type { VectorStore } from "./vector-store.js";

/**
 * A chat message; with `infer: false` (the only mode here) each one with content becomes one memory.
 *
 * @example
 * const message: Message = { role: "user", content: "I moved to Lisbon" };
 */
export interface Message {
  role: "user" | "assistant" | "system" | (string & {});
  content: string;
  /** Who spoke; stored in the memory's metadata as `actor_id` (as mem0 does). */
  name?: string;
}

/**
 * Free-form metadata stored with a memory; values must be plain JSON.
 *
 * @example
 * const metadata: MemoryMetadata = { topic: "drinks", priority: 2 };
 */
export type MemoryMetadata = Record<string, unknown>;

/**
 * One memory as returned by `add`, `search`, `get` and `getAll` (mem0's `MemoryItem`).
 *
 * @example
 * const { results } = await memory.search("tea", { filters: { user_id: "alice" } });
 * results[0]?.memory; // "Alice likes green tea"
 */
export interface MemoryItem {
  id: string;
  /** The remembered text. */
  memory: string;
  /** sha256 of the text, hex. */
  hash: string;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601; set once the memory was updated. */
  updatedAt?: string;
  /** Cosine similarity to the query; set by `search` only. */
  score?: number;
  /** Custom metadata, including `role` (and `actor_id`) for memories added from messages. */
  metadata?: MemoryMetadata;
  userId?: string;
  agentId?: string;
  runId?: string;
}

/**
 * What `add`, `search` and `getAll` return (mem0's `SearchResult`).
 *
 * @example
 * const { results } = await memory.getAll({ filters: { user_id: "alice" } });
 */
export interface SearchResult {
  results: MemoryItem[];
}

/**
 * Who a memory belongs to. At least one id is required to add memories.
 *
 * @example
 * await memory.deleteAll({ userId: "alice" });
 */
export interface MemoryScope {
  userId?: string;
  agentId?: string;
  runId?: string;
}

/**
 * Options of `Memory.add` (mem0's `AddMemoryOptions` with `infer: false`).
 *
 * @example
 * await memory.add("Alice likes green tea", { userId: "alice", metadata: { topic: "drinks" } });
 */
export interface AddMemoryOptions extends MemoryScope {
  metadata?: MemoryMetadata;
  /** There is no LLM step: only `false` (the default here) is accepted. */
  infer?: false;
}

/**
 * mem0 v3 filters of `search` and `getAll`. At least one of `user_id`, `agent_id`, `run_id` (or
 * their camelCase forms) is required as a plain id. Other keys match metadata (and `created_at` /
 * `updated_at`): `{ key: value }` equality, `{ key: [a, b] }` one of, `{ key: "*" }` present,
 * `{ key: { gte: 2 } }` with operators `eq ne gt gte lt lte in nin contains icontains`, and
 * `AND: [...]`, `OR: [...]`, `NOT: [...]`.
 *
 * @example
 * const filters: MemoryFilters = { user_id: "alice", priority: { gte: 2 }, OR: [{ topic: "tea" }, { topic: "coffee" }] };
 */
export interface MemoryFilters {
  user_id?: string;
  agent_id?: string;
  run_id?: string;
  userId?: string;
  agentId?: string;
  runId?: string;
  AND?: MemoryFilters[];
  OR?: MemoryFilters[];
  NOT?: MemoryFilters[];
  [metadataKey: string]: unknown;
}

/**
 * Options of `Memory.search` (mem0 3.x: the scope goes inside `filters`).
 *
 * @example
 * await memory.search("what does alice drink?", { filters: { user_id: "alice" }, topK: 5, threshold: 0.2 });
 */
export interface SearchMemoryOptions {
  filters: MemoryFilters;
  /** At most this many results; default 20 (or `searchDefaults.topK`). */
  topK?: number;
  /** Drops results with a lower cosine similarity, in [-1, 1]; default 0.1 (or `searchDefaults.threshold`). */
  threshold?: number;
  /** Not accepted: put the scope in `filters` (mem0 3.x). */
  userId?: never;
  /** Not accepted: put the scope in `filters` (mem0 3.x). */
  agentId?: never;
  /** Not accepted: put the scope in `filters` (mem0 3.x). */
  runId?: never;
}

/**
 * Options of `Memory.getAll`: one page of a scope's memories, oldest first.
 *
 * @example
 * const first = await memory.getAll({ filters: { user_id: "alice" }, topK: 100 });
 * const second = await memory.getAll({ filters: { user_id: "alice" }, topK: 100, cursor: first.nextCursor });
 */
export interface GetAllMemoryOptions {
  filters: MemoryFilters;
  /** Page size; default 20 (or `searchDefaults.topK`). */
  topK?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Not accepted: put the scope in `filters` (mem0 3.x). */
  userId?: never;
  /** Not accepted: put the scope in `filters` (mem0 3.x). */
  agentId?: never;
  /** Not accepted: put the scope in `filters` (mem0 3.x). */
  runId?: never;
}

/**
 * One page of `Memory.getAll`. `nextCursor` is set when more memories match: the page was capped.
 *
 * @example
 * const { results, nextCursor } = await memory.getAll({ filters: { user_id: "alice" } });
 */
export interface MemoryPage extends SearchResult {
  nextCursor?: string;
}

/**
 * Options of the id operations (`get`, `update`, `delete`): with `filters`, the memory must also
 * match them (its scope), or it counts as not found.
 *
 * @example
 * await memory.delete(id, { filters: { user_id: "alice" } }); // NotFoundError if it is bob's
 */
export interface MemoryIdOptions {
  filters?: MemoryFilters;
}

/**
 * What `Memory.deleteAll` returns.
 *
 * @example
 * const { deleted } = await memory.deleteAll({ userId: "alice" });
 */
export interface DeleteAllResult {
  message: string;
  /** How many memories were deleted. */
  deleted: number;
}

/**
 * The new content of `Memory.update`: a text, or a text with metadata that replaces the custom
 * metadata (omit `metadata` to keep it).
 *
 * @example
 * await memory.update(id, { text: "Alice prefers oolong", metadata: { topic: "drinks" } });
 */
export type UpdateMemoryInput = string | { text: string; metadata?: MemoryMetadata };

/**
 * The kind of change a history entry records.
 *
 * @example
 * const event: MemoryEvent = "UPDATE";
 */
export type MemoryEvent = "ADD" | "UPDATE" | "DELETE";

/**
 * One recorded change of one memory.
 *
 * @example
 * const [added, updated] = await memory.history(id);
 * updated?.previousValue; // "Alice likes green tea"
 */
export interface MemoryHistoryEntry {
  id: string;
  memoryId: string;
  /** The text before the change; null for ADD. */
  previousValue: string | null;
  /** The text after the change; null for DELETE. */
  newValue: string | null;
  event: MemoryEvent;
  /** ISO 8601. */
  createdAt: string;
}

/**
 * Defaults for `search` and `getAll` when a call does not give them.
 *
 * @example
 * new Memory({ embedder, searchDefaults: { topK: 5, threshold: 0 } });
 */
export interface SearchDefaults {
  /** Default 20 (mem0). */
  topK?: number;
  /** Default 0.1 (mem0). */
  threshold?: number;
}

/**
 * Options of `new Memory(...)`.
 *
 * @example
 * const memory = new Memory({ embedder: new FakeEmbedder(), dataDirectory: ".data/memory" });
 */
export interface MemoryOptions {
  embedder: EmbeddingBase;
  /**
   * Folder of the embedded file store (memories and their history in one crash-safe log); everything
   * stays in process memory when omitted and no `vectorStore` is given.
   */
  dataDirectory?: string;
  /** The store to use instead of the built-in ones (e.g. a `PgVectorStore`). */
  vectorStore?: VectorStore;
  /** Name of the log under `dataDirectory` (letters, digits, `_`, `-`); default "memories". */
  collection?: string;
  /** Source of timestamps; default `() => new Date()`. */
  clock?: () => Date;
  /** Source of memory ids; default `crypto.randomUUID`. */
  idGenerator?: () => string;
  searchDefaults?: SearchDefaults;
}
