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
    const prefix = `Input ${error.index}: `;
    return new InputError(problemOf(error.message, error.fix, prefix), {
      index: mapIndex(error.index)[0],
      limit: error.limit,
      actual: error.actual,
      fix: error.fix,
      cause: error,
    });
  }
  if (BedrockApiError.isInstance(error) && error.failedIndexes.length > 0) {
    return new BedrockApiError(problemOf(error.message, error.fix, ""), {
      awsErrorName: error.awsErrorName,
      httpStatus: error.httpStatus,
      requestId: error.requestId,
      modelId: error.modelId,
      retryable: error.retryable,
      throttling: error.throttling,
      failedIndexes: error.failedIndexes.flatMap(mapIndex).sort((left, right) => left - right),
      attempts: error.attempts,
      // The same shape as a fresh error: `cause` is what the service or SDK raised.
      cause: error.cause,
      fix: error.fix,
    });
  }
  return error;
}

// Core builds messages as `${prefix}${problem} ${fix}`; take the problem back out.
function problemOf(message: string, fix: string | undefined, prefix: string): string {
  let problem = message.startsWith(prefix) ? message.slice(prefix.length) : message;
  const suffix = fix ? ` ${fix}` : "";
  if (suffix && problem.endsWith(suffix)) problem = problem.slice(0, -suffix.length);
  return problem;
}
