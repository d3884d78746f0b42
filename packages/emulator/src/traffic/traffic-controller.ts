import type { RecordedRequest } from "../emulator-types.js";
import { AwsServiceError } from "../protocol/aws-service-error.js";
import { defaultErrorMessage } from "../protocol/default-error-messages.js";
import type { EmulatorResponse } from "../protocol/response.js";
import type { ModelTrafficPlan, TrafficPlan } from "./compile-traffic-settings.js";
import { compileTrafficSettings } from "./compile-traffic-settings.js";
import type { InvokeTrafficGate } from "./invoke-traffic-gate.js";
import { mulberry32 } from "./mulberry32.js";
import { TokenBucket } from "./token-bucket.js";
import type { EmulatorStats, TrafficFaultName, TrafficSettings } from "./traffic-types.js";
import { trafficFaultNames } from "./traffic-types.js";

export interface TrafficControllerOptions {
  /** Maps a model id as written in settings or requests to the served id, or undefined if none. */
  resolveModelId: (modelId: string) => string | undefined;
  /** Milliseconds from a monotonic clock; default `performance.now`. */
  now?: () => number;
}

/** How the answer to one request goes out. */
export type Delivery = "normal" | "reset" | "truncate";

interface ModelBuckets {
  requests?: TokenBucket;
  tokens?: TokenBucket;
}

const requestsThrottledMessage = "Too many requests, please wait before trying again.";
const tokensThrottledMessage = "Too many tokens, please wait before trying again.";

/**
 * Quotas, latency, seeded faults and counters for one emulator. `gate()` gives each request the object
 * `invokeModel` reports to; `finish` then says how and when to answer.
 */
export class TrafficController {
  readonly #resolveModelId: (modelId: string) => string | undefined;
  readonly #now: () => number;
  #plan: TrafficPlan;
  #random: () => number;
  #buckets = new Map<string, ModelBuckets>();
  #stats: EmulatorStats = emptyStats();

  constructor(settings: unknown, options: TrafficControllerOptions) {
    this.#resolveModelId = options.resolveModelId;
    this.#now = options.now ?? (() => performance.now());
    this.#plan = compileTrafficSettings(settings, this.#resolveModelId);
    this.#random = mulberry32(this.#plan.seed);
  }

