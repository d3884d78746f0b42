/**
 * Where a batch (one `embedBatch` or `embedInputs` run) stands, passed to `onProgress` after
 * every call and once at the start.
 *
 * @example
 * embedder.embedBatchDetailed(texts, "add", { onProgress: ({ done, total }) => bar.update(done, { total }) });
 */
export interface BatchProgress {
  /** Inputs finished, embedded or failed. */
  done: number;
  total: number;
  /** Inputs that failed so far. */
  failed: number;
  inputTokens: number;
  /** Calls answered so far, retries included. */
  calls: number;
  retries: number;
  /** Throttled answers so far, retried ones included. */
  throttles: number;
  /** Estimated cost so far, when the model has a known price. */
  estimatedCostUsd?: number;
}
