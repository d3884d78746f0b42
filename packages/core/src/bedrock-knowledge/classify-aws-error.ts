import {
  AWS_SERVER_ERROR_NAMES,
  AWS_THROTTLING_ERROR_NAMES,
  NETWORK_ERROR_CODES,
  TIMEOUT_ERROR_NAMES,
  TRANSIENT_HTTP_STATUSES,
} from "../errors/aws-error-classes.js";
import { headerValue } from "./header-value.js";

/**
 * What kind of failure an error is, which decides retrying, batch abort and the advice given.
 *
 * @example
 * const category: FailureCategory = classifyError(error).category;
 */
export type FailureCategory =
  | "throttling"
  | "quota"
  | "server"
  | "model-timeout"
  | "network"
  | "timeout"
  | "auth"
  | "access"
  | "not-found"
  | "invalid-model"
  | "validation"
  | "model-error"
  | "unknown";

/**
 * The facts about one failed attempt, read from an AWS SDK, transport or timeout error.
 *
 * @example
 * const { retryable, throttling, failsEveryCall } = classifyError(error);
 */
export interface ErrorClassification {
  category: FailureCategory;
  /** AWS error name (or the JavaScript error name for transport failures). */
  awsErrorName: string;
  httpStatus: number | undefined;
  requestId: string | undefined;
  /** The service's (or transport's) own message. */
  serviceMessage: string;
  /** Sending the same request again may succeed. */
  retryable: boolean;
  /** Throttling or quota. */
  throttling: boolean;
  /** The same error will fail every other call of the batch too (auth, access, bad model id). */
  failsEveryCall: boolean;
  /** Server hint from `retry-after` (seconds or HTTP date) or `x-amz-retry-after` (ms). */
  retryAfterMs: number | undefined;
  /** Set when no connection could be opened at all (refused, unknown host, no route). */
  unreachable: Unreachable | undefined;
}

/**
 * A connection that could not be opened: the Node error code and, when the error says, the
 * `host:port` (or host name) that was dialed.
 *
 * @example
 * const unreachable: Unreachable = { code: "ECONNREFUSED", address: "127.0.0.1:4010" };
 */
export interface Unreachable {
  code: string;
  address: string | undefined;
}

/** Codes that mean nothing answers at that address, as opposed to a connection that dropped. */
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH"]);

const AUTH_NAMES = new Set([
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "IncompleteSignatureException",
  "MissingAuthenticationTokenException",
  "ExpiredTokenException",
  "InvalidClientTokenId",
  "CredentialsProviderError",
  "TokenProviderError",
]);
// ValidationException texts that mean the model id itself is wrong: every call would fail.
const INVALID_MODEL_MESSAGE =
  /model identifier is invalid|on-demand throughput isn.t supported|end of its life/i;

interface ErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  errno?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
  $response?: { headers?: unknown };
  $retryable?: { throttling?: unknown };
}

/**
 * Sorts an SDK, transport or timeout error into retryable (throttling, 5xx, network, timeout)
 * or not (client errors), and notes errors that doom the whole batch.
 *
 * @example
 * classifyError(throttlingError).retryable; // true
 */
export function classifyError(error: unknown): ErrorClassification {
  const shape = (typeof error === "object" && error !== null ? error : {}) as ErrorShape;
  const name = typeof shape.name === "string" && shape.name ? shape.name : "UnknownError";
  const serviceMessage = typeof shape.message === "string" ? shape.message : String(error);
  const httpStatus =
    typeof shape.$metadata?.httpStatusCode === "number" ? shape.$metadata.httpStatusCode : undefined;
  const requestId = typeof shape.$metadata?.requestId === "string" ? shape.$metadata.requestId : undefined;
  const category = categorize(name, httpStatus, serviceMessage, shape);
  return {
    category,
    awsErrorName: name,
    httpStatus,
    requestId,
    serviceMessage,
    retryable: RETRYABLE.has(category),
    throttling: category === "throttling" || category === "quota",
    failsEveryCall: FATAL.has(category),
    retryAfterMs: retryAfterMs(shape.$response?.headers),
    unreachable: category === "network" ? findUnreachable(error) : undefined,
  };
}

