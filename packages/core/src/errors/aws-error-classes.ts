/**
 * AWS error names and Node network codes as the SDK v3 standard retry strategy sorts them
 * (smithy service-error-classification), shared by every embedder that talks to Bedrock so they
 * retry the same failures.
 *
 * @example
 * AWS_THROTTLING_ERROR_NAMES.has("ThrottlingException"); // true
 */
export const AWS_THROTTLING_ERROR_NAMES: ReadonlySet<string> = new Set([
  "ThrottlingException",
  "ModelNotReadyException",
  "TooManyRequestsException",
  "Throttling",
  "RequestLimitExceeded",
  "SlowDown",
  "ThrottledException",
  "RequestThrottled",
  "RequestThrottledException",
  "BandwidthLimitExceeded",
  "LimitExceededException",
  "ProvisionedThroughputExceededException",
]);

/** Server-side failures worth another attempt. */
export const AWS_SERVER_ERROR_NAMES: ReadonlySet<string> = new Set([
  "InternalServerException",
  "ServiceUnavailableException",
  "InternalFailure",
  "ServiceUnavailable",
]);

/** HTTP statuses the SDK treats as transient. */
export const TRANSIENT_HTTP_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

/** Names of timeouts, from the SDK or the transport. */
export const TIMEOUT_ERROR_NAMES: ReadonlySet<string> = new Set([
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
]);

/** Node error codes of a connection that failed or dropped. */
export const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNABORTED",
]);
