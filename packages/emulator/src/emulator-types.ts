import type { InjectedFault } from "./faults/fault-queue.js";
import type { EmulatorS3Options } from "./s3/s3-object-store.js";
import type { EmulatorStats, TrafficFaultName, TrafficSettings } from "./traffic/traffic-types.js";

/**
 * Options for `startEmulator`. Every field is optional.
 *
 * @example
 * await startEmulator({
 *   port: 4010,
 *   credentials: [{ accessKeyId: "AKIDLOCAL", secretAccessKey: "local" }],
 *   applicationInferenceProfiles: {
 *     "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123": "cohere.embed-v4:0",
 *   },
 *   s3: { endpoint: "http://127.0.0.1:4568" }, // e.g. s3rver; enables async invoke and batch jobs
 *   asyncJobDelayMs: 50,
 *   batchMinimumRecords: 10,
 * });
 */
export interface EmulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; default "127.0.0.1". */
  host?: string;
  /** Access key pairs accepted for SigV4; default `[EMULATOR_DEFAULT_CREDENTIALS]`. */
  credentials?: Array<{ accessKeyId: string; secretAccessKey: string }>;
  /** Bedrock API keys accepted as `Authorization: Bearer <token>`; default `[EMULATOR_DEFAULT_BEARER_TOKEN]`. */
  bearerTokens?: string[];
  /** "none" skips all authentication checks; default "required". */
  auth?: "required" | "none";
  /** Application-inference-profile ARNs the emulator should accept, mapped to the model id each one targets. */
  applicationInferenceProfiles?: Record<string, string>;
  /**
   * Per-model quotas (429 ThrottlingException when exceeded), latency and seeded fault injection for invoke
   * requests; change them later with `setTraffic` or `PUT /_emulator/traffic`. Default: none.
   */
  traffic?: TrafficSettings;
  /**
   * What `requests` keeps: true (the default) every request, false none, a number the most recent ones,
   * so long benchmark runs do not hold every body.
   */
  recordRequests?: boolean | number;
  /**
   * An S3-compatible server (s3rver, MinIO, ...) for `s3Location` media sources, async invocation outputs and
   * batch job inputs/outputs. Without it those answer a ValidationException saying S3 is not configured.
   */
  s3?: EmulatorS3Options;
  /**
   * How long each background step takes, in ms: an async invocation stays InProgress this long before it
   * runs; a batch job stays Submitted, then InProgress, this long each. Default 200.
   */
  asyncJobDelayMs?: number;
  /**
   * Fewest records a batch inference job may have (Bedrock's per-model quota, e.g. L-6F2B2616 for Titan
   * Text Embeddings V2); CreateModelInvocationJob answers a ValidationException below it. Default 100.
   */
  batchMinimumRecords?: number;
}

/**
 * One request the emulator answered, as listed in `emulator.requests`.
 *
 * @example
 * const last = emulator.requests.at(-1);
 * // { method: "POST", path: "/model/amazon.titan-embed-text-v2%3A0/invoke", modelId: "amazon.titan-embed-text-v2:0",
 * //   httpVersion: "2", status: 200, body: { inputText: "hello" }, headers: {...}, requestId: "..." }
 */
export interface RecordedRequest {
  method: string;
  /** The request path as sent, still percent-encoded (query string excluded). */
  path: string;
  /** The decoded `{modelId}` segment of an invoke request, exactly as the client sent it. */
  modelId?: string;
  httpVersion: "1.1" | "2";
  /** Lower-case header names; signatures, bearer tokens and session tokens are redacted. */
  headers: Record<string, string>;
  /** The parsed JSON body, or undefined when it was empty or not JSON. */
  body: unknown;
  status: number;
  /** The AWS error name sent back, for failed requests. */
  errorType?: string;
  /** The error message sent back, for failed requests. */
  errorMessage?: string;
  /** The `x-amzn-requestid` sent back. */
  requestId: string;
  /** The traffic fault injected into this request; connection resets are recorded with status 0. */
  fault?: TrafficFaultName;
}

/**
 * A running emulator, as returned by `startEmulator`.
 *
 * @example
 * const emulator: RunningEmulator = await startEmulator();
 * emulator.injectFaults([{ errorType: "ThrottlingException", status: 429 }]);
 * // ... exercise a client ...
 * expect(emulator.requests.map((request) => request.status)).toEqual([429, 200]);
 * emulator.setTraffic({ defaults: { latencyMs: 60, faults: { serviceUnavailable: 0.1 } } });
 * expect(emulator.stats().byStatus["200"]).toBe(1);
 * await emulator.close();
 */
export interface RunningEmulator {
  /** Base URL to use as the SDK `endpoint`, e.g. "http://127.0.0.1:54321". */
  readonly url: string;
  readonly port: number;
  /** Every answered request in arrival order (in-flight ones appear once answered), within `recordRequests`. */
  readonly requests: readonly RecordedRequest[];
  /** Queue AWS errors: the next matching invoke requests fail with them, then normal service resumes. */
  injectFaults(faults: InjectedFault[]): void;
  clearRequests(): void;
  /**
   * Replaces the traffic settings while running: quotas restart from full buckets, the generator from the seed.
   * Throws `TrafficSettingsError` on invalid settings.
   */
  setTraffic(settings: TrafficSettings): void;
  /** Counters over invoke requests since start or the last `resetStats`. */
  stats(): EmulatorStats;
  resetStats(): void;
  /** Ends every connection (idle keep-alive and HTTP/2 sessions at once) and stops listening. */
  close(): Promise<void>;
}
