import { ConfigurationError } from "@bedrock-embeddings/core";
import type { VectorStoreBinding } from "./vector-store.js";

const REINDEX =
  "Re-embed into a new store with `bedrock-embeddings memory reembed --to <config>` (or Memory.reembedInto), " +
  "point the store at a new location (data directory, collection or table), go back to the previous embedder " +
  "settings, or call memory.reset() to delete the stored memories.";

/**
 * Checks a binding an embedder asks for: a positive integer dimension and a non-empty model id.
 *
 * @example
 * assertValidBinding({ dimension: 1024, modelId: "amazon.titan-embed-text-v2:0" });
 */
export function assertValidBinding(binding: VectorStoreBinding): void {
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
}

/**
 * Throws a ConfigurationError when a store bound to `stored` is asked for `requested`: vectors of
 * another length or from another model would silently corrupt search. `where` names the store
 * (e.g. `The memory store /data/memories.log`).
 *
 * @example
 * assertSameBinding(stored, { dimension: 512, modelId }, { description: "The memory store", file });
 */
export function assertSameBinding(
  stored: VectorStoreBinding,
  requested: VectorStoreBinding,
  where: { description: string; file?: string },
): void {
  if (stored.dimension !== requested.dimension) {
    throw new ConfigurationError(
      `${where.description} holds ${stored.dimension}-dimensional vectors from model "${stored.modelId}", ` +
        `but the embedder produces ${requested.dimension}-dimensional vectors. Vectors of different lengths cannot be compared.`,
      { file: where.file, fix: REINDEX },
    );
  }
  if (stored.modelId !== requested.modelId) {
    throw new ConfigurationError(
      `${where.description} holds vectors from model "${stored.modelId}", but the embedder is ` +
        `"${requested.modelId}". Vectors from different models are not comparable; mixing them silently corrupts search.`,
      { file: where.file, fix: REINDEX },
    );
  }
}
