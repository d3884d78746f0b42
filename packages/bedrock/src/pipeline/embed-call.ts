import type { BatchFailure, BedrockApiError, EmbeddingResult, EmbeddingType } from "@bedrock-embeddings/core";
import { toBedrockApiError } from "../call/api-error.js";
import { RequestTimeoutError } from "../call/invoke.js";
import type { RequestSettings, WireInput } from "../families/model-family.js";
import type { CallContext, CallOptions, CallResult } from "./call-context.js";
import { decodeCall } from "./decode-call.js";
import { reportCall } from "./report-call.js";
import { sendWithRetry } from "./send-with-retry.js";

/**
 * One InvokeModel call of a run, as a sequence of steps: build the family's body → schedule and
 * send with retry (`sendWithRetry`) → decode and check every input (`decodeCall`) → report
 * usage, cost and the `onCall` event (`reportCall`). Never throws: problems come back as
 * failures so the run can keep what succeeded.
 *
 * @example
 * const result = await embedCall(context, [{ modality: "text", text: "hi" }], [0], request, ["float"]);
 */
export async function embedCall(
  context: CallContext,
  inputs: readonly WireInput[],
  indexes: readonly number[],
  request: RequestSettings,
  types: readonly EmbeddingType[],
  call: CallOptions = {},
): Promise<CallResult<EmbeddingResult>> {
  let body: Record<string, unknown>;
  try {
    body = context.family.buildBody(inputs, request);
  } catch (error) {
    return failed(indexes, asError(error), undefined, emptyCallUsage());
  }
  const sent = await sendWithRetry(context, body, call);
  const { outcome } = sent;
  if (!outcome.ok) {
    const error = outcome.classification
      ? toBedrockApiError(outcome.classification, {
          modelId: context.modelId,
          failedIndexes: indexes,
          attempts: outcome.attempts,
          cause: outcome.error,
          secrets: context.secrets,
          endpoint: context.endpoint,
          requestTimeoutMs:
            outcome.error instanceof RequestTimeoutError ? outcome.error.timeoutMs : undefined,
        })
      : asError(outcome.error);
    const fatal = outcome.classification?.failsEveryCall ? (error as BedrockApiError) : undefined;
    const report = { indexes, ok: false, response: undefined, inputTokens: undefined, error };
    return failed(indexes, error, fatal, reportCall(context, sent, report));
  }
  const response = outcome.value;
  let inputTokens: number | undefined;
  const reportTokens = (tokens: number | undefined) => {
    inputTokens = tokens;
    sent.usage.inputTokens = tokens ?? 0;
  };
  try {
    const { results, failures } = decodeCall(context, response, inputs, indexes, types, reportTokens);
    const error = failures[0]?.error;
    const usage = reportCall(context, sent, {
      indexes,
      ok: failures.length === 0,
      response,
      inputTokens,
      error,
    });
    return { values: results, failures, fatal: undefined, usage };
  } catch (caught) {
    const error = asError(caught);
    const usage = reportCall(context, sent, { indexes, ok: false, response, inputTokens, error });
    return failed(indexes, error, undefined, usage);
  }
}

function failed(
  indexes: readonly number[],
  error: Error,
  fatal: BedrockApiError | undefined,
  usage: CallResult<EmbeddingResult>["usage"],
): CallResult<EmbeddingResult> {
  const failures: BatchFailure[] = indexes.map((index) => ({ index, error }));
  return { values: indexes.map(() => undefined), failures, fatal, usage };
}

function emptyCallUsage(): CallResult<EmbeddingResult>["usage"] {
  return { inputTokens: 0, calls: 0, retries: 0, throttles: 0 };
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
