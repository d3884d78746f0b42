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
  /** The problem alone, without the input's index or the fix. */
  readonly problem: string;

  constructor(problem: string, options: InputErrorOptions = {}) {
    const prefix = options.index === undefined ? "" : `Input ${options.index}: `;
    super("INPUT", prefix + problem, options);
    this.problem = problem;
    this.index = options.index;
    this.limit = options.limit;
    this.actual = options.actual;
  }

  static override isInstance(value: unknown): value is InputError {
    return errorCodeOf(value) === "INPUT";
  }

  /** The same problem for the input at another position; keeps this error as `cause`. */
  withIndex(index: number): InputError {
    return new InputError(this.problem, {
      index,
      limit: this.limit,
      actual: this.actual,
      fix: this.fix,
      cause: this,
    });
  }
}
