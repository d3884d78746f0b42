import type { ErrorClassification } from "@bedrock-embeddings/core";
import { BedrockApiError } from "@bedrock-embeddings/core";

/** Everything needed to turn a classified failure into the library's BedrockApiError. */
export interface ApiErrorContext {
  modelId: string;
  failedIndexes: readonly number[];
  attempts: number;
  cause: unknown;
  /** Strings that must never appear in a message (keys, tokens). */
  secrets: readonly string[];
  requestTimeoutMs?: number | undefined;
  /** `host:port` of the endpoint, named when it cannot be reached. */
  endpoint?: string | undefined;
}

/** What to do about an endpoint nothing answers at. */
export const UNREACHABLE_FIX =
  "Check endpoint and region in the configuration, and the network or proxy; if endpoint points at the local emulator, start it (bedrock-embeddings emulator).";

const API_KEY_REJECTED = /api key/i;

const API_KEY_FIX =
  "Check the API key (api_key in the configuration, or AWS_BEARER_TOKEN_BEDROCK): it may be mistyped, " +
  "expired or revoked, and a short-term key only works in the region it was made for.";

const MISSING_PROFILE_FIX =
  "Name a profile that exists in those files (`aws configure list-profiles` lists them; " +
  "`aws configure --profile <name>` creates one), or give credentials or an API key instead.";

const NO_CREDENTIALS_FIX =
  "Give credentials, a profile or an API key in the configuration, or AWS credentials in the " +
  "environment (AWS_PROFILE, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_BEARER_TOKEN_BEDROCK).";

/**
 * A BedrockApiError whose message says what happened and what to do about it. Service text is
 * included only after every configured secret has been blanked out.
 *
 * @example
 * throw toBedrockApiError(classifyError(error), { modelId, failedIndexes: [0], attempts: 1, cause: error, secrets: [] });
 */
export function toBedrockApiError(
  classification: ErrorClassification,
  context: ApiErrorContext,
): BedrockApiError {
  const said = redact(classification.serviceMessage, context.secrets);
  const { problem, fix } = describe(classification, context, said);
  return new BedrockApiError(problem, {
    awsErrorName: classification.awsErrorName,
    httpStatus: classification.httpStatus,
    requestId: classification.requestId,
    modelId: context.modelId,
    retryable: classification.retryable,
    throttling: classification.throttling,
    failedIndexes: context.failedIndexes,
    attempts: context.attempts,
    cause: context.cause,
    fix,
  });
}

/** Replaces each secret (of four characters or more) with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join("[redacted]");
  }
  return result;
}

function describe(
  c: ErrorClassification,
  context: ApiErrorContext,
  said: string,
): { problem: string; fix: string } {
  const model = context.modelId;
  const tries = context.attempts === 1 ? "1 attempt" : `${context.attempts} attempts`;
  const status = c.httpStatus === undefined ? "" : ` (HTTP ${c.httpStatus})`;
  const head = `Bedrock ${c.awsErrorName}${status} for model ${model}`;
  switch (c.category) {
    case "access":
      // Bedrock answers an unknown or expired API key with AccessDeniedException too.
      if (API_KEY_REJECTED.test(said)) {
        return { problem: `${head}: the API key was not accepted: ${said}`, fix: API_KEY_FIX };
      }
      return {
        problem: `${head}: ${said}`,
        fix: "Enable access to this model in the Bedrock console (Model access) for this region, and allow bedrock:InvokeModel on it in IAM.",
      };
    case "auth":
      if (c.awsErrorName === "CredentialsProviderError") {
        const fix = said.includes("for profile") ? MISSING_PROFILE_FIX : NO_CREDENTIALS_FIX;
        return { problem: `No AWS credentials for model ${model}: ${said}`, fix };
      }
      return {
        problem: `${head}: the request was not authenticated: ${said}`,
        fix: "Check the credentials, profile or API key, and that the region is right for them.",
      };
    case "not-found":
    case "invalid-model":
      return {
        problem: `${head}: ${said}`,
        fix: /on-demand throughput/i.test(said)
          ? "Use an inference profile id for this model (e.g. us.<model id>) or its ARN."
          : "Check the model id and that the model is offered in this region.",
      };
    case "validation":
      return {
        problem: `${head}: the service rejected the request: ${said}`,
        fix: "Check the inputs of these indexes against the model's limits and the configured options.",
      };
    case "throttling":
      return {
        problem: `${head}: still throttled after ${tries}: ${said}`,
        fix: "Lower max_concurrency or raise max_attempts (maxConcurrency, maxAttempts in code), or request a Bedrock quota increase.",
      };
    case "quota":
      return {
        problem: `${head}: a service quota is exhausted: ${said}`,
        fix: "Wait for the quota to reset, or request a Bedrock quota increase.",
      };
    case "server":
    case "model-timeout":
      return {
        problem: `${head}: the service failed after ${tries}: ${said}`,
        fix: "Try again later; raise max_attempts (maxAttempts in code) if this is frequent.",
      };
    case "timeout":
      return {
        problem: `Call to model ${model} timed out after ${tries}${context.requestTimeoutMs ? ` of ${context.requestTimeoutMs} ms` : ""}.`,
        fix: "Raise request_timeout_ms (requestTimeoutMs in code), or send fewer texts per batch.",
      };
    case "network":
      if (c.unreachable) {
        const address = c.unreachable.address ?? context.endpoint ?? "the Bedrock endpoint";
        return {
          problem: `Could not connect to ${address} for model ${model} (${c.unreachable.code}) after ${tries}.`,
          fix: UNREACHABLE_FIX,
        };
      }
      return {
        problem: `Could not reach Bedrock for model ${model} after ${tries}: ${said}`,
        fix: "Check the network, proxy and endpoint settings.",
      };
    case "model-error":
      return {
        problem: `${head}: the model failed to process the request: ${said}`,
        fix: "Check the inputs of these indexes; retry later if they look valid.",
      };
    default:
      return { problem: `${head}: ${said}`, fix: "See the cause for details." };
  }
}
