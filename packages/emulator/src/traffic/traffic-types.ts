/**
 * Fault probabilities for one model, each between 0 and 1 per invoke request. At most one fault hits a
 * request, so the rates of one model may add up to 1 at most.
 *
 * @example
 * const faults: FaultRates = { throttling: 0.05, serviceUnavailable: 0.01, slowResponse: 0.02, slowResponseMs: 500 };
 */
export interface FaultRates {
  /** 429 ThrottlingException "Too many requests, please wait before trying again." */
  throttling?: number;
  /** 503 ServiceUnavailableException. */
  serviceUnavailable?: number;
  /** 500 InternalServerException. */
  internalServerError?: number;
  /** 429 ModelNotReadyException "Model is not ready for inference." */
  modelNotReady?: number;
  /**
   * No answer at all: HTTP/1.1 connections are destroyed; an HTTP/2 stream is reset with REFUSED_STREAM
   * (other requests on the same session carry on), which the AWS SDK treats as a transient error.
   */
  connectionReset?: number;
  /** A normal answer after an extra `slowResponseMs`. */
  slowResponse?: number;
  /** Extra delay of a slow response in milliseconds; default 2000. */
  slowResponseMs?: number;
  /** Headers with the full content-length, then half the body, then the connection or stream is cut. */
  truncatedBody?: number;
}

/**
 * Quotas, latency and faults for one model (or, as `TrafficSettings.defaults`, for every model).
 *
 * @example
 * // Titan v2 at 600 requests per minute, 60 ms latency and 1% of 503s.
 * const titan: ModelTraffic = { requestsPerMinute: 600, latencyMs: 60, faults: { serviceUnavailable: 0.01 } };
 */
export interface ModelTraffic {
  /**
   * A token bucket holding `requestsPerMinute / 60` requests, refilled at that many per second and starting
   * full. Requests that find it empty get 429 ThrottlingException and consume nothing.
   */
  requestsPerMinute?: number;
  /**
   * A token bucket holding `tokensPerMinute / 60` input tokens, refilled at that many per second. A request
   * larger than the bucket is still served when the bucket is full (leaving it in debt).
   */
  tokensPerMinute?: number;
  /** Fixed delay before every answer to an invoke request, in milliseconds. */
  latencyMs?: number;
  /** Extra delay drawn uniformly from [0, jitterMs] by the seeded generator. */
  jitterMs?: number;
  faults?: FaultRates;
}

/**
 * Traffic shaping for `startEmulator({ traffic })`, `emulator.setTraffic` and `PUT /_emulator/traffic`.
 * Model settings merge field by field over `defaults` (`faults` too); each model gets its own buckets.
 *
 * Faults and jitter come from one seeded generator that draws exactly two numbers per invoke request in
 * arrival order (when the whole request has been read), so the same seed and the same request order give
 * the same faults. Concurrent clients can change the arrival order, and with it who gets which fault.
 *
 * @example
 * const emulator = await startEmulator({
 *   traffic: {
 *     seed: 7,
 *     defaults: { latencyMs: 60, jitterMs: 10 },
 *     models: { "amazon.titan-embed-text-v2:0": { requestsPerMinute: 600, faults: { throttling: 0.01 } } },
 *   },
 * });
 */
export interface TrafficSettings {
  /** Seed of the fault and jitter generator; default 1. */
  seed?: number;
  defaults?: ModelTraffic;
  /** Keyed by model id; geo prefixes (`us.`) and ARNs resolve to the served model like requests do. */
  models?: Record<string, ModelTraffic>;
  /**
   * Send `retry-after` (whole seconds until the bucket can take the request) on quota throttles.
   * Bedrock does not send it; default false.
   */
  retryAfterHeader?: boolean;
}

/**
 * Counters over invoke requests (health and `/_emulator/*` requests are not counted).
 *
 * @example
 * const { requests, served, throttled, byStatus, faults, inputTokens } = emulator.stats();
 * // { requests: 120, served: 100, throttled: 15, byStatus: { "200": 100, "429": 15, "503": 5 },
 * //   faults: { serviceUnavailable: 5 }, inputTokens: 2300 }
 */
export interface EmulatorStats {
  /** Invoke requests answered, reset or truncated. */
  requests: number;
  /** Requests that passed the quotas and got a 200 (truncated bodies included); these consumed quota. */
  served: number;
  /** Requests refused by a requests- or tokens-per-minute quota (throttling faults are under `faults`). */
  throttled: number;
  /** Requests per HTTP status sent, "0" for connection resets. */
  byStatus: Record<string, number>;
  /** Requests hit by each fault of `FaultRates` (queued `injectFaults` faults show only in `byStatus`). */
  faults: Record<string, number>;
  /** Input tokens of the served requests. */
  inputTokens: number;
}

/** The fault names of `FaultRates`, in the order their probability ranges are laid out. */
export const trafficFaultNames = [
  "throttling",
  "serviceUnavailable",
  "internalServerError",
  "modelNotReady",
  "connectionReset",
  "slowResponse",
  "truncatedBody",
] as const;

export type TrafficFaultName = (typeof trafficFaultNames)[number];
