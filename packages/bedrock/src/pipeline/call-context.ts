import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import type { BatchFailure, BedrockApiError, EmbeddingUsage } from "@bedrock-embeddings/core";
import type { RetryPolicy } from "../call/retry.js";
import type { AnswerClock, RunGuard } from "../call/run-guard.js";
import type { CallKind } from "../call/timeouts.js";
import type { BedrockCallEvent } from "../events.js";
import type { ModelFamily } from "../families/model-family.js";
import type { CallCostEstimator } from "../pricing/call-cost.js";
import type { CallScheduler } from "../schedule/call-scheduler.js";
import type { Clock } from "../schedule/clock.js";

/**
 * The output dimension as known so far; the first checked vector sets it when it was unknown.
 *
 * @example
 * const dimension: DimensionTracker = { get: () => known, observe: (size) => (known ??= size) };
 */
export interface DimensionTracker {
  get(): number | undefined;
  observe(dimension: number): void;
}

/**
 * What every call of an embedder shares: its client, model, family, timeouts, retry policy,
 * scheduler, clock and hooks. Built once by the embedder.
 *
 * @example
 * const result = await embedCall(context, inputs, indexes, request);
 */
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
  /** Every wait and every timing of the embedder: the scheduler's, the back-off's and the events'. */
  clock: Clock;
  dimension: DimensionTracker;
  onCall: ((event: BedrockCallEvent) => void) | undefined;
  /** Prices an answered call; undefined when the model has no known price. */
  estimateCost?: CallCostEstimator | undefined;
  /** Paces and bounds every attempt (adaptive rate, concurrency, budgets); absent: send at once. */
  scheduler?: CallScheduler | undefined;
}

/**
 * Per-call extras from the run: the abort signal (stops waiting, back-off and the request in
 * flight), the estimated input tokens for a tokens-per-minute budget, and the run's guard.
 *
 * @example
 * await embedCall(context, inputs, indexes, request, { signal, tokens: 120 });
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
 * How one call ended: a value per input of the call, failures by input index.
 *
 * @example
 * const { values, failures, usage } = await embedCall(context, inputs, indexes, request);
 */
export interface CallResult<Value> {
  values: (Value | undefined)[];
  failures: BatchFailure[];
  /** Set when the failure will fail every other call too (auth, access, bad model id). */
  fatal: BedrockApiError | undefined;
  usage: EmbeddingUsage;
}
