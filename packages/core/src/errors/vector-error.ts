import { type BaseErrorOptions, BedrockEmbeddingsError, errorCodeOf } from "./base-error.js";

/**
 * Options of a VectorError: `index` names the batch input whose vector is unusable.
 *
 * @example
 * new VectorError("input 3 is all zeros and cannot be normalized.", { index: 3 });
 */
export interface VectorErrorOptions extends BaseErrorOptions {
  index?: number;
}

/**
 * A vector cannot be used: it holds NaN or an infinity, is all zeros, or lengths differ.
 *
 * @example
 * if (VectorError.isInstance(error)) report(error.index, error.message);
 */
export class VectorError extends BedrockEmbeddingsError {
  /** The batch input whose vector this is, when it came from a batch. */
  readonly index: number | undefined;

  constructor(problem: string, options: VectorErrorOptions = {}) {
    super("VECTOR", problem, options);
    this.index = options.index;
  }

  static override isInstance(value: unknown): value is VectorError {
    return errorCodeOf(value) === "VECTOR";
  }
}
