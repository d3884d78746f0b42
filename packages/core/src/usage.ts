/**
 * Counters for one call or one whole batch, so callers can see what a run cost.
 *
 * @example
 * const { usage } = await embedder.embedBatchDetailed(texts);
 * usage.inputTokens; // 1234
 */
export interface EmbeddingUsage {
  /** Input tokens as reported by the service (a body field or a response header). */
  inputTokens: number;
  /** Service calls that returned a response, successful or not. */
  calls: number;
  /** Attempts repeated after a retryable failure. */
  retries: number;
  /** Responses that were throttling errors. */
  throttles: number;
  /**
   * Estimated cost in US dollars from a dated price table (see the README's "Cost estimates");
   * undefined when the model has no known price. An estimate, not a bill.
   */
  estimatedCostUsd?: number;
  /** Inputs served from a vector cache (no call made for them); set by `CachedEmbedder`. */
  cacheHits?: number;
  /** Inputs that were not in the vector cache and were embedded; set by `CachedEmbedder`. */
  cacheMisses?: number;
}

const OPTIONAL_COUNTERS = ["estimatedCostUsd", "cacheHits", "cacheMisses"] as const;

export function emptyUsage(): EmbeddingUsage {
  return { inputTokens: 0, calls: 0, retries: 0, throttles: 0 };
}

/** Adds `addition` into `total` in place and returns `total`. */
export function addUsage(total: EmbeddingUsage, addition: EmbeddingUsage): EmbeddingUsage {
  total.inputTokens += addition.inputTokens;
  total.calls += addition.calls;
  total.retries += addition.retries;
  total.throttles += addition.throttles;
  // Optional counters stay absent unless one side has them, so a total never claims a zero it did not measure.
  for (const key of OPTIONAL_COUNTERS) {
    const added = addition[key];
    if (added !== undefined) total[key] = (total[key] ?? 0) + added;
  }
  // Sums of tiny per-call prices pick up binary noise (0.00095831999999997); a picodollar is plenty.
  if (total.estimatedCostUsd !== undefined)
    total.estimatedCostUsd = Math.round(total.estimatedCostUsd * 1e12) / 1e12;
  return total;
}