  /** The current settings as validated (a copy). */
  get settings(): TrafficSettings {
    return structuredClone(this.#plan.settings);
  }

  /** Replaces every setting; quotas start again from full buckets and the generator from the seed. */
  setSettings(settings: unknown): void {
    this.#plan = compileTrafficSettings(settings, this.#resolveModelId);
    this.#random = mulberry32(this.#plan.seed);
    this.#buckets = new Map();
  }

  /** A fresh per-request gate; requests that never call `arrive` are not invoke requests and pass untouched. */
  gate(): RequestTraffic {
    return new RequestTraffic(this);
  }

  stats(): EmulatorStats {
    return structuredClone(this.#stats);
  }

  resetStats(): void {
    this.#stats = emptyStats();
  }

  /** @internal The merged settings for a served model id (or the defaults). */
  planFor(modelId: string): ModelTrafficPlan {
    return this.#plan.models.get(modelId) ?? this.#plan.defaults;
  }

  /** @internal The next number of the seeded generator. */
  draw(): number {
    return this.#random();
  }

  /** @internal */
  get retryAfterHeader(): boolean {
    return this.#plan.retryAfterHeader;
  }

  /** @internal */
  now(): number {
    return this.#now();
  }

  /** @internal The model's buckets, created full on first use after each `setSettings`. */
  bucketsFor(modelId: string): ModelBuckets {
    let buckets = this.#buckets.get(modelId);
    if (buckets === undefined) {
      const plan = this.planFor(modelId);
      const now = this.#now();
      buckets = {};
      if (plan.requestsPerMinute !== undefined)
        buckets.requests = perMinuteBucket(plan.requestsPerMinute, now);
      if (plan.tokensPerMinute !== undefined) buckets.tokens = perMinuteBucket(plan.tokensPerMinute, now);
      this.#buckets.set(modelId, buckets);
    }
    return buckets;
  }

  /** @internal */
  count(request: RequestTraffic, status: number): void {
    const stats = this.#stats;
    stats.requests += 1;
    const statusKey = String(status);
    stats.byStatus[statusKey] = (stats.byStatus[statusKey] ?? 0) + 1;
    if (request.fault !== undefined) stats.faults[request.fault] = (stats.faults[request.fault] ?? 0) + 1;
    if (request.quotaThrottled) stats.throttled += 1;
    if (request.servedTokens !== undefined && status === 200) {
      stats.served += 1;
      stats.inputTokens += request.servedTokens;
    }
  }
}

/** One request's draw, fault and quota outcome. */
export class RequestTraffic implements InvokeTrafficGate {
  readonly #controller: TrafficController;
  #isInvoke = false;
  #drawnFault: TrafficFaultName | undefined;
  #plan: ModelTrafficPlan | undefined;
  /** How long to wait before answering, in milliseconds. */
  delayMs = 0;
  /** The fault that hit this request, once it passed authentication and queued faults. */
  fault: TrafficFaultName | undefined;
  quotaThrottled = false;
  /** Input tokens taken from the quotas, set once the request was admitted. */
  servedTokens: number | undefined;
  #retryAfterSeconds: number | undefined;

  constructor(controller: TrafficController) {
    this.#controller = controller;
  }

  arrive(modelId: string): void {
    if (this.#isInvoke) return;
    this.#isInvoke = true;
    // Always two draws, whatever the settings, so request n meets the same numbers in every run.
    const faultDraw = this.#controller.draw();
    const jitterDraw = this.#controller.draw();
    const plan = this.#controller.planFor(modelId);
    this.#plan = plan;
    this.#drawnFault = faultFor(faultDraw, plan);
    this.delayMs = plan.latencyMs + jitterDraw * plan.jitterMs;
  }

  injectFault(): void {
    const fault = this.#drawnFault;
    if (fault === undefined || this.#plan === undefined) return;
    this.#drawnFault = undefined;
    this.fault = fault;
    switch (fault) {
      case "throttling":
        throw new AwsServiceError("ThrottlingException", 429, requestsThrottledMessage);
      case "serviceUnavailable":
        throw new AwsServiceError("ServiceUnavailableException", 503, "Service unavailable.");
      case "internalServerError":
        throw new AwsServiceError(
          "InternalServerException",
          500,
          defaultErrorMessage("InternalServerException"),
        );
      case "modelNotReady":
        throw new AwsServiceError("ModelNotReadyException", 429, "Model is not ready for inference.");
      case "connectionReset":
        // Never sent: the connection is cut instead. Stopping here keeps the request off the quotas.
        throw new AwsServiceError("InternalServerException", 500, "Connection reset by the emulator.");
      case "slowResponse":
        this.delayMs += this.#plan.slowResponseMs;
        return;
      case "truncatedBody":
        return;
    }
  }

  charge(modelId: string, inputTokenCount: number): void {
    if (!this.#isInvoke) return;
    const { requests, tokens } = this.#controller.bucketsFor(modelId);
    const now = this.#controller.now();
    const requestWait = requests?.secondsUntilAvailable(1, now) ?? 0;
    const tokenWait = tokens?.secondsUntilAvailable(inputTokenCount, now) ?? 0;
    if (requestWait === 0 && tokenWait === 0) {
      requests?.take(1, now);
      tokens?.take(inputTokenCount, now);
      this.servedTokens = inputTokenCount;
      return;
    }
    this.quotaThrottled = true;
    if (this.#controller.retryAfterHeader) {
      this.#retryAfterSeconds = Math.max(1, Math.ceil(Math.max(requestWait, tokenWait)));
    }
    throw new AwsServiceError(
      "ThrottlingException",
      429,
      requestWait > 0 ? requestsThrottledMessage : tokensThrottledMessage,
    );
  }

  get delivery(): Delivery {
    if (this.fault === "connectionReset") return "reset";
    if (this.fault === "truncatedBody") return "truncate";
    return "normal";
  }

  /**
   * Called once the delay has passed, just before answering: counts the request and returns the response
   * with any `retry-after` hint and the emulated latency in `x-amzn-bedrock-invocation-latency`.
   */
  finish(response: EmulatorResponse): EmulatorResponse {
    if (!this.#isInvoke) return response;
    this.#controller.count(this, this.delivery === "reset" ? 0 : response.status);
    const headers = { ...response.headers };
    if (this.#retryAfterSeconds !== undefined) headers["retry-after"] = String(this.#retryAfterSeconds);
    const latencyHeader = headers["x-amzn-bedrock-invocation-latency"];
    if (latencyHeader !== undefined) {
      headers["x-amzn-bedrock-invocation-latency"] = String(Number(latencyHeader) + Math.round(this.delayMs));
    }
    return { ...response, headers };
  }
}

function faultFor(draw: number, plan: ModelTrafficPlan): TrafficFaultName | undefined {
  let upperBound = 0;
  for (const name of trafficFaultNames) {
    const rate = plan.faultRates[name];
    upperBound += rate;
    if (rate > 0 && draw < upperBound) return name;
  }
  return undefined;
}

function perMinuteBucket(perMinute: number, now: number): TokenBucket {
  return new TokenBucket(perMinute / 60, perMinute / 60, now);
}

function emptyStats(): EmulatorStats {
  return { requests: 0, served: 0, throttled: 0, byStatus: {}, faults: {}, inputTokens: 0 };
}

/** Adds the traffic outcome to a request-log record: the fault, and status 0 for a reset connection. */
export function withTrafficOutcome(record: RecordedRequest, request: RequestTraffic): RecordedRequest {
  if (request.fault === undefined) return record;
  const annotated: RecordedRequest = { ...record, fault: request.fault };
  if (request.delivery === "reset") {
    annotated.status = 0;
    delete annotated.errorType;
    delete annotated.errorMessage;
  }
  return annotated;
}
