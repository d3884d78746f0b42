import { BatchEmbeddingError, type BatchFailure } from "../errors/batch-embedding-error.js";
import { BedrockApiError } from "../errors/bedrock-api-error.js";
import { InputError } from "../errors/input-error.js";

/**
 * Rewrites the input indexes an error from the inner embedder carries (which count only the
 * texts sent) into indexes of the caller's batch. `positions[i]` lists the caller's indexes of
 * the i-th text sent (more than one when the batch repeated a text). `vectors` is the caller's
 * whole batch as far as it is known (cache hits and whatever the inner embedder returned), for
 * a BatchEmbeddingError to keep. Other errors are returned unchanged.
 */
export function remapErrorIndexes(
  error: unknown,
  positions: readonly (readonly number[])[],
  vectors: readonly (number[] | undefined)[],
): unknown {
  const mapIndex = (index: number): readonly number[] => positions[index] ?? [index];
  if (BatchEmbeddingError.isInstance(error)) {
    const failures: BatchFailure[] = error.failures.flatMap((failure) =>
      mapIndex(failure.index).map((index) => ({ index, error: failure.error })),
    );
    failures.sort((left, right) => left.index - right.index);
    return new BatchEmbeddingError(vectors, failures, error.fix === undefined ? {} : { fix: error.fix });
  }
  if (InputError.isInstance(error) && error.index !== undefined) {
    return error.withIndex(mapIndex(error.index)[0]!);
  }
  if (BedrockApiError.isInstance(error) && error.failedIndexes.length > 0) {
    return error.withFailedIndexes(error.failedIndexes.flatMap(mapIndex).sort((left, right) => left - right));
  }
  return error;
}
