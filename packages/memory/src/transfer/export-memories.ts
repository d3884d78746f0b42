import { ConfigurationError } from "@bedrock-embeddings/core";
import type { FilterExpression } from "../filter/filter-expression.js";
import type { VectorStore } from "../vector-store.js";
import { type ExportedMemory, toExportedMemory } from "./exported-memory.js";
import { storePages } from "./store-pages.js";

/**
 * Options of `exportMemories`.
 *
 * @example
 * exportMemories(store, { filter: parseFilter({ user_id: "alice" }), includeVectors: true });
 */
export interface ExportMemoriesOptions {
  /** Only memories matching it; every memory when omitted. */
  filter?: FilterExpression;
  /** Adds `model`, `dimension` and `vector` to each line (one `get` per memory). */
  includeVectors?: boolean;
  /** Memories read per `list` call; default 100. */
  pageSize?: number;
}

/**
 * Streams the memories of an initialized store in insertion order, one `ExportedMemory` each (write
 * each as one JSON line). Reads page by page, so any size fits in memory; changes nothing.
 *
 * @example
 * for await (const line of exportMemories(memory.vectorStore)) output.write(`${JSON.stringify(line)}\n`);
 */
export async function* exportMemories(
  store: VectorStore,
  options: ExportMemoriesOptions = {},
): AsyncGenerator<ExportedMemory> {
  const binding = options.includeVectors ? bindingOf(store) : undefined;
  for await (const page of storePages(store, options)) {
    for (const entry of page) {
      if (!binding) {
        yield toExportedMemory(entry);
        continue;
      }
      // A memory deleted between the page and this read is no longer part of the store.
      const record = await store.get(entry.id);
      if (record)
        yield toExportedMemory(
          { id: record.id, payload: record.payload },
          { vector: record.vector, binding },
        );
    }
  }
}

function bindingOf(store: VectorStore) {
  if (store.dimension === undefined || store.modelId === undefined) {
    throw new ConfigurationError("the store is not initialized, so its vectors have no known model.", {
      fix: "Call store.initialize({ dimension, modelId }) (or use the store through a Memory) before exporting vectors.",
    });
  }
  return { dimension: store.dimension, modelId: store.modelId };
}
