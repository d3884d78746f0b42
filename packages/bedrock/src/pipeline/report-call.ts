import type { EmbeddingUsage } from "@bedrock-embeddings/core";
import type { InvokeResult } from "../call/invoke.js";
import type { BedrockCallEvent } from "../events.js";
import type { CallContext } from "./call-context.js";
import type { SentCall } from "./send-with-retry.js";

/**
 * What the report step tells about one finished call.
 *
 * @example
 * reportCall(context, sent, { indexes: [0], ok: true, response, inputTokens: 3, error: undefined });
 */
export interface CallReport {
  indexes: readonly number[];
  ok: boolean;
  /** The answer, when the call got one: only an answered call is billed. */
  response: InvokeResult | undefined;
  inputTokens: number | undefined;
  error: Error | undefined;
}

/**
 * The report step of a call: prices an answered call into its usage, and sends the `onCall`
 * event (tokens, cost, attempts, timing, request id). A throwing hook never breaks embedding.
 *
 * @example
 * reportCall(context, sent, report);
 */
export function reportCall(context: CallContext, sent: SentCall, report: CallReport): EmbeddingUsage {
  const { usage, lastFailure } = sent;
  const { response, inputTokens, error } = report;
  const cost = response === undefined ? undefined : context.estimateCost?.(inputTokens);
  if (cost !== undefined) usage.estimatedCostUsd = cost;
  if (context.onCall === undefined) return usage;
  const event: BedrockCallEvent = {
    modelId: context.modelId,
    family: context.family.name,
    indexes: report.indexes,
    ok: report.ok,
    inputTokens,
    ...(cost === undefined ? {} : { estimatedCostUsd: cost }),
    attempts: sent.outcome.attempts,
    retries: usage.retries,
    throttles: usage.throttles,
    durationMs: context.clock.now() - sent.startedAt,
    requestId: response?.requestId ?? lastFailure?.requestId,
    httpStatus: response?.httpStatus ?? lastFailure?.httpStatus,
    ...(error ? { error } : {}),
  };
  try {
    context.onCall(event);
  } catch {
    // Observability hooks never break embedding.
  }
  return usage;
}
