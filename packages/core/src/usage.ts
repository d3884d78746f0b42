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
}

export function emptyUsage(): EmbeddingUsage {
  return { inputTokens: 0, calls: 0, retries: 0, throttles: 0 };
}

/** Adds `addition` into `total` in place and returns `total`. */
export function addUsage(total: EmbeddingUsage, addition: EmbeddingUsage): EmbeddingUsage {
  total.inputTokens += addition.inputTokens;
  total.calls += addition.calls;
  total.retries += addition.retries;
  total.throttles += addition.throttles;
  return total;
}
