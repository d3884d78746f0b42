import type { EmbeddingResult } from "../multimodal/embedding-result.js";
import type { EmbeddingUsage } from "../usage.js";
import { type BaseErrorOptions, BedrockEmbeddingsError, errorCodeOf } from "./base-error.js";

/** One input that could not be embedded, with why. */
export interface BatchFailure {
  index: number;
  error: Error;
}

/**
 * Extras of a BatchEmbeddingError: `aborted` when the caller's signal stopped the batch (then
 * `cause` is the signal's reason), and the usage of what ran.
 *
 * @example
 * new BatchEmbeddingError(vectors, failures, { aborted: true, cause: signal.reason, usage });
 */
export interface BatchEmbeddingErrorOptions extends BaseErrorOptions {
  results?: readonly (EmbeddingResult | undefined)[];
  aborted?: boolean;
  usage?: EmbeddingUsage;
}

/**
 * Some inputs of a batch failed, or the batch was aborted. Nothing that succeeded is lost: `vectors[i]` holds input i's
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
  /** True when the caller's AbortSignal stopped the batch; `cause` is then the signal's reason. */
  readonly aborted: boolean;
  /** Tokens, calls, retries and throttles of what ran before the batch ended, when known. */
  readonly usage: EmbeddingUsage | undefined;

  constructor(
    vectors: readonly (number[] | undefined)[],
    failures: readonly BatchFailure[],
    options: BatchEmbeddingErrorOptions = {},
  ) {
    const first = failures[0];
    const summary = options.aborted
      ? `The batch was aborted with ${vectors.length - failures.length} of ${vectors.length} inputs embedded; ` +
        "they are kept on this error's `vectors`, and `failures` lists the rest."
      : `${failures.length} of ${vectors.length} inputs failed (indexes ${summarizeIndexes(failures)}); ` +
        `the other vectors are kept on this error's \`vectors\`.` +
        (first ? ` First failure: ${first.error.message}` : "");
    const { results, aborted, usage, ...base } = options;
    super("BATCH", summary, { cause: first?.error, ...base });
    this.vectors = vectors;
    this.failures = failures;
    this.results = results;
    this.aborted = aborted ?? false;
    this.usage = usage;
  }

  static override isInstance(value: unknown): value is BatchEmbeddingError {
    return errorCodeOf(value) === "BATCH";
  }
}

function summarizeIndexes(failures: readonly BatchFailure[]): string {
  const shown = failures.slice(0, 10).map((failure) => failure.index);
  return shown.join(", ") + (failures.length > shown.length ? ", ..." : "");
}
