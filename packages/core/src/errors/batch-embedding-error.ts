import type { EmbeddingResult } from "../multimodal/embedding-result.js";
import { type BaseErrorOptions, BedrockEmbeddingsError, errorCodeOf } from "./base-error.js";

/** One input that could not be embedded, with why. */
export interface BatchFailure {
  index: number;
  error: Error;
}

/**
 * Some inputs of a batch failed. Nothing that succeeded is lost: `vectors[i]` holds input i's
 * vector, or undefined where it failed; `failures` says why, by index.
 *
 * @example
 * catch (error) {
 *   if (BatchEmbeddingError.isInstance(error)) retryLater(error.failures.map((f) => texts[f.index]));
 * }
 */
export class BatchEmbeddingError extends BedrockEmbeddingsError {
  readonly vectors: readonly (number[] | undefined)[];
  readonly failures: readonly BatchFailure[];
  /** From `embedInputs`: every result embedded (typed encodings included), undefined where it failed. */
  readonly results: readonly (EmbeddingResult | undefined)[] | undefined;

  constructor(
    vectors: readonly (number[] | undefined)[],
    failures: readonly BatchFailure[],
    options: BaseErrorOptions & { results?: readonly (EmbeddingResult | undefined)[] } = {},
  ) {
    const first = failures[0];
    const summary =
      `${failures.length} of ${vectors.length} inputs failed (indexes ${summarizeIndexes(failures)}); ` +
      `the other vectors are kept on this error's \`vectors\`.` +
      (first ? ` First failure: ${first.error.message}` : "");
    const { results, ...base } = options;
    super("BATCH", summary, { cause: first?.error, ...base });
    this.vectors = vectors;
    this.failures = failures;
    this.results = results;
  }

  static override isInstance(value: unknown): value is BatchEmbeddingError {
    return errorCodeOf(value) === "BATCH";
  }
}

function summarizeIndexes(failures: readonly BatchFailure[]): string {
  const shown = failures.slice(0, 10).map((failure) => failure.index);
  return shown.join(", ") + (failures.length > shown.length ? ", ..." : "");
}