/** The first unreachable-endpoint code on the error or its causes (the SDK wraps Node's error). */
function findUnreachable(error: unknown, depth = 0): Unreachable | undefined {
  if (typeof error !== "object" || error === null || depth > 5) return undefined;
  const shape = error as {
    code?: unknown;
    address?: unknown;
    port?: unknown;
    hostname?: unknown;
    cause?: unknown;
  };
  if (typeof shape.code === "string" && UNREACHABLE_CODES.has(shape.code)) {
    const host = typeof shape.address === "string" ? shape.address : shape.hostname;
    const address =
      typeof host !== "string" ? undefined : typeof shape.port === "number" ? `${host}:${shape.port}` : host;
    return { code: shape.code, address };
  }
  return findUnreachable(shape.cause, depth + 1);
}

const RETRYABLE = new Set<FailureCategory>(["throttling", "server", "model-timeout", "network", "timeout"]);
const FATAL = new Set<FailureCategory>(["auth", "access", "not-found", "invalid-model", "quota"]);

function categorize(
  name: string,
  status: number | undefined,
  message: string,
  shape: ErrorShape,
): FailureCategory {
  if (name === "ServiceQuotaExceededException") return "quota";
  if (AWS_THROTTLING_ERROR_NAMES.has(name) || status === 429 || shape.$retryable?.throttling === true)
    return "throttling";
  if (name === "ModelTimeoutException") return "model-timeout";
  if (AWS_SERVER_ERROR_NAMES.has(name) || (status !== undefined && TRANSIENT_HTTP_STATUSES.has(status)))
    return "server";
  if (AUTH_NAMES.has(name)) return "auth";
  if (name === "AccessDeniedException") return "access";
  if (name === "ResourceNotFoundException") return "not-found";
  if (name === "ValidationException")
    return INVALID_MODEL_MESSAGE.test(message) ? "invalid-model" : "validation";
  if (name === "ModelErrorException") return "model-error";
  if (TIMEOUT_ERROR_NAMES.has(name)) return "timeout";
  // A 200 whose body broke off mid-stream never reached us whole: sending it again is safe.
  if ((status === undefined || status === 200) && isNetworkError(shape, message)) return "network";
  return "unknown";
}

/**
 * A transport failure worth another attempt: a Node network code, a hung-up socket, an HTTP/2
 * stream the server refused, reset or closed before the body ended, here or on a cause.
 */
function isNetworkError(shape: ErrorShape, message: string, depth = 0): boolean {
  if (typeof shape.code === "string" && NETWORK_ERROR_CODES.has(shape.code)) return true;
  if (typeof shape.errno === "string" && NETWORK_ERROR_CODES.has(shape.errno)) return true;
  // Refused, or closed by the server before the body ended; a protocol error would only repeat.
  if (shape.code === "ERR_HTTP2_STREAM_ERROR" && /REFUSED_STREAM|INTERNAL_ERROR/.test(message)) return true;
  if (/socket hang up|HTTP\/2 stream is abnormally aborted|premature close/i.test(message)) return true;
  const cause = (shape as { cause?: unknown }).cause;
  if (depth < 5 && typeof cause === "object" && cause !== null) {
    const inner = cause as ErrorShape;
    return isNetworkError(inner, typeof inner.message === "string" ? inner.message : "", depth + 1);
  }
  return false;
}

/**
 * Milliseconds to wait from `x-amz-retry-after` (ms) or `retry-after` (seconds or an HTTP date).
 *
 * @example
 * retryAfterMs({ "retry-after": "2" }); // 2000
 */
export function retryAfterMs(headers: unknown, nowMs = Date.now()): number | undefined {
  if (typeof headers !== "object" || headers === null) return undefined;
  const record = headers as Record<string, unknown>;
  const amz = headerValue(record, "x-amz-retry-after");
  if (amz !== undefined && /^\s*\d+\s*$/.test(amz)) return Number(amz);
  const standard = headerValue(record, "retry-after")?.trim();
  if (!standard) return undefined;
  if (/^\d+(\.\d+)?$/.test(standard)) return Number(standard) * 1000;
  const date = Date.parse(standard);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
