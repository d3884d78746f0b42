import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import type { ErrorClassification } from "@bedrock-embeddings/core";
import {
  type BatchFailure,
  type BedrockApiError,
  BedrockEmbeddingsError,
  type EmbeddingUsage,
  ResponseError,
} from "@bedrock-embeddings/core";
import type { BedrockCallEvent } from "../events.js";
import type { ModelFamily, RequestSettings } from "../families/model-family.js";
import type { CallCostEstimator } from "../pricing/call-cost.js";
import type { CallScheduler } from "../schedule/call-scheduler.js";
import { scheduledAttempt } from "../schedule/scheduled-attempt.js";
import { toBedrockApiError } from "./api-error.js";
import { checkVector, finishVector } from "./check-vector.js";
import { type InvokeResult, invokeModel, RequestTimeoutError } from "./invoke.js";
import { type RetryPolicy, runWithRetry } from "./retry.js";
import type { AnswerClock, RunGuard } from "./run-guard.js";
import { attemptTimeoutMs, type CallKind } from "./timeouts.js";

/** The output dimension as known so far; the first checked vector sets it when it was unknown. */
export interface DimensionTracker {
  get(): number | undefined;
  observe(dimension: number): void;
}

/** What one call needs from the embedder. */
export interface CallContext {
  client: BedrockRuntimeClient;
  modelId: string;
  family: ModelFamily;
  normalize: boolean;
  /** `requestTimeoutMs` as configured; undefined: the default of each call's kind. */
  requestTimeoutMs: number | undefined;
  /** `stallTimeoutMs` as configured; undefined: three attempt timeouts. */
  stallTimeoutMs?: number | undefined;
  /** `host:port` of the endpoint, named in errors about reaching it. */
  endpoint?: string | undefined;
  /** When the endpoint last answered, shared by the embedder's runs. */
  answers?: AnswerClock | undefined;
  policy: RetryPolicy;
  secrets: readonly string[];
  now: () => number;
  dimension: DimensionTracker;
  onCall: ((event: BedrockCallEvent) => void) | undefined;
  /** Prices an answered call; undefined when the model has no known price. */
  estimateCost?: CallCostEstimator | undefined;
  /** Paces and bounds every attempt (adaptive rate, concurrency, budgets); absent: send at once. */
  scheduler?: CallScheduler | undefined;
}

/**
 * Per-call extras from the batch: the caller's abort signal (stops waiting, backoff and the
 * request in flight) and the estimated input tokens for a tokens-per-minute budget.
 *
 * @example
 * await embedCall(context, texts, indexes, settings, { signal, tokens: 120 });
 */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  tokens?: number | undefined;
  /** Told at once of an attempt error that fails every call, so no other call starts meanwhile. */
  onDoomed?: ((error: unknown) => void) | undefined;
  /** Texts or media: picks the default attempt timeout. Text when absent. */
  kind?: CallKind | undefined;
  /** The run's breaker and stall deadline, told how every attempt ended. */
  guard?: RunGuard | undefined;
}

/**
 * How one call ended: a value per input of the call (a vector for the text path, a result for
 * `embedInputs`), failures by input index.
 */
export interface CallResult<Value = number[]> {
  vectors: (Value | undefined)[];
  failures: BatchFailure[];
  /** Set when the failure will fail every other call too (auth, access, bad model id). */
  fatal: BedrockApiError | undefined;
  usage: EmbeddingUsage;
}

/**
 * Turns an answered call into per-input values, reporting the input tokens as soon as they
 * are known. Throwing fails every input of the call with that error.
 */
export type DecodeResponse<Value> = (
  response: InvokeResult,
  reportTokens: (tokens: number | undefined) => void,
) => Omit<CallResult<Value>, "usage">;

/**
 * Embeds one planned call: builds the family body, sends it through the retry layer, parses
 * and checks the response, normalizes, and reports an `onCall` event. Never throws: problems
 * come back as failures so the batch can keep what succeeded.
 */
export async function embedCall(
  context: CallContext,
  texts: readonly string[],
  indexes: readonly number[],
  settings: RequestSettings,
  call: CallOptions = {},
): Promise<CallResult> {
  const body = context.family.buildBody(texts, settings);
  return invokeCall(
    context,
    body,
    indexes,
    (response, reportTokens) => {
      const parsed = context.family.parseResponse(response.body, context.modelId);
      reportTokens(parsed.inputTokens ?? response.inputTokenCount);
      if (parsed.vectors.length !== texts.length) {
        throw new ResponseError(
          `The response for ${context.modelId} holds ${parsed.vectors.length} vectors for ${texts.length} texts (inputs ${describeIndexes(indexes)}).`,
          {
            modelId: context.modelId,
            expected: texts.length,
            actual: parsed.vectors.length,
            index: indexes[0],
          },
        );
      }
      return checkAll(context, parsed.vectors, indexes);
    },
    call,
  );
}

