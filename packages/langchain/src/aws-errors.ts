import {
  BedrockApiError,
  classifyError,
  NETWORK_ERROR_CODES,
  TRANSIENT_HTTP_STATUSES,
} from "@bedrock-embeddings/core";

const FIXES: Readonly<Record<string, string>> = {
  ValidationException:
    "Bedrock rejected the request body or model id; check the model id, region and dimensions, and the input length.",
  AccessDeniedException:
    "Check the credentials and that model access is granted for this model in this region (Bedrock console, Model access).",
  UnrecognizedClientException: "The credentials or API key are not valid; check them.",
  ResourceNotFoundException: "Check the model id and that the model is available in this region.",
  ThrottlingException:
    "Requests were throttled after the SDK's retries; lower max_concurrency or raise max_attempts (maxConcurrency, maxAttempts in code), or request a higher quota.",
  ServiceQuotaExceededException: "A daily or account quota is used up; wait or request a higher quota.",
  ModelNotReadyException: "The model is still loading; try again shortly.",
  ModelTimeoutException: "The model took too long; try again or shorten the input.",
  InternalServerException: "A transient Bedrock failure that outlasted the SDK's retries; try again later.",
  ServiceUnavailableException: "Bedrock is unavailable; try again later.",
};

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  $retryable?: unknown;
  $metadata?: { attempts?: unknown } | undefined;
}

/**
 * Turns an error thrown by the AWS SDK (or the network) into a BedrockApiError that keeps it as
 * `cause` and carries its AWS name, HTTP status, request id and the SDK's attempt count.
 *
 * @example
 * throw toBedrockApiError(sdkError, { modelId: "amazon.titan-embed-text-v2:0", failedIndexes: [3] });
 */
export function toBedrockApiError(
  original: unknown,
  context: { modelId: string; failedIndexes: readonly number[] },
): BedrockApiError {
  const classification = classifyError(original);
  const shape: SdkErrorShape =
    typeof original === "object" && original !== null ? (original as SdkErrorShape) : {};
  const rawName = typeof shape.name === "string" ? shape.name : undefined;
  const code = typeof shape.code === "string" ? shape.code : undefined;
  // A bare Node error is named by its code (ECONNREFUSED), not by "Error".
  const awsErrorName = rawName && rawName !== "Error" ? rawName : (code ?? rawName ?? "UnknownError");
  const status = classification.httpStatus;
  const requestId = classification.requestId;
  const attempts = typeof shape.$metadata?.attempts === "number" ? shape.$metadata.attempts : undefined;
  // A quota answer counts as throttling here only when it comes as HTTP 429.
  const throttling =
    classification.category === "throttling" || (classification.throttling && status === 429);
  // The SDK has already retried what it could; these are still worth trying again later.
  const retryable =
    throttling ||
    classification.retryable ||
    (status !== undefined && TRANSIENT_HTTP_STATUSES.has(status)) ||
    (code !== undefined && NETWORK_ERROR_CODES.has(code)) ||
    shape.$retryable !== undefined;
  const where = context.failedIndexes.length === 1 ? "input" : "inputs";
  const problem =
    `Bedrock call for model ${context.modelId} failed with ${awsErrorName}` +
    (status === undefined ? "" : ` (HTTP ${status})`) +
    ` for ${where} ${context.failedIndexes.join(", ")}: ${classification.serviceMessage}`;
  const fix =
    FIXES[awsErrorName] ??
    (code !== undefined && NETWORK_ERROR_CODES.has(code)
      ? "Bedrock could not be reached; check the endpoint, region and network."
      : undefined);
  return new BedrockApiError(problem, {
    awsErrorName,
    httpStatus: status,
    requestId,
    modelId: context.modelId,
    retryable,
    throttling,
    failedIndexes: context.failedIndexes,
    ...(attempts === undefined ? {} : { attempts }),
    ...(fix === undefined ? {} : { fix }),
    cause: original,
  });
}
