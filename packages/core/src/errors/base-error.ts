/** Every error this library throws carries one of these codes. */
export type ErrorCode =
  | "CONFIGURATION"
  | "INPUT"
  | "BEDROCK_API"
  | "RESPONSE"
  | "VECTOR"
  | "BATCH"
  | "NOT_FOUND"
  | "JOB"
  | "STORAGE";

const CODE_KEY = Symbol.for("@bedrock-embeddings/error-code");

export interface BaseErrorOptions {
  cause?: unknown;
  /** What the caller can do about it; appended to the message. */
  fix?: string;
}

/**
 * Root of the library's errors. `isInstance` works across duplicated package copies and
 * realms, where `instanceof` does not.
 *
 * @example
 * try { await embedder.embed(""); } catch (error) {
 *   if (BedrockEmbeddingsError.isInstance(error)) report(error.code, error.fix);
 * }
 */
export class BedrockEmbeddingsError extends Error {
  readonly code: ErrorCode;
  readonly fix: string | undefined;

  constructor(code: ErrorCode, problem: string, options: BaseErrorOptions = {}) {
    super(options.fix ? `${asSentence(problem)} ${options.fix}` : problem, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.fix = options.fix;
    Object.defineProperty(this, CODE_KEY, { value: code, enumerable: false });
  }

  static isInstance(value: unknown): value is BedrockEmbeddingsError {
    return errorCodeOf(value) !== undefined;
  }
}

/** The library error code carried by `value`, or undefined for any other value. */
export function errorCodeOf(value: unknown): ErrorCode | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  return (value as Record<symbol, ErrorCode | undefined>)[CODE_KEY];
}

// The message is problem then fix; without a full stop between them they read as one sentence.
function asSentence(problem: string): string {
  return /[.?!]\)?$/.test(problem.trimEnd()) ? problem.trimEnd() : `${problem.trimEnd()}.`;
}
