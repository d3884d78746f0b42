import { type BaseErrorOptions, BedrockEmbeddingsError, errorCodeOf } from "./base-error.js";

/**
 * A vector cannot be used: it holds NaN or an infinity, is all zeros, or lengths differ.
 *
 * @example
 * if (VectorError.isInstance(error)) console.error(error.message);
 */
export class VectorError extends BedrockEmbeddingsError {
  constructor(problem: string, options: BaseErrorOptions = {}) {
    super("VECTOR", problem, options);
  }

  static override isInstance(value: unknown): value is VectorError {
    return errorCodeOf(value) === "VECTOR";
  }
}
