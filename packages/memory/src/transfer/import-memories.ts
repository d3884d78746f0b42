import { randomUUID } from "node:crypto";
import { type EmbeddingBase, InputError } from "@bedrock-embeddings/core";
import { jsonEqual } from "../json-value.js";
import { buildPayload, contentOf } from "../memory-payload.js";
import type { MemoryHistoryEntry } from "../memory-types.js";
import type { VectorStore, VectorStoreBinding, VectorStoreRecord } from "../vector-store.js";
import { embedderBinding } from "./embedder-binding.js";
import { type ImportItem, parseImportLine } from "./parse-import-line.js";
import { DEFAULT_PAGE_SIZE } from "./store-pages.js";

/**
 * What an import did so far.
 *
 * @example
 * const { added, updated, unchanged, skipped } = await importMemories(store, embedder, lines);
 */
export interface ImportCounts {
  /** New memories written. */
  added: number;
  /** Memories that existed with other content and were replaced. */
  updated: number;
  /** Lines already in the store exactly as given (a repeated import), left alone. */
  unchanged: number;
  /** Invalid lines skipped (with `skipInvalid`). */
  skipped: number;
  /** Texts sent to the embedder. */
  embedded: number;
  /** Vectors taken from the lines (same model and dimension as the store) or from the stored memory. */
  reusedVectors: number;
}

/**
 * Options of `importMemories`.
 *
 * @example
 * await importMemories(store, embedder, lines, { skipInvalid: true, onSkipped: (error) => log(error.message) });
 */
export interface ImportMemoriesOptions {
  /** Lines validated, embedded and written together; default 100. */
  batchSize?: number;
  /** Skip an invalid line (reported to `onSkipped`) instead of stopping the import there. */
  skipInvalid?: boolean;
  onSkipped?: (error: InputError) => void;
  /** Called after each batch is written, with the counts so far. */
  onProgress?: (counts: Readonly<ImportCounts>) => void;
  /** Stops between batches; what was written stays. */
  signal?: AbortSignal;
  /** Source of the history timestamps of updates; default `() => new Date()`. */
  clock?: () => Date;
}

/**
 * Imports memories in the `ExportedMemory` shape (JSON lines as strings, or parsed objects) into a
 * store, keeping ids, scopes, metadata and timestamps, with an "ADD" (or "UPDATE") history entry in
 * the same write. A line's vector is reused when its model and dimension are the store's; other
 * texts are embedded in batches. Running the same import again changes nothing. An invalid line
 * stops the import with an InputError naming the line and key (everything before it is written),
 * or is skipped with `skipInvalid`.
 *
 * @example
 * const counts = await importMemories(store, embedder, readFileLines("memories.jsonl"));
 */
export async function importMemories(
  store: VectorStore,
  embedder: EmbeddingBase,
  items: AsyncIterable<unknown> | Iterable<unknown>,
  options: ImportMemoriesOptions = {},
): Promise<ImportCounts> {
  const batchSize = options.batchSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InputError(`batchSize must be a positive integer, got ${batchSize}.`, {
      fix: "Pass e.g. 100.",
    });
  }
  const binding = await embedderBinding(embedder);
  await store.initialize(binding);
  const counts: ImportCounts = {
    added: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    embedded: 0,
    reusedVectors: 0,
  };
  const writer = new BatchWriter(store, embedder, binding, counts, options);
  let pending: ImportItem[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    await writer.write(batch);
    options.onProgress?.({ ...counts });
    options.signal?.throwIfAborted();
  };

  let line = 0;
  for await (const input of items) {
    line++;
    let item: ImportItem | undefined;
    try {
      item = parseImportLine(input, line);
    } catch (error) {
      if (!InputError.isInstance(error)) throw error;
      if (options.skipInvalid) {
        counts.skipped++;
        options.onSkipped?.(error);
        continue;
      }
      await flush();
      throw stoppedAt(error, counts);
    }
    if (item === undefined) continue;
    // One write holds each id once; a later line for the same id goes into the next write.
    if (pending.some((queued) => queued.id === item.id)) await flush();
    pending.push(item);
    if (pending.length >= batchSize) await flush();
  }
  if (pending.length > 0) await flush();
  return counts;
}

interface Change {
  item: ImportItem;
  record: VectorStoreRecord;
  previous: VectorStoreRecord | null;
}

