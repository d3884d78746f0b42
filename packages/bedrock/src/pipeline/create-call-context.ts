import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import type { BedrockEmbedderOptions, Environment } from "@bedrock-embeddings/core";
import type { BedrockEmbedderRuntime } from "../bedrock-embedder.js";
import { DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS } from "../call/retry.js";
import { createBedrockClient, resolveRegion } from "../client/create-client.js";
import { endpointLabel } from "../client/endpoint-label.js";
import type { BedrockCallEvent } from "../events.js";
import { createScheduler } from "../schedule/create-scheduler.js";
import { scheduleSettings } from "../settings.js";
import type { CallContext, DimensionTracker } from "./call-context.js";
import { clocksFrom } from "./clock.js";

/**
 * What an embedder's calls share before its family is known: the client (built from the options
 * unless one was injected), timeouts, the retry policy, the secrets to redact, the one clock,
 * and one scheduler, so overlapping runs share the quota it learns and `maxConcurrency` bounds
 * all of their calls together, texts and media alike.
 *
 * @example
 * const base = createBaseContext({ options, environment: {}, client: undefined, onCall: undefined, runtime: {}, dimension });
 */
export function createBaseContext(parts: {
  options: BedrockEmbedderOptions;
  environment: Environment;
  client: BedrockRuntimeClient | undefined;
  onCall: ((event: BedrockCallEvent) => void) | undefined;
  runtime: BedrockEmbedderRuntime;
  dimension: DimensionTracker;
}): Omit<CallContext, "family" | "estimateCost"> {
  const { options, environment, client, runtime } = parts;
  const clocks = clocksFrom(runtime);
  return {
    client: client ?? createBedrockClient(options, environment, options.requestTimeoutMs),
    modelId: options.model,
    normalize: options.normalize,
    requestTimeoutMs: options.requestTimeoutMs,
    stallTimeoutMs: options.stallTimeoutMs,
    endpoint: client ? undefined : endpointLabel(options.endpoint, resolveRegion(options, environment)),
    answers: { lastAnswerAt: undefined },
    policy: {
      maxAttempts: options.maxAttempts,
      baseDelayMs: runtime.baseDelayMs ?? DEFAULT_BASE_DELAY_MS,
      maxDelayMs: runtime.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
      sleep: clocks.calls.sleep,
      random: runtime.random ?? Math.random,
    },
    secrets: secretsOf(options, environment),
    clock: clocks.calls,
    dimension: parts.dimension,
    onCall: parts.onCall,
    scheduler: createScheduler(scheduleSettings(options), clocks.pacing, runtime.rateTuning),
  };
}

/** Every secret the options hold, so errors can redact them. */
function secretsOf(options: BedrockEmbedderOptions, environment: Environment): string[] {
  return [
    options.credentials?.secretAccessKey,
    options.credentials?.sessionToken,
    options.apiKey,
    environment["AWS_BEARER_TOKEN_BEDROCK"],
  ].filter((secret): secret is string => typeof secret === "string" && secret.length > 0);
}
