import { randomUUID } from "node:crypto";
import { ConfigurationError, type EmbeddingBase, InputError } from "@bedrock-embeddings/core";
import { contentOf } from "../memory-payload.js";
import type { MemoryHistoryEntry } from "../memory-types.js";
import type { VectorStore, VectorStoreEntry, VectorStoreRecord } from "../vector-store.js";
import { embedderBinding } from "./embedder-binding.js";
import { DEFAULT_PAGE_SIZE, storePages } from "./store-pages.js";

/**
 * Progress of `reembedMemories`.
 *
 * @example
 * onProgress: ({ copied, alreadyThere }) => log(`${copied + alreadyThere} memories done`)
 */
export interface ReembedCounts {
  /** Memories embedded again and written to the target. */
  copied: number;
  /** Memories the target already held (from an earlier, interrupted run), left alone. */
  alreadyThere: number;
}

/**
 * Options of `reembedMemories`.
 *
 * @example
 * await reembedMemories(source, target, newEmbedder, { batchSize: 200, signal: controller.signal });
 */
export interface ReembedMemoriesOptions {
  /** Memories read, embedded and written together; default 100. */
  batchSize?: number;
  /** Called after each batch with the counts so far. */
  onProgress?: (counts: Readonly<ReembedCounts>) => void;
  /** Stops between batches; what was copied stays, and a new run continues from there. */
  signal?: AbortSignal;
}

/**
 * Copies every memory of `source` (all scopes) into `target` with vectors from `embedder`, keeping
 * ids, payloads (text, scope, metadata, timestamps) and history. The target is bound to the new
 * embedder; the source must be initialized and is only read, never changed. Resumable: memories
 * already in the target are skipped, so after an interruption run it again.
 *
 * @example
 * const counts = await reembedMemories(oldMemory.vectorStore, newStore, newEmbedder);
 */
export async function reembedMemories(
  source: VectorStore,
  target: VectorStore,
  embedder: EmbeddingBase,
  options: ReembedMemoriesOptions = {},
): Promise<ReembedCounts> {
  if (source === target) {
    throw new ConfigurationError("the target store is the source store.", {
      fix: "Re-embed into a new store (another directory, collection or table), then switch to it.",
    });
  }
  const batchSize = options.batchSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InputError(`batchSize must be a positive integer, got ${batchSize}.`, {
      fix: "Pass e.g. 100.",
    });
  }
  await target.initialize(await embedderBinding(embedder));
  const counts: ReembedCounts = { copied: 0, alreadyThere: 0 };
  for await (const page of storePages(source, { pageSize: batchSize })) {
    options.signal?.throwIfAborted();
    const present = await Promise.all(page.map((entry) => target.get(entry.id)));
    const missing = page.filter((_entry, position) => present[position] === null);
    counts.alreadyThere += page.length - missing.length;
    if (missing.length > 0) {
      await copyBatch(source, target, embedder, missing);
      counts.copied += missing.length;
    }
    options.onProgress?.({ ...counts });
  }
  return counts;
}

async function copyBatch(
  source: VectorStore,
  target: VectorStore,
  embedder: EmbeddingBase,
  entries: readonly VectorStoreEntry[],
): Promise<void> {
  const vectors = await embedder
    .embedBatch(
      entries.map((entry) => contentOf(entry.payload).text),
      "add",
    )
    .catch((error: unknown) => {
      const refused =
        InputError.isInstance(error) && error.index !== undefined ? entries[error.index] : undefined;
      if (!refused || !InputError.isInstance(error)) throw error;
      // Name the memory, not its position in this batch.
      throw new InputError(`memory ${refused.id}: ${error.problem}`, {
        fix: `${error.fix ?? ""} Memories copied so far stay in the target; run again to continue.`.trim(),
        cause: error,
      });
    });
  const records: VectorStoreRecord[] = entries.map((entry, position) => ({
    id: entry.id,
    vector: vectors[position]!,
    payload: entry.payload,
  }));
  const histories = await Promise.all(entries.map((entry) => historyOf(source, entry)));
  // One write per batch: a memory and its history arrive together or not at all.
  await target.upsert(records, histories.flat());
}

// Every memory has history; one written by a store without it gets its "ADD" here.
async function historyOf(source: VectorStore, entry: VectorStoreEntry): Promise<MemoryHistoryEntry[]> {
  const history = await source.history(entry.id);
  if (history.length > 0) return history;
  const content = contentOf(entry.payload);
  return [
    {
      id: randomUUID(),
      memoryId: entry.id,
      previousValue: null,
      newValue: content.text,
      event: "ADD",
      createdAt: content.createdAt,
    },
  ];
}