/**
 * Sends one prepared body for the inputs at `indexes` through the retry layer, counts usage,
 * decodes the answer with `decode`, and reports an `onCall` event. The shared core of the text
 * path and `embedInputs`. Never throws.
 */
export async function invokeCall<Value>(
  context: CallContext,
  body: Record<string, unknown>,
  indexes: readonly number[],
  decode: DecodeResponse<Value>,
  call: CallOptions = {},
): Promise<CallResult<Value>> {
  // Reset when the first attempt goes out: waiting for the scheduler is not the call's time.
  let started = context.now();
  const usage: EmbeddingUsage = { inputTokens: 0, calls: 0, retries: 0, throttles: 0 };
  let lastFailure: ErrorClassification | undefined;
  const timeoutMs = attemptTimeoutMs(call.kind ?? "text", context.requestTimeoutMs);
  const send = () => invokeModel(context.client, context.modelId, body, timeoutMs, call.signal);
  const outcome = await runWithRetry(
    (attempt) =>
      scheduledAttempt(
        { scheduler: context.scheduler, tokens: call.tokens, signal: call.signal, onDoomed: call.onDoomed },
        () => {
          if (attempt === 1) started = context.now();
          return call.guard ? call.guard.attempt(send) : send();
        },
        (response) => response.inputTokenCount,
      ),
    context.policy,
    (error) => BedrockEmbeddingsError.isInstance(error),
    (classification) => {
      lastFailure = classification;
      // A library error (an unreadable body) still came with a response; the guard's stop did not.
      const answered =
        classification === undefined
          ? call.guard?.stopped === undefined
          : classification.httpStatus !== undefined;
      if (answered) usage.calls++;
      if (classification?.throttling) usage.throttles++;
    },
    call.signal,
  );
  usage.retries = outcome.attempts - 1;

  const finish = (
    result: Omit<CallResult<Value>, "usage">,
    response: InvokeResult | undefined,
    tokens: number | undefined,
  ) => {
    const error = result.fatal ?? result.failures[0]?.error;
    // Only an answered call is billed; its estimate goes into both the usage and the event.
    const cost = response === undefined ? undefined : context.estimateCost?.(tokens);
    if (cost !== undefined) usage.estimatedCostUsd = cost;
    emit(context, {
      modelId: context.modelId,
      family: context.family.name,
      indexes,
      ok: result.failures.length === 0,
      inputTokens: tokens,
      ...(cost === undefined ? {} : { estimatedCostUsd: cost }),
      attempts: outcome.attempts,
      retries: usage.retries,
      throttles: usage.throttles,
      durationMs: context.now() - started,
      requestId: response?.requestId ?? lastFailure?.requestId,
      httpStatus: response?.httpStatus ?? lastFailure?.httpStatus,
      ...(error ? { error } : {}),
    });
    return { ...result, usage };
  };

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
    return finish(
      { vectors: indexes.map(() => undefined), failures: failAll(indexes, error), fatal },
      undefined,
      undefined,
    );
  }

  usage.calls++;
  const response = outcome.value;
  let tokens: number | undefined;
  try {
    const decoded = decode(response, (reported) => {
      tokens = reported;
      usage.inputTokens = reported ?? 0;
    });
    return finish(decoded, response, tokens);
  } catch (error) {
    return finish(
      { vectors: indexes.map(() => undefined), failures: failAll(indexes, asError(error)), fatal: undefined },
      response,
      tokens,
    );
  }
}

/** Checks each vector on its own: one bad vector fails its input only. */
function checkAll(
  context: CallContext,
  raw: readonly unknown[],
  indexes: readonly number[],
): Omit<CallResult, "usage"> {
  const vectors: (number[] | undefined)[] = [];
  const failures: BatchFailure[] = [];
  raw.forEach((entry, position) => {
    const index = indexes[position]!;
    try {
      const vector = checkVector(entry, index, context.dimension.get(), context.modelId);
      context.dimension.observe(vector.length);
      vectors.push(finishVector(vector, index, context.normalize, context.family.serverNormalize));
    } catch (error) {
      vectors.push(undefined);
      failures.push({ index, error: asError(error) });
    }
  });
  return { vectors, failures, fatal: undefined };
}

function failAll(indexes: readonly number[], error: Error): BatchFailure[] {
  return indexes.map((index) => ({ index, error }));
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/** `0` or `3-5`, for messages about the inputs of one call. */
export function describeIndexes(indexes: readonly number[]): string {
  if (indexes.length === 0) return "none";
  return indexes.length === 1 ? String(indexes[0]) : `${indexes[0]}-${indexes[indexes.length - 1]}`;
}

/** A throwing hook must not lose vectors already embedded, so its errors are dropped. */
function emit(context: CallContext, event: BedrockCallEvent): void {
  try {
    context.onCall?.(event);
  } catch {
    // Observability hooks never break embedding.
  }
}
