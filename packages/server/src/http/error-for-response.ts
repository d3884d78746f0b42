import { BedrockApiError, ConfigurationError, InputError } from "@bedrock-embeddings/core";
import { RedisUnavailableError } from "../redis/redis-unavailable-error.js";
import { invalidRequest, OpenAiHttpError } from "./openai-http-error.js";

const SECONDS_BEFORE_RETRY = 1;

/**
 * What an error thrown while serving a request means for the client: typed errors from the
 * embedder become 400, 429, 503 or 500 as OpenAI uses them; Redis (shared limits and cache) down
 * is a 503 naming its `host:port`; anything else is a 500 that says nothing about the server's
 * internals.
 *
 * @example
 * const problem = errorForResponse(error); // OpenAiHttpError
 * return context.json(problem.body(), problem.status, problem.responseHeaders());
 */
export function errorForResponse(error: unknown): OpenAiHttpError {
  if (error instanceof OpenAiHttpError) return error;
  if (InputError.isInstance(error)) {
    const where = error.index === undefined ? "" : `input[${error.index}]: `;
    return invalidRequest(`${where}${error.problem}`, "input", error);
  }
  if (BedrockApiError.isInstance(error)) return bedrockFailure(error);
  if (RedisUnavailableError.isUnavailable(error)) {
    return new OpenAiHttpError(
      503,
      `The server's shared state (Redis at ${error.location}, for per-key limits and the vector cache) is unavailable; retry later.`,
      {
        type: "server_error",
        code: "shared_state_unavailable",
        retryAfterSeconds: SECONDS_BEFORE_RETRY,
        cause: error,
      },
    );
  }
  if (ConfigurationError.isInstance(error)) {
    return new OpenAiHttpError(500, `The server's model configuration failed: ${error.problem}`, {
      type: "server_error",
      code: "configuration_error",
      cause: error,
    });
  }
  return new OpenAiHttpError(500, "The server failed while handling the request.", {
    type: "server_error",
    code: "internal_error",
    cause: error,
  });
}

function bedrockFailure(error: BedrockApiError): OpenAiHttpError {
  if (error.throttling) {
    return new OpenAiHttpError(
      429,
      `Bedrock is throttling ${error.modelId} (still after ${error.attempts} attempts); retry later.`,
      {
        type: "rate_limit_error",
        code: "upstream_throttled",
        retryAfterSeconds: SECONDS_BEFORE_RETRY,
        cause: error,
      },
    );
  }
  if (error.retryable) {
    return new OpenAiHttpError(503, `Bedrock is unavailable for ${error.modelId}: ${error.problem}`, {
      type: "server_error",
      code: "upstream_unavailable",
      retryAfterSeconds: SECONDS_BEFORE_RETRY,
      cause: error,
    });
  }
  if (error.awsErrorName === "ValidationException") {
    return invalidRequest(`Bedrock refused the input: ${error.problem}`, "input", error);
  }
  return new OpenAiHttpError(500, `Bedrock refused the server's call (${error.awsErrorName}).`, {
    type: "server_error",
    code: "upstream_error",
    cause: error,
  });
}
