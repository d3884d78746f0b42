import type { EmbeddingBase, EmbeddingUsage, MemoryAction } from "@bedrock-embeddings/core";
import { reportsUsage } from "@bedrock-embeddings/core";

/** One input a batch could not embed, by its position in that batch. */
export interface BatchFailure {
  index: number;
  error: unknown;
}

/** What one embedder call over many texts gave back: a vector or a failure per position. */
export interface SettledBatch {
  vectors: readonly (number[] | undefined)[];
  failures: readonly BatchFailure[];
  usage: EmbeddingUsage;
}

/** Embeds `texts` in one embedder run, reporting per-position failures instead of throwing. */
export type EmbedSettled = (texts: readonly string[], memoryAction: MemoryAction) => Promise<SettledBatch>;

/**
 * The settling batch call of `embedder`: `embedBatchDetailed(..., { settle: true })` where the
 * embedder reports usage (Bedrock, and the cache around it), else `embedBatch` with tokens
 * estimated at four characters each.
 *
 * @example
 * const embed = settledEmbedding(embedder);
 * const { vectors, failures, usage } = await embed(["a", "b"], "add");
 */
export function settledEmbedding(embedder: EmbeddingBase): EmbedSettled {
  if (reportsUsage(embedder)) {
    const detailed = embedder.embedBatchDetailed.bind(embedder) as (
      texts: readonly string[],
      memoryAction: MemoryAction,
      options: { settle: true },
    ) => Promise<{ vectors: (number[] | undefined)[]; failures?: BatchFailure[]; usage: EmbeddingUsage }>;
    return async (texts, memoryAction) => {
      const result = await detailed(texts, memoryAction, { settle: true });
      return { vectors: result.vectors, failures: result.failures ?? [], usage: result.usage };
    };
  }
  return async (texts, memoryAction) => {
    const vectors = await embedder.embedBatch(texts, memoryAction);
    const characters = texts.reduce((sum, text) => sum + text.length, 0);
    return {
      vectors,
      failures: [],
      usage: { inputTokens: Math.ceil(characters / 4), calls: 1, retries: 0, throttles: 0 },
    };
  };
}
