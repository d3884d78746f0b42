import {
  AWS_SERVER_ERROR_NAMES,
  AWS_THROTTLING_ERROR_NAMES,
  BedrockApiError,
  NETWORK_ERROR_CODES,
  TIMEOUT_ERROR_NAMES,
  TRANSIENT_HTTP_STATUSES,
} from "@bedrock-embeddings/core";

/**
 * `@langchain/aws` catches every error of `client.send`, logs it, and throws
 * `new Error("An error occurred while embedding documents with Bedrock: " + e.message)`: the AWS
 * error name, HTTP status, request id and the error object itself are lost.
 *
 * To get them back, the client handed to `BedrockEmbeddings` is wrapped: a failed `send` is
 * remembered under a numbered tag that is appended to the message it throws, so the tag survives
 * the re-wrapping and leads back to the original SDK error.
 */
export class SendErrorCapture {
  // Entries are removed when read; the bound only matters if the LangChain instance is used directly.
  private static readonly MAX_ENTRIES = 1000;
  private readonly captured = new Map<number, unknown>();
  private nextTag = 1;

  /** A view of `client` whose `send` records failures; every other member is the client's own. */
  wrap<Client extends object>(client: Client): Client {
    const onFailure = (error: unknown): never => {
      throw this.tag(error);
    };
    const send = (...args: unknown[]): unknown => {
      const result = (client as unknown as { send: (...sendArgs: unknown[]) => unknown }).send(...args);
      return isPromiseLike(result) ? Promise.resolve(result).then(undefined, onFailure) : result;
    };
    return new Proxy(client, {
      get: (target, property) => (property === "send" ? send : Reflect.get(target, property, target)),
    });
  }

  /**
   * The SDK error behind an error that came out of `BedrockEmbeddings`, or undefined when it did
   * not come from `send` (then the response could not be read).
   */
  recover(error: unknown): { original: unknown } | undefined {
    for (let current = error, depth = 0; current !== undefined && depth < 5; depth++) {
      const tag = TaggedSendError.tagIn(current);
      if (tag !== undefined && this.captured.has(tag)) {
        const original = this.captured.get(tag);
        this.captured.delete(tag);
        return { original };
      }
      current =
        typeof current === "object" && current !== null ? (current as { cause?: unknown }).cause : undefined;
    }
    return undefined;
  }

  private tag(error: unknown): TaggedSendError {
    const tag = this.nextTag++;
    this.captured.set(tag, error);
    if (this.captured.size > SendErrorCapture.MAX_ENTRIES) {
      const oldest = this.captured.keys().next();
      if (!oldest.done) this.captured.delete(oldest.value);
    }
    return new TaggedSendError(error, tag);
  }
}

/** What the wrapped `send` throws: the SDK error's message plus a tag, with the SDK error as cause. */
class TaggedSendError extends Error {
  private static readonly PATTERN = /\[bedrock-embeddings send #(\d+)\]/;

  constructor(original: unknown, tag: number) {
    super(`${messageOf(original)} [bedrock-embeddings send #${tag}]`, { cause: original });
    this.name = "TaggedSendError";
  }

  static tagIn(error: unknown): number | undefined {
    const match = TaggedSendError.PATTERN.exec(messageOf(error));
    return match ? Number(match[1]) : undefined;
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function"
  );
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
    "Requests were throttled after the SDK's retries; lower maxConcurrency, raise maxAttempts, or request a higher quota.",
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
