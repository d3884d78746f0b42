import {
  BedrockEmbeddingsError,
  type EmbeddingUsage,
  type ErrorClassification,
} from "@bedrock-embeddings/core";
import { type InvokeResult, invokeModel } from "../call/invoke.js";
import { type RetryOutcome, runWithRetry } from "../call/retry.js";
import { attemptTimeoutMs } from "../call/timeouts.js";
import { scheduledAttempt } from "../schedule/scheduled-attempt.js";
import type { CallContext, CallOptions } from "./call-context.js";

/**
 * How the send step ended: the retry outcome, the usage it counted (calls answered, retries,
 * throttles), the last failure's classification, and when the first attempt went out.
 *
 * @example
 * const sent = await sendWithRetry(context, body, options);
 * if (sent.outcome.ok) decode(sent.outcome.value);
 */
export interface SentCall {
  outcome: RetryOutcome<InvokeResult>;
  usage: EmbeddingUsage;
  lastFailure: ErrorClassification | undefined;
  /** The clock's time when the first attempt went out (waiting for the scheduler is not the call's time). */
  startedAt: number;
}

/**
 * The schedule and send steps of a call: each attempt waits for the scheduler's permit, goes
 * through the run's guard, and is sent with its attempt timeout; failed attempts are retried
 * by the one retry layer with jittered back-off on the embedder's clock. Never throws.
 *
 * @example
 * const { outcome, usage } = await sendWithRetry(context, { inputText: "hi" }, { signal });
 */
export async function sendWithRetry(
  context: CallContext,
  body: Record<string, unknown>,
  call: CallOptions,
): Promise<SentCall> {
  const usage: EmbeddingUsage = { inputTokens: 0, calls: 0, retries: 0, throttles: 0 };
  let startedAt = context.clock.now();
  let lastFailure: ErrorClassification | undefined;
  const timeoutMs = attemptTimeoutMs(call.kind ?? "text", context.requestTimeoutMs);
  const send = () => invokeModel(context.client, context.modelId, body, timeoutMs, call.signal);
  const { guard } = call;
  const slot = {
    scheduler: context.scheduler,
    tokens: call.tokens,
    signal: call.signal,
    onDoomed: call.onDoomed,
  };
  const outcome = await runWithRetry(
    (attempt) =>
      scheduledAttempt(
        slot,
        () => {
          if (attempt === 1) startedAt = context.clock.now();
          return guard ? guard.attempt(send) : send();
        },
        inputTokenCount,
      ),
    context.policy,
    isLibraryError,
    (classification) => {
      lastFailure = classification;
      // A library error (an unreadable body) still came with a response; the guard's stop did not.
      const answered =
        classification === undefined ? guard?.stopped === undefined : classification.httpStatus !== undefined;
      if (answered) usage.calls++;
      if (classification?.throttling) usage.throttles++;
    },
    call.signal,
  );
  usage.retries = outcome.attempts - 1;
  if (outcome.ok) usage.calls++;
  return { outcome, usage, lastFailure, startedAt };
}

function inputTokenCount(response: InvokeResult): number | undefined {
  return response.inputTokenCount;
}

function isLibraryError(error: unknown): boolean {
  return BedrockEmbeddingsError.isInstance(error);
}
