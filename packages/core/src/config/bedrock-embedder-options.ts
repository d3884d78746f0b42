import { z } from "zod";
import { EMBEDDING_TYPES } from "../multimodal/embedding-result.js";

/** Explicit AWS keys; `sessionToken` for temporary (STS) credentials. */
export const awsCredentialsSchema = z.strictObject({
  accessKeyId: z.string().min(1),
  secretAccessKey: z.string().min(1),
  sessionToken: z.string().min(1).optional(),
});

/**
 * Vector cache: an in-memory LRU (`memoryEntries`, 0 = off) and/or a folder on disk; both off unless given.
 *
 * @example
 * vectorCacheOptionsSchema.parse({ memoryEntries: 10000, directory: ".cache/vectors" });
 */
export const vectorCacheOptionsSchema = z.strictObject({
  /** Vectors kept in memory, least recently used dropped first; 0 turns the memory tier off. */
  memoryEntries: z.int().min(0).optional(),
  /** Folder of the persistent cache; a relative path is resolved against the working directory. */
  directory: z.string().min(1).optional(),
});

export const TRUNCATE_MODES = ["NONE", "START", "END", "LEFT", "RIGHT"] as const;

/**
 * Options shared by the Bedrock-backed embedders, as typed objects or from a config file.
 * Model-specific checks (allowed dimensions, truncate modes per family) happen when the
 * embedder is built, still before any request.
 */
export const bedrockEmbedderOptionsSchema = z.strictObject({
  /** Bare model id, geo inference profile (`us.…`), or ARN. */
  model: z.string().min(1).default("amazon.titan-embed-text-v2:0"),
  /** Model family, required for application inference profile and provisioned throughput ARNs. */
  family: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  /** Custom endpoint URL, e.g. the local emulator. */
  endpoint: z.url().optional(),
  credentials: awsCredentialsSchema.optional(),
  /** Named profile from the shared AWS config files. */
  profile: z.string().min(1).optional(),
  /** Bedrock API key, sent as a bearer token. */
  apiKey: z.string().min(1).optional(),
  /** Output dimension; must be one the model allows. */
  dimensions: z.int().positive().optional(),
  /** Return unit vectors (server-side where the model can, client-side otherwise). */
  normalize: z.boolean().default(true),
  /** Overrides the asymmetric mode picked from the memory action (Cohere `input_type`). */
  inputType: z.string().min(1).optional(),
  /** What the model does with over-long input; NONE makes it an error. */
  truncate: z.enum(TRUNCATE_MODES).optional(),
  /**
   * Encodings to request (Titan v2: float, binary; Cohere: float, int8, uint8, binary, ubinary).
   * `embed`/`embedBatch` return floats, so they need "float" here; `embedInputs` returns every type.
   */
  embeddingTypes: z.array(z.enum(EMBEDDING_TYPES)).min(1).optional(),
  /**
   * Most calls in flight at once for one embedder. For the Bedrock embedder with `adaptive` on
   * this is the ceiling the learned concurrency (rate x latency) may grow to (default 64); with it
   * off, the fixed concurrency. Each embedder applies its own default.
   */
  maxConcurrency: z.int().min(1).max(1024).optional(),
  /** Calls in flight at the start, before anything is learned about the quota (default 4). */
  initialConcurrency: z.int().min(1).max(1024).optional(),
  /** Requests-per-minute budget for this embedder's model: calls are paced to stay within it. */
  requestsPerMinute: z.number().positive().optional(),
  /** Input-tokens-per-minute budget for this embedder's model (estimated before, corrected after each call). */
  tokensPerMinute: z.number().positive().optional(),
  /**
   * Learn the quota from throttling: back the send rate and concurrency off on a throttle and
   * recover gradually, so long runs settle just under the quota (default true). Off: a fixed
   * `maxConcurrency`.
   */
  adaptive: z.boolean().optional(),
  /** Attempts per call, first one included; retries only retryable errors. */
  maxAttempts: z.int().min(1).max(20).default(4),
  /**
   * Abandon one attempt after this many milliseconds (then retried, up to `maxAttempts`). The
   * Bedrock embedder's default: 60 s for texts, 120 s for images, audio and video.
   */
  requestTimeoutMs: z.int().positive().optional(),
  /**
   * End a whole run (embed, embedBatch, embedInputs) when the endpoint has not answered for this
   * many milliseconds; every answer restarts the clock. Default: three `requestTimeoutMs`.
   */
  stallTimeoutMs: z.int().positive().optional(),
  /** A content-addressed vector cache in front of the embedder; applied by the providers (createEmbedder). */
  cache: vectorCacheOptionsSchema.optional(),
});

/** What a caller writes: every defaulted key is optional. */
export type BedrockEmbedderOptionsInput = z.input<typeof bedrockEmbedderOptionsSchema>;
/** After validation: defaults filled in. */
export type BedrockEmbedderOptions = z.output<typeof bedrockEmbedderOptionsSchema>;
