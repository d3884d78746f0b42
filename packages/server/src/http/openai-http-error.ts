/** The `type` values OpenAI's API puts in its error bodies, plus the per-key limit types. */
export type OpenAiErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "requests"
  | "tokens"
  | "rate_limit_error"
  | "server_error";

export interface OpenAiHttpErrorOptions {
  type: OpenAiErrorType;
  code: string;
  param?: string | undefined;
  /** Seconds for `retry-after` (429 and 503). */
  retryAfterSeconds?: number | undefined;
  /** Extra headers, e.g. the x-ratelimit-* of a refused key. */
  headers?: Record<string, string> | undefined;
  cause?: unknown;
}

/**
 * An error answered in OpenAI's shape, `{ error: { message, type, param, code } }`, with its
 * HTTP status. Messages never hold API keys or input texts.
 *
 * @example
 * throw new OpenAiHttpError(404, "The model `gpt-4` does not exist.", { type: "invalid_request_error", code: "model_not_found", param: "model" });
 */
export class OpenAiHttpError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 413 | 429 | 500 | 503;
  readonly type: OpenAiErrorType;
  readonly code: string;
  readonly param: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly headers: Record<string, string>;

  constructor(status: OpenAiHttpError["status"], message: string, options: OpenAiHttpErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "OpenAiHttpError";
    this.status = status;
    this.type = options.type;
    this.code = options.code;
    this.param = options.param;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.headers = options.headers ?? {};
  }

  /** The JSON body OpenAI clients parse. */
  body(): { error: { message: string; type: string; param: string | null; code: string } } {
    return { error: { message: this.message, type: this.type, param: this.param ?? null, code: this.code } };
  }

  /** Response headers: `retry-after` when set, and any extra ones. */
  responseHeaders(): Record<string, string> {
    return this.retryAfterSeconds === undefined
      ? { ...this.headers }
      : { ...this.headers, "retry-after": String(Math.max(1, Math.ceil(this.retryAfterSeconds))) };
  }
}

/**
 * A 400 about one request field.
 *
 * @example
 * throw invalidRequest("input must not be empty.", "input");
 */
export function invalidRequest(message: string, param: string | undefined, cause?: unknown): OpenAiHttpError {
  return new OpenAiHttpError(400, message, {
    type: "invalid_request_error",
    code: "invalid_value",
    param,
    cause,
  });
}
