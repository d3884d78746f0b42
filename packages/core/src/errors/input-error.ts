import { type BaseErrorOptions, BedrockEmbeddingsError, errorCodeOf } from "./base-error.js";

export interface InputErrorOptions extends BaseErrorOptions {
  /** Position of the offending input in the batch. */
  index?: number;
  /** The limit the input broke, e.g. 2048 characters. */
  limit?: number;
  /** The measured value, e.g. 3000 characters. */
  actual?: number;
}

/**
 * An input text (or other input) cannot be sent as it is. Thrown before any request for it is made.
 *
 * @example
 * if (InputError.isInstance(error)) report(`input #${error.index} is too long`);
 */
export class InputError extends BedrockEmbeddingsError {
  readonly index: number | undefined;
  readonly limit: number | undefined;
  readonly actual: number | undefined;

  constructor(problem: string, options: InputErrorOptions = {}) {
    const prefix = options.index === undefined ? "" : `Input ${options.index}: `;
    super("INPUT", prefix + problem, options);
    this.index = options.index;
    this.limit = options.limit;
    this.actual = options.actual;
  }

  static override isInstance(value: unknown): value is InputError {
    return errorCodeOf(value) === "INPUT";
  }
}
