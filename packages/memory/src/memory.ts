import { randomUUID } from "node:crypto";
import {
  type AppConfig,
  ConfigurationError,
  type EmbeddingBase,
  InputError,
  NotFoundError,
  VectorError,
} from "@bedrock-embeddings/core";
import { FileVectorStore } from "./file-store/file-vector-store.js";
import type { FilterExpression } from "./filter/filter-expression.js";
import { matchesFilter } from "./filter/matches-filter.js";
import { InMemoryVectorStore } from "./in-memory-vector-store.js";
import { isPlainObject, type JsonObject } from "./json-value.js";
import { buildPayload, checkMetadata, contentOf, toMemoryItem } from "./memory-payload.js";
import type {
  AddMemoryOptions,
  DeleteAllResult,
  GetAllMemoryOptions,
  MemoryEvent,
  MemoryHistoryEntry,
  MemoryIdOptions,
  MemoryItem,
  MemoryOptions,
  MemoryPage,
  MemoryScope,
  Message,
  SearchMemoryOptions,
  SearchResult,
  UpdateMemoryInput,
} from "./memory-types.js";
import { toMemoryInputs } from "./messages.js";
import { assertKnownOptions, requireId, requireText, requireThreshold } from "./option-checks.js";
import { assertLimit } from "./record-checks.js";
import { filterFromFilters, scopeFilter, scopeFromOptions } from "./scope.js";
import { openVectorStore } from "./store-from-config.js";
import { type ExportMemoriesOptions, exportMemories } from "./transfer/export-memories.js";
import type { ExportedMemory } from "./transfer/exported-memory.js";
import { type ImportCounts, type ImportMemoriesOptions, importMemories } from "./transfer/import-memories.js";
import {
  type ReembedCounts,
  type ReembedMemoriesOptions,
  reembedMemories,
} from "./transfer/reembed-memories.js";
import type { VectorStore, VectorStoreEntry, VectorStoreRecord } from "./vector-store.js";

const DEFAULT_COLLECTION = "memories";
const DEFAULT_TOP_K = 20;
const DEFAULT_THRESHOLD = 0.1;

/**
 * A mem0-style memory without the LLM step (mem0's `infer: false`): every text you add is embedded
 * and stored as it is, scoped to a user, agent and/or run, and found again by semantic search.
 * Persisted under `dataDirectory` when given (a crash-safe log that several processes can share),
 * in any `vectorStore` you pass (e.g. Postgres with pgvector), in process memory otherwise.
 *
 * @example
 * const memory = new Memory({ embedder, dataDirectory: ".data/memory" });
 * await memory.add("Alice likes green tea", { userId: "alice", metadata: { topic: "drinks" } });
 * const { results } = await memory.search("what does alice drink?", { filters: { user_id: "alice" } });
 * results[0]?.memory; // "Alice likes green tea"
 */
export class Memory {
  readonly embedder: EmbeddingBase;
  readonly vectorStore: VectorStore;
  readonly collection: string;
  private readonly clock: () => Date;
  private readonly idGenerator: () => string;
  private readonly defaultTopK: number;
  private readonly defaultThreshold: number;
  private ready: Promise<void> | undefined;

