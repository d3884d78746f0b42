import { type BaseErrorOptions, BedrockEmbeddingsError, errorCodeOf } from "./base-error.js";

export interface BedrockApiErrorOptions extends BaseErrorOptions {
  /** AWS error name, e.g. `ThrottlingException`. */
  awsErrorName: string;
  httpStatus: number | undefined;
  requestId: string | undefined;
  modelId: string;
  /** True when sending the same request again may succeed. */
  retryable: boolean;
  /** True for throttling and quota errors. */
  throttling?: boolean;
  /** Positions of the inputs whose call failed. */
  failedIndexes?: readonly number[];
  /** Attempts made before giving up. */
  attempts?: number;
}

/**
 * Bedrock answered with an error (or the connection failed). Keeps the SDK's error as `cause`.
 *
 * @example
 * if (BedrockApiError.isInstance(error) && error.awsErrorName === "AccessDeniedException") { ... }
 */
export class BedrockApiError extends BedrockEmbeddingsError {
  readonly awsErrorName: string;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;
  readonly modelId: string;
  readonly retryable: boolean;
  readonly throttling: boolean;
  readonly failedIndexes: readonly number[];
  readonly attempts: number;
  /** The problem alone, without the fix. */
  readonly problem: string;
  readonly #options: BedrockApiErrorOptions;

  constructor(problem: string, options: BedrockApiErrorOptions) {
    super("BEDROCK_API", problem, options);
    this.problem = problem;
    this.#options = options;
    this.awsErrorName = options.awsErrorName;
    this.httpStatus = options.httpStatus;
    this.requestId = options.requestId;
    this.modelId = options.modelId;
    this.retryable = options.retryable;
    this.throttling = options.throttling ?? false;
    this.failedIndexes = options.failedIndexes ?? [];
    this.attempts = options.attempts ?? 1;
  }

  static override isInstance(value: unknown): value is BedrockApiError {
    return errorCodeOf(value) === "BEDROCK_API";
  }

  /** The same error, covering other input indexes (e.g. every input a failed batch did not embed). */
  withFailedIndexes(failedIndexes: readonly number[]): BedrockApiError {
    return new BedrockApiError(this.problem, { ...this.#options, failedIndexes });
  }
}
