import type { BatchFailure, BatchProgress, EmbeddingResult, EmbeddingUsage } from "@bedrock-embeddings/core";

/**
 * Extras of `embedBatchDetailed`.
 *
 * @example
 * const controller = new AbortController();
 * await embedder.embedBatchDetailed(texts, "add", { signal: controller.signal, onProgress: (p) => show(p.done, p.total) });
 */
export interface EmbedBatchOptions {
  /**
   * Stops the batch: no new calls start, calls in flight are cancelled, and the promise rejects
   * with a BatchEmbeddingError (`aborted: true`, `cause`: the signal's reason) that keeps every
   * vector already embedded.
   */
  signal?: AbortSignal;
  /** Called at the start and after every call: inputs done of total, tokens, calls, retries, throttles. */
  onProgress?: (progress: BatchProgress) => void;
  /**
   * Resolve with per-index vectors and failures instead of throwing BatchEmbeddingError; inputs
   * that fail the pre-send checks (empty, too long) then fail alone too, instead of the batch.
   */
  settle?: boolean;
}

/**
 * A settled batch: a vector or undefined per input, why each undefined one failed, and the usage.
 *
 * @example
 * const { vectors, failures } = await embedder.embedBatchDetailed(texts, "add", { settle: true });
 * for (const { index, error } of failures) report(index, error.message);
 */
export interface SettledEmbeddings {
  vectors: (number[] | undefined)[];
  failures: BatchFailure[];
  usage: EmbeddingUsage;
}

/**
 * `embedInputs` results with the usage of the run.
 *
 * @example
 * const { results, usage } = await embedder.embedInputsDetailed([{ image: { file: "cat.png" } }]);
 */
export interface DetailedResults {
  results: EmbeddingResult[];
  usage: EmbeddingUsage;
}

/**
 * A settled `embedInputsDetailed`: a result or undefined per input, why each undefined one
 * failed, and the usage.
 *
 * @example
 * const { results, failures } = await embedder.embedInputsDetailed(inputs, "add", { settle: true });
 */
export interface SettledResults {
  results: (EmbeddingResult | undefined)[];
  failures: BatchFailure[];
  usage: EmbeddingUsage;
}