  constructor(options: MemoryOptions) {
    if (!isPlainObject(options) || !isEmbedder(options.embedder)) {
      throw new ConfigurationError("new Memory() needs an embedder.", {
        path: "embedder",
        fix: "Pass { embedder } with an EmbeddingBase, e.g. a BedrockEmbedder or FakeEmbedder.",
      });
    }
    this.embedder = options.embedder;
    this.collection = options.collection ?? DEFAULT_COLLECTION;
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(this.collection)) {
      throw new ConfigurationError(`collection ${JSON.stringify(this.collection)} is not a valid name.`, {
        path: "collection",
        fix: "Use 1 to 100 letters, digits, '_' or '-'; it names the files under dataDirectory.",
      });
    }
    const directory = options.dataDirectory;
    if (directory !== undefined && (typeof directory !== "string" || directory === "")) {
      throw new ConfigurationError("dataDirectory must be a non-empty path.", {
        path: "dataDirectory",
        fix: "Pass a folder path, or omit it to keep memories in process memory.",
      });
    }
    if (directory !== undefined && options.vectorStore !== undefined) {
      throw new ConfigurationError("new Memory() takes dataDirectory or vectorStore, not both.", {
        path: "dataDirectory",
        fix: "dataDirectory selects the embedded file store; drop it when you pass your own vectorStore.",
      });
    }
    this.vectorStore =
      options.vectorStore ??
      (directory === undefined
        ? new InMemoryVectorStore()
        : new FileVectorStore({ directory, collection: this.collection }));
    this.clock = options.clock ?? (() => new Date());
    this.idGenerator = options.idGenerator ?? randomUUID;
    const defaults = options.searchDefaults ?? {};
    this.defaultTopK = defaults.topK ?? DEFAULT_TOP_K;
    assertLimit(this.defaultTopK, "searchDefaults.topK");
    this.defaultThreshold = requireThreshold(defaults.threshold ?? DEFAULT_THRESHOLD);
  }

  /**
   * A memory on the store the configuration names (`vector_store`: the embedded file store or
   * pgvector), with `memory.top_k` and `memory.threshold` as search defaults. Close it when done.
   *
   * @example
   * const config = await loadConfig("memory.yaml");
   * const memory = await Memory.fromConfig(config, { embedder });
   */
  static async fromConfig(
    config: Pick<AppConfig, "vectorStore" | "memory">,
    options: { embedder: EmbeddingBase },
  ): Promise<Memory> {
    const vectorStore = await openVectorStore(config.vectorStore);
    return new Memory({
      embedder: options.embedder,
      vectorStore,
      searchDefaults: { topK: config.memory.topK, threshold: config.memory.threshold },
    });
  }

  /**
   * Remembers a text, or each user/assistant message with content (one memory each, `role` kept in
   * metadata), embedding them in one `embedBatch(texts, "add")` call. Needs a scope id.
   *
   * @example
   * await memory.add([{ role: "user", content: "I moved to Lisbon" }], { agentId: "a1", runId: "r1" });
   */
  async add(messages: string | Message[], options: AddMemoryOptions): Promise<SearchResult> {
    assertKnownOptions(options, "add", ["userId", "agentId", "runId", "metadata", "infer"]);
    if (options.infer !== undefined && options.infer !== false) {
      throw new InputError("this memory has no LLM step, so infer must be false (or omitted).", {
        fix: "Drop infer: true; every text is stored as given (mem0's infer: false).",
      });
    }
    const scope = scopeFromOptions(options, "add");
    const metadata = options.metadata === undefined ? {} : checkMetadata(options.metadata);
    const inputs = toMemoryInputs(messages);
    await this.ensureReady();
    const vectors = await this.embedder.embedBatch(
      inputs.map((input) => input.text),
      "add",
    );
    if (!Array.isArray(vectors) || vectors.length !== inputs.length) {
      throw new VectorError(
        `the embedder returned ${Array.isArray(vectors) ? vectors.length : "no"} vectors for ${inputs.length} texts.`,
        {
          fix: `Check the embedder ${this.embedder.provider}/${this.embedder.modelId}: a batch must keep every input.`,
        },
      );
    }
    const createdAt = this.now();
    const records: VectorStoreRecord[] = inputs.map((input, index) => {
      const perMessage: JsonObject = { ...metadata };
      if (input.role !== undefined) perMessage["role"] = input.role;
      if (input.actorId !== undefined) perMessage["actor_id"] = input.actorId;
      return {
        id: this.newId(),
        vector: vectors[index]!,
        payload: buildPayload({ text: input.text, scope, metadata: perMessage, createdAt }),
      };
    });
    await this.vectorStore.insert(
      records,
      records.map((record, index) => historyEntry(record.id, "ADD", null, inputs[index]!.text, createdAt)),
    );
    return { results: records.map((record) => toMemoryItem(record.id, record.payload)) };
  }

  /**
   * The memories most similar to `query` within the scope in `filters`, best first, each with its
   * cosine `score`; scores below `threshold` are dropped. Embeds the query with `"search"`.
   *
   * @example
   * await memory.search("where does the user live?", { filters: { agent_id: "a1" }, topK: 3 });
   */
  async search(query: string, options: SearchMemoryOptions): Promise<SearchResult> {
    assertKnownOptions(options, "search", ["filters", "topK", "threshold"]);
    const text = requireText(query, "query");
    const filter = filterFromFilters(options.filters, "search", true);
    const topK = options.topK ?? this.defaultTopK;
    assertLimit(topK, "topK");
    const threshold = requireThreshold(options.threshold ?? this.defaultThreshold);
    await this.ensureReady();
    const vector = await this.embedder.embed(text, "search");
    const hits = await this.vectorStore.search(vector, { filter, limit: topK });
    return {
      results: hits
        .filter((hit) => hit.score >= threshold)
        .map((hit) => toMemoryItem(hit.id, hit.payload, hit.score)),
    };
  }

  /**
   * One memory by id, or null. With `filters`, a memory outside them counts as absent.
   *
   * @example
   * const item = await memory.get(id, { filters: { user_id: "alice" } });
   */
  async get(memoryId: string, options: MemoryIdOptions = {}): Promise<MemoryItem | null> {
    const id = requireId(memoryId, "get");
    const scope = idScope(options, "get");
    await this.ensureReady();
    const record = await this.vectorStore.get(id);
    return record && matchesFilter(record.payload, scope) ? toMemoryItem(record.id, record.payload) : null;
  }

  /**
   * One page of a scope's memories, oldest first: at most `topK` (default 20). When more match,
   * `nextCursor` is set; pass it as `cursor` for the next page.
   *
   * @example
   * const { results, nextCursor } = await memory.getAll({ filters: { user_id: "alice" }, topK: 100 });
   */
  async getAll(options: GetAllMemoryOptions): Promise<MemoryPage> {
    assertKnownOptions(options, "getAll", ["filters", "topK", "cursor"]);
    const filter = filterFromFilters(options.filters, "getAll", true);
    const topK = options.topK ?? this.defaultTopK;
    assertLimit(topK, "topK");
    await this.ensureReady();
    const page = await this.vectorStore.list({ filter, limit: topK, cursor: options.cursor });
    const result: MemoryPage = {
      results: page.entries.map((entry) => toMemoryItem(entry.id, entry.payload)),
    };
    if (page.nextCursor !== undefined) result.nextCursor = page.nextCursor;
    return result;
  }

  /**
   * Replaces a memory's text (re-embedded with `"update"`), keeping its id, scope and creation time.
   * `metadata`, when given, replaces the custom metadata (`role` and `actor_id` are kept unless it
   * sets them); otherwise the metadata is kept. An unknown id (or one outside `filters`) is a
   * NotFoundError.
   *
   * @example
   * await memory.update(id, "Alice now prefers oolong"); // { message: "Memory updated successfully!" }
   */
  async update(
    memoryId: string,
    input: UpdateMemoryInput,
    options: MemoryIdOptions = {},
  ): Promise<{ message: string }> {
    const id = requireId(memoryId, "update");
    const { text, metadata } = parseUpdate(input);
    const scope = idScope(options, "update");
    await this.ensureReady();
    const existing = await this.vectorStore.get(id);
    if (!existing || !matchesFilter(existing.payload, scope)) throw notFound(id);
    const vector = await this.embedder.embed(text, "update");
    const updatedAt = this.now();
    const content = contentOf(existing.payload);
    const nextMetadata =
      metadata === undefined ? content.metadata : keepMessageFields(metadata, content.metadata);
    const payload = buildPayload({ ...content, text, metadata: nextMetadata, updatedAt });
    const previous = await this.vectorStore.update(
      { id, vector, payload },
      { history: (replaced) => [historyEntry(id, "UPDATE", textOf(replaced), text, updatedAt)] },
    );
    if (!previous) throw notFound(id);
    return { message: "Memory updated successfully!" };
  }

  /**
   * Deletes one memory; an unknown id (or one outside `filters`) is a NotFoundError.
   *
   * @example
   * await memory.delete(id, { filters: { user_id: "alice" } }); // { message: "Memory deleted successfully!" }
   */
  async delete(memoryId: string, options: MemoryIdOptions = {}): Promise<{ message: string }> {
    const id = requireId(memoryId, "delete");
    const scope = idScope(options, "delete");
    await this.ensureReady();
    if (scope) {
      const existing = await this.vectorStore.get(id);
      if (!existing || !matchesFilter(existing.payload, scope)) throw notFound(id);
    }
    const deletedAt = this.now();
    const previous = await this.vectorStore.delete(id, {
      history: (removed) => [historyEntry(id, "DELETE", textOf(removed), null, deletedAt)],
    });
    if (!previous) throw notFound(id);
    return { message: "Memory deleted successfully!" };
  }

  /**
   * Deletes every memory of a scope (all given ids must match) and says how many. Use `reset()`
   * to delete everything.
   *
   * @example
   * await memory.deleteAll({ userId: "alice" }); // { message: "Deleted 3 memories.", deleted: 3 }
   */
  async deleteAll(options: MemoryScope): Promise<DeleteAllResult> {
    assertKnownOptions(options, "deleteAll", ["userId", "agentId", "runId"]);
    const filter = scopeFilter(scopeFromOptions(options, "deleteAll"));
    await this.ensureReady();
    const deletedAt = this.now();
    const removed = await this.vectorStore.deleteWhere(filter, {
      history: (entries) =>
        entries.map((entry) => historyEntry(entry.id, "DELETE", textOf(entry), null, deletedAt)),
    });
    const count = removed.length;
    return {
      message:
        count === 0
          ? "No memory matched that scope; nothing was deleted."
          : `Deleted ${count} ${count === 1 ? "memory" : "memories"}.`,
      deleted: count,
    };
  }

  /**
   * Every recorded change of one memory (ADD, UPDATE, DELETE), oldest first; [] for an unknown id.
   *
   * @example
   * const entries = await memory.history(id);
   * entries.map((entry) => entry.event); // ["ADD", "UPDATE"]
   */
  async history(memoryId: string): Promise<MemoryHistoryEntry[]> {
    const id = requireId(memoryId, "history");
    await this.ensureReady();
    return this.vectorStore.history(id);
  }

  /**
   * Deletes every memory and all history, and forgets the recorded dimension and model, so the
   * next call binds the store to the current embedder (the way out of a dimension or model mismatch).
   *
   * @example
   * await memory.reset();
   */
  async reset(): Promise<void> {
    this.ready = undefined;
    await this.vectorStore.reset();
  }

  /**
   * Every memory (all scopes unless `filters` narrow it), page by page, as JSON-lines-ready objects
   * with text, metadata, scope and timestamps; `includeVectors` adds the model, dimension and vector.
   *
   * @example
   * for await (const line of memory.exportMemories({ filters: { user_id: "alice" } })) write(JSON.stringify(line));
   */
  async *exportMemories(
    options: Omit<ExportMemoriesOptions, "filter"> & { filters?: unknown } = {},
  ): AsyncGenerator<ExportedMemory> {
    const { filters, ...rest } = options;
    const filter = filters === undefined ? undefined : filterFromFilters(filters, "exportMemories", false);
    await this.ensureReady();
    yield* exportMemories(this.vectorStore, { ...rest, filter });
  }

  /**
   * Adds or replaces memories from exported lines (see `exportMemories`), keeping their ids and
   * timestamps; a line's vector is reused when it comes from this store's model and dimension,
   * otherwise the text is embedded. Running it twice changes nothing.
   *
   * @example
   * const counts = await memory.importMemories(lines); // { added, updated, unchanged, ... }
   */
  async importMemories(
    items: AsyncIterable<unknown> | Iterable<unknown>,
    options: ImportMemoriesOptions = {},
  ): Promise<ImportCounts> {
    await this.ensureReady();
    return importMemories(this.vectorStore, this.embedder, items, options);
  }

  /**
   * Copies every memory, with its history, into `target`, embedding each text again with the
   * target's embedder: the way to move to another model or dimension without losing a memory.
   * Resumable (memories already in the target are skipped); this memory is never changed.
   *
   * @example
   * const target = new Memory({ embedder: cohereEmbedder, dataDirectory: ".data/memory-cohere" });
   * await memory.reembedInto(target); // { copied: 120, alreadyThere: 0 }
   */
  async reembedInto(target: Memory, options: ReembedMemoriesOptions = {}): Promise<ReembedCounts> {
    await this.ensureReady();
    await target.ensureReady();
    return reembedMemories(this.vectorStore, target.vectorStore, target.embedder, options);
  }

  /**
   * Releases the store (files, locks, database connections). The memory is unusable afterwards.
   *
   * @example
   * try { await memory.add("...", { userId: "alice" }); } finally { await memory.close(); }
   */
  async close(): Promise<void> {
    await this.vectorStore.close();
  }

  /** Binds the store to the embedder's dimension and model once (probing the dimension if unknown). */
  private ensureReady(): Promise<void> {
    this.ready ??= this.bindStore().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  private async bindStore(): Promise<void> {
    const dimension = this.embedder.dimension ?? (await this.embedder.detectDimension());
    if (!Number.isInteger(dimension) || dimension < 1) {
      throw new ConfigurationError(
        `the embedder reported dimension ${dimension}, which is not a positive integer.`,
        {
          fix: `Check the dimension setting of ${this.embedder.provider}/${this.embedder.modelId}.`,
        },
      );
    }
    await this.vectorStore.initialize({ dimension, modelId: this.embedder.modelId });
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private newId(): string {
    const id = this.idGenerator();
    if (typeof id !== "string" || id === "") {
      throw new ConfigurationError("idGenerator returned an empty or non-string id.", {
        path: "idGenerator",
        fix: "Return a fresh non-empty string per call, e.g. crypto.randomUUID().",
      });
    }
    return id;
  }
}

function parseUpdate(input: unknown): { text: string; metadata: JsonObject | undefined } {
  if (typeof input === "string") return { text: requireText(input, "text"), metadata: undefined };
  if (!isPlainObject(input)) {
    throw new InputError("update() takes a text or { text, metadata? }.", {
      fix: 'Pass e.g. update(id, "new text") or update(id, { text: "new text", metadata: { topic: "x" } }).',
    });
  }
  assertKnownOptions(input, "update", ["text", "data", "metadata"]);
  // mem0 3.x still accepts the deprecated `data` for the text.
  const text = requireText(input["text"] ?? input["data"], "text");
  return { text, metadata: input["metadata"] === undefined ? undefined : checkMetadata(input["metadata"]) };
}

/** New metadata keeps the message fields of the old one unless it sets them (as mem0 does). */
function keepMessageFields(next: JsonObject, previous: JsonObject): JsonObject {
  const merged: JsonObject = { ...next };
  for (const key of ["role", "actor_id"]) {
    const value = previous[key];
    if (!Object.hasOwn(merged, key) && value !== undefined) merged[key] = value;
  }
  return merged;
}

function historyEntry(
  memoryId: string,
  event: MemoryEvent,
  previousValue: string | null,
  newValue: string | null,
  createdAt: string,
): MemoryHistoryEntry {
  return { id: randomUUID(), memoryId, previousValue, newValue, event, createdAt };
}

function textOf(entry: VectorStoreEntry): string {
  return contentOf(entry.payload).text;
}

/** The scope check of an id operation: its filters, when given. */
function idScope(options: unknown, method: string): FilterExpression | undefined {
  assertKnownOptions(options, method, ["filters"]);
  return options["filters"] === undefined ? undefined : filterFromFilters(options["filters"], method, false);
}

function notFound(id: string): NotFoundError {
  return new NotFoundError("Memory", id, {
    fix: "List ids with getAll() or search(); it may have been deleted, or belong to another scope.",
  });
}

function isEmbedder(value: unknown): value is EmbeddingBase {
  return (
    isPlainObject(value) &&
    typeof value["embed"] === "function" &&
    typeof value["embedBatch"] === "function" &&
    typeof value["detectDimension"] === "function"
  );
}