/** Writes batches of validated lines: compares with what is stored, embeds what needs it, upserts. */
class BatchWriter {
  constructor(
    private readonly store: VectorStore,
    private readonly embedder: EmbeddingBase,
    private readonly binding: VectorStoreBinding,
    private readonly counts: ImportCounts,
    private readonly options: ImportMemoriesOptions,
  ) {}

  async write(batch: readonly ImportItem[]): Promise<void> {
    const now = (this.options.clock ?? (() => new Date()))().toISOString();
    const existing = await Promise.all(batch.map((item) => this.store.get(item.id)));
    const changes: Change[] = [];
    batch.forEach((item, position) => {
      const previous = existing[position] ?? null;
      const payload = buildPayload({
        text: item.text,
        scope: item.scope,
        metadata: item.metadata,
        // A line without a creation time keeps the stored one, so importing it again changes nothing.
        createdAt: item.createdAt ?? previousCreatedAt(previous) ?? now,
        ...(item.updatedAt === undefined ? {} : { updatedAt: item.updatedAt }),
      });
      if (previous && jsonEqual(previous.payload, payload)) {
        this.counts.unchanged++;
        return;
      }
      changes.push({
        item,
        previous,
        record: { id: item.id, vector: this.reusableVector(item, previous), payload },
      });
    });
    if (changes.length === 0) return;

    const embedded = await this.embedMissing(changes);
    this.counts.embedded += embedded;
    this.counts.reusedVectors += changes.length - embedded;
    if (changes.length === 0) return;

    const history = changes.map(({ item, previous, record }) =>
      previous
        ? historyEntry(item.id, "UPDATE", contentOf(previous.payload).text, item.text, now)
        : historyEntry(item.id, "ADD", null, item.text, String(record.payload["created_at"])),
    );
    await this.store.upsert(
      changes.map((change) => change.record),
      history,
    );
    for (const change of changes) {
      if (change.previous) this.counts.updated++;
      else this.counts.added++;
    }
  }

  // An empty vector marks "embed this text".
  private reusableVector(item: ImportItem, previous: VectorStoreRecord | null): number[] {
    const exported = item.vector;
    if (
      exported &&
      exported.modelId === this.binding.modelId &&
      exported.dimension === this.binding.dimension
    ) {
      return exported.values;
    }
    if (previous && contentOf(previous.payload).text === item.text) return previous.vector;
    return [];
  }

  /**
   * Fills the empty vectors of `changes` in one embedder call; returns how many texts were embedded.
   * A text the embedder refuses is skipped (and removed from `changes`) or stops the import.
   */
  private async embedMissing(changes: Change[]): Promise<number> {
    for (;;) {
      const missing = changes.filter((change) => change.record.vector.length === 0);
      if (missing.length === 0) return 0;
      try {
        const vectors = await this.embedder.embedBatch(
          missing.map((change) => change.item.text),
          "add",
        );
        missing.forEach((change, position) => {
          change.record.vector = vectors[position]!;
        });
        return missing.length;
      } catch (error) {
        const refused =
          InputError.isInstance(error) && error.index !== undefined ? missing[error.index] : undefined;
        if (!refused || !InputError.isInstance(error)) throw error;
        // Name the line, not the position in this batch.
        const lineError = new InputError(`line ${refused.item.line}: ${error.problem}`, {
          fix: error.fix,
          cause: error,
        });
        if (!this.options.skipInvalid) throw stoppedAt(lineError, this.counts);
        this.counts.skipped++;
        this.options.onSkipped?.(lineError);
        changes.splice(changes.indexOf(refused), 1);
      }
    }
  }
}

function previousCreatedAt(previous: VectorStoreRecord | null): string | undefined {
  const createdAt = previous?.payload["created_at"];
  return typeof createdAt === "string" ? createdAt : undefined;
}

function historyEntry(
  memoryId: string,
  event: "ADD" | "UPDATE",
  previousValue: string | null,
  newValue: string,
  createdAt: string,
): MemoryHistoryEntry {
  return { id: randomUUID(), memoryId, previousValue, newValue, event, createdAt };
}

function stoppedAt(error: InputError, counts: ImportCounts): InputError {
  const written = counts.added + counts.updated;
  return new InputError(
    `${error.problem} The import stopped there; the ${written} memories written before it are kept` +
      (counts.unchanged > 0 ? ` (${counts.unchanged} more were already stored).` : "."),
    {
      fix: `${error.fix ?? ""} Then run the same import again (lines already imported are not duplicated), or skip invalid lines with skipInvalid: true.`.trim(),
      cause: error,
    },
  );
}
