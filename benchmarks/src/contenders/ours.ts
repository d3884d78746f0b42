import { BedrockEmbedder } from "@bedrock-embeddings/bedrock";
import {
  BatchEmbeddingError,
  CachedEmbedder,
  type EmbeddingBase,
  MemoryVectorCache,
} from "@bedrock-embeddings/core";
import type { Contender, ContenderSession, ContenderTarget } from "./contender.js";

// Room for the largest corpus (scenario B) so nothing is evicted between passes.
const CACHE_ENTRIES = 100_000;

/**
 * This project's `BedrockEmbedder` with default settings: it is not told the quota. For scenario E
 * it is wrapped in core's `CachedEmbedder` over an in-memory cache, warmed by the worker's first pass.
 * A `BatchEmbeddingError` keeps every vector that was embedded, so those are not counted as lost.
 */
export const ours: Contender = {
  async open(target: ContenderTarget, options): Promise<ContenderSession> {
    const embedder = new BedrockEmbedder({
      model: target.model,
      region: target.region,
      endpoint: target.url,
      credentials: target.credentials,
    });
    const active: EmbeddingBase = options.cache
      ? new CachedEmbedder(embedder, new MemoryVectorCache({ maxEntries: CACHE_ENTRIES }))
      : embedder;
    return {
      async embed(texts) {
        try {
          return { vectors: await active.embedBatch(texts) };
        } catch (error) {
          if (BatchEmbeddingError.isInstance(error)) return { vectors: error.vectors, error };
          throw error;
        }
      },
    };
  },
};
