import { type BaseErrorOptions, BedrockEmbeddingsError, errorCodeOf } from "./base-error.js";

export interface ResponseErrorOptions extends BaseErrorOptions {
  modelId: string;
  /** Position of the input whose result was wrong. */
  index?: number;
  expected?: number;
  actual?: number;
}

/**
 * The service answered 200 but the body was not what the model promises: an unknown shape,
 * the wrong number of vectors, or a vector of the wrong length.
 *
 * @example
 * if (ResponseError.isInstance(error)) report(error.expected, error.actual);
 */
export class ResponseError extends BedrockEmbeddingsError {
  readonly modelId: string;
  readonly index: number | undefined;
  readonly expected: number | undefined;
  readonly actual: number | undefined;

  constructor(problem: string, options: ResponseErrorOptions) {
    super("RESPONSE", problem, options);
    this.modelId = options.modelId;
    this.index = options.index;
    this.expected = options.expected;
    this.actual = options.actual;
  }

  static override isInstance(value: unknown): value is ResponseError {
    return errorCodeOf(value) === "RESPONSE";
  }
}
