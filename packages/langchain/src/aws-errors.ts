import {
  AWS_SERVER_ERROR_NAMES,
  AWS_THROTTLING_ERROR_NAMES,
  BedrockApiError,
  NETWORK_ERROR_CODES,
  TIMEOUT_ERROR_NAMES,
  TRANSIENT_HTTP_STATUSES,
} from "@bedrock-embeddings/core";

// The transient names beyond the shared server errors: a slow model and timeouts are retried too.
const TRANSIENT_NAMES: ReadonlySet<string> = new Set([
  ...AWS_SERVER_ERROR_NAMES,
  ...TIMEOUT_ERROR_NAMES,
  "ModelTimeoutException",
]);

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
  message?: unknown;
  $fault?: unknown;
  $retryable?: { throttling?: boolean } | undefined;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown; attempts?: unknown } | undefined;
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
  const shape: SdkErrorShape =
    typeof original === "object" && original !== null ? (original as SdkErrorShape) : {};
  const rawName = typeof shape.name === "string" ? shape.name : undefined;
  const code = typeof shape.code === "string" ? shape.code : undefined;
  const awsErrorName = rawName && rawName !== "Error" ? rawName : (code ?? rawName ?? "UnknownError");
  const status =
    typeof shape.$metadata?.httpStatusCode === "number" ? shape.$metadata.httpStatusCode : undefined;
  const requestId = typeof shape.$metadata?.requestId === "string" ? shape.$metadata.requestId : undefined;
  const attempts = typeof shape.$metadata?.attempts === "number" ? shape.$metadata.attempts : undefined;
  const throttling =
    AWS_THROTTLING_ERROR_NAMES.has(awsErrorName) || status === 429 || shape.$retryable?.throttling === true;
  const retryable =
    throttling ||
    TRANSIENT_NAMES.has(awsErrorName) ||
    (status !== undefined && TRANSIENT_HTTP_STATUSES.has(status)) ||
    (code !== undefined && NETWORK_ERROR_CODES.has(code)) ||
    shape.$retryable !== undefined;
  const where = context.failedIndexes.length === 1 ? "input" : "inputs";
  const problem =
    `Bedrock call for model ${context.modelId} failed with ${awsErrorName}` +
    (status === undefined ? "" : ` (HTTP ${status})`) +
    ` for ${where} ${context.failedIndexes.join(", ")}: ${messageOf(original)}`;
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

function messageOf(error: unknown): string {
  if (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { message?: unknown }).message === "string"
  ) {
    return (error as { message: string }).message;
  }
  return String(error);
}
