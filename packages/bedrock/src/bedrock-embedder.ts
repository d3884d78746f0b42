import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import {
  addUsage,
  BatchEmbeddingError,
  type BatchFailure,
  type BedrockApiError,
  type BedrockEmbedderOptionsInput,
  bedrockEmbedderOptionsSchema,
  ConfigurationError,
  type DescribesVectors,
  type DetailedEmbeddings,
  describeVectorIdentity,
  type EmbeddingBase,
  type Environment,
  emptyUsage,
  InputError,
  MEMORY_ACTIONS,
  type MemoryAction,
  parseWithSchema,
  type ReportsUsage,
} from "@bedrock-embeddings/core";
import { planCalls } from "./batch/plan-calls.js";
import { type BoundedResult, createLimiter, type Limiter, runBounded } from "./batch/run-bounded.js";
import { withFailedIndexes } from "./call/api-error.js";
import { type CallContext, type CallResult, embedCall } from "./call/embed-call.js";
import { DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS, realSleep } from "./call/retry.js";
import { createBedrockClient } from "./client/create-client.js";
import type { BedrockCallEvent } from "./events.js";
import { prepareTexts } from "./input/check-inputs.js";
import type { FamilyName, RequestSettings } from "./model-catalog/model-family.js";
import type { ResolvedModel } from "./model-id.js";
import { callCostEstimator } from "./pricing/call-cost.js";
import { type EmbedderSettings, resolveSettings } from "./settings.js";

/**
 * Options of `BedrockEmbedder`: the shared Bedrock options (camelCase or snake_case keys,
 * validated by core's zod schema) plus what only code can pass.
 *
 * @example
 * const config: BedrockEmbedderConfig = { model: "us.cohere.embed-v4:0", region: "us-east-1", dimensions: 512 };
 */
export interface BedrockEmbedderConfig extends BedrockEmbedderOptionsInput {
  /** A ready client; then region, endpoint and auth options must be set on it instead. */
  client?: BedrockRuntimeClient;
  /** Where AWS_REGION, AWS_DEFAULT_REGION and AWS_BEARER_TOKEN_BEDROCK are read from. Defaults to `{}`. */
  environment?: Environment;
  /** Called once per InvokeModel call, after retries, with its indexes, tokens and timing. */
  onCall?: (event: BedrockCallEvent) => void;
}

/**
 * Timing hooks, for tests: replace the backoff sleep, the jitter source and the clock.
 *
 * @example
 * new BedrockEmbedder(config, { sleep: async () => {}, random: () => 0 });
 */
export interface BedrockEmbedderRuntime {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

const CLIENT_OWNED_OPTIONS = ["endpoint", "credentials", "profile", "apiKey"] as const;
const PROBE_TEXT = "dimension probe";

/**
 * Bedrock embeddings over `InvokeModel` for Titan text v1/v2 and Cohere v3/v4, from any model
 * id form (bare, geo inference profile, ARN). Validates options and inputs before sending,
 * batches per family limit with bounded concurrency, retries throttling and server errors with
 * jittered backoff, keeps input order, checks every vector and returns unit vectors when
 * `normalize` is on (server-side for Titan v2, client-side L2 otherwise).
 *
 * `memoryAction` defaults to `add` semantics: texts are embedded as documents
 * (Cohere `search_document`); pass `"search"` for queries (`search_query`).
 *
 * @example
 * const embedder = new BedrockEmbedder({ model: "cohere.embed-english-v3", region: "us-east-1" });
 * const query = await embedder.embed("where does Alice live?", "search");
 * const { vectors, usage } = await embedder.embedBatchDetailed(["Alice lives in Paris"], "add");
 */
export class BedrockEmbedder implements EmbeddingBase, ReportsUsage, DescribesVectors {
  readonly provider = "aws_bedrock";
  /** The model id as configured; sent as is. */
  readonly modelId: string;
  readonly normalized: boolean;
  readonly family: FamilyName;
  /** What the model id resolved to (family, base model, kind of id). */
  readonly resolvedModel: ResolvedModel;
  readonly #settings: EmbedderSettings;
  readonly #context: CallContext;
  /** Shared by every call of this embedder: `maxConcurrency` bounds all overlapping batches together. */
  readonly #limiter: Limiter;
  /** Host of a custom endpoint: the emulator's vectors must never be served from a cache as Bedrock's. */
  readonly #endpointHost: string | undefined;
  #dimension: number | undefined;
  #detecting: Promise<number> | undefined;

  constructor(config: BedrockEmbedderConfig, runtime: BedrockEmbedderRuntime = {}) {
    const { client, environment = {}, onCall, ...plain } = config ?? {};
    // Typed options are never interpolated: a secret containing `$` stays as written.
    const options = parseWithSchema(bedrockEmbedderOptionsSchema, plain);
    this.#settings = resolveSettings(options);
    if (options.cache !== undefined) {
      throw new ConfigurationError("cache is applied by createEmbedder, not by BedrockEmbedder itself.", {
        path: "cache",
        fix: "Build the embedder with createEmbedder and bedrockProvider, or wrap it: withVectorCache(new BedrockEmbedder(options), cache).",
      });
    }
    if (client) {
      for (const key of CLIENT_OWNED_OPTIONS) {
        if (options[key] !== undefined) {
          throw new ConfigurationError(`${key} cannot be combined with an injected client.`, {
            path: key,
            fix: "Configure it on the BedrockRuntimeClient you pass, or remove client.",
          });
        }
      }
    }
    this.modelId = options.model;
    this.normalized = options.normalize;
    this.family = this.#settings.family.name;
    this.resolvedModel = this.#settings.model;
    this.#dimension = this.#settings.knownDimension;
    this.#limiter = createLimiter(this.#settings.maxConcurrency);
    this.#endpointHost = options.endpoint === undefined ? undefined : new URL(options.endpoint).hostname;
    const secrets = [
      options.credentials?.secretAccessKey,
      options.credentials?.sessionToken,
      options.apiKey,
      environment["AWS_BEARER_TOKEN_BEDROCK"],
    ].filter((secret): secret is string => typeof secret === "string" && secret.length > 0);
    this.#context = {
      client: client ?? createBedrockClient(options, environment),
      modelId: options.model,
      family: this.#settings.family,
      normalize: options.normalize,
      requestTimeoutMs: options.requestTimeoutMs,
      policy: {
        maxAttempts: options.maxAttempts,
        baseDelayMs: runtime.baseDelayMs ?? DEFAULT_BASE_DELAY_MS,
        maxDelayMs: runtime.maxDelayMs ?? DEFAULT_MAX_DELAY_MS,
        sleep: runtime.sleep ?? realSleep,
        random: runtime.random ?? Math.random,
      },
      secrets,
      now: runtime.now ?? (() => performance.now()),
      dimension: {
        get: () => this.#dimension,
        observe: (dimension) => {
          this.#dimension ??= dimension;
        },
      },
      onCall,
      estimateCost: callCostEstimator({ modelId: options.model, family: this.family }),
    };
  }

  /** The output dimension when the model and options fix it, or once detected; otherwise undefined. */
  get dimension(): number | undefined {
    return this.#dimension;
  }

  /**
   * The output dimension, probing the model once with a short text when it is not known.
   * Concurrent callers share one probe; a failed probe can be retried by calling again.
   *
   * @example
   * const size = await embedder.detectDimension(); // 1024
   */
  detectDimension(): Promise<number> {
    if (this.#dimension !== undefined) return Promise.resolve(this.#dimension);
    this.#detecting ??= this.embed(PROBE_TEXT).then(
      (vector) => this.#dimension ?? vector.length,
      (error: unknown) => {
        this.#detecting = undefined;
        throw error;
      },
    );
    return this.#detecting;
  }

  /**
   * Everything except the text that changes this embedder's vectors, as a stable string (the
   * prefix of `CachedEmbedder` keys): provider, model id, family, custom endpoint host, and the
   * request settings for `memoryAction` (dimensions, normalize, input type, truncate, embedding
   * types). With an injected client the endpoint is not known and counts as AWS.
   *
   * @example
   * embedder.vectorIdentity("search") === embedder.vectorIdentity("add"); // false for Cohere, true for Titan
   */
  vectorIdentity(memoryAction?: MemoryAction): string {
    return describeVectorIdentity({
      provider: this.provider,
      model: this.modelId,
      family: this.family,
      endpointHost: this.#endpointHost,
      ...this.#requestSettings(memoryAction),
    });
  }

  /**
   * One vector. Errors are thrown as they are: InputError, BedrockApiError, ResponseError or VectorError.
   *
   * @example
   * const vector = await embedder.embed("Alice likes tea"); // a document ("add")
   */
  async embed(text: string, memoryAction?: MemoryAction): Promise<number[]> {
    const run = await this.#run([text], memoryAction);
    const failure = run.fatal ?? run.failures[0]?.error;
    if (failure) throw failure;
    return run.vectors[0]!;
  }

  /**
   * Vectors in input order. A call failing with an error that dooms every call (auth, access,
   * unknown model) stops the batch with that BedrockApiError (failedIndexes: every input not
   * embedded); other failures give a BatchEmbeddingError that keeps every vector embedded.
   *
   * @example
   * const [a, b] = await embedder.embedBatch(["first", "second"]);
   */
  async embedBatch(texts: readonly string[], memoryAction?: MemoryAction): Promise<number[][]> {
    return (await this.embedBatchDetailed(texts, memoryAction)).vectors;
  }

  /**
   * Like `embedBatch`, plus the batch's usage: input tokens, calls, retries and throttles.
   *
   * @example
   * const { vectors, usage } = await embedder.embedBatchDetailed(texts);
   * usage.inputTokens; // 1234
   */
  async embedBatchDetailed(
    texts: readonly string[],
    memoryAction?: MemoryAction,
  ): Promise<DetailedEmbeddings> {
    const run = await this.#run(texts, memoryAction);
    if (run.fatal) {
      const notEmbedded = run.vectors.flatMap((vector, index) => (vector === undefined ? [index] : []));
      throw withFailedIndexes(run.fatal, notEmbedded);
    }
    if (run.failures.length > 0) throw new BatchEmbeddingError(run.vectors, run.failures);
    return { vectors: run.vectors as number[][], usage: run.usage };
  }

  async #run(texts: readonly unknown[], memoryAction: MemoryAction | undefined): Promise<BatchRun> {
    const settings = this.#requestSettings(memoryAction);
    const prepared = prepareTexts(texts, this.#settings.family, this.#settings.truncate);
    const plan = planCalls(prepared.length, this.#settings.family.limits.textsPerCall);
    let fatal: BedrockApiError | undefined;
    const results = await runBounded(
      plan.length,
      this.#limiter,
      async (position) => {
        const { indexes } = plan[position]!;
        const texts = indexes.map((index) => prepared[index]!);
        const result = await embedCall(this.#context, texts, indexes, settings);
        fatal ??= result.fatal;
        return result;
      },
      () => fatal !== undefined,
    );
    return assemble(prepared.length, plan, results, fatal);
  }

  #requestSettings(memoryAction: MemoryAction | undefined): RequestSettings {
    if (memoryAction !== undefined && !MEMORY_ACTIONS.includes(memoryAction)) {
      throw new InputError(`unknown memory action ${JSON.stringify(memoryAction)}.`, {
        fix: `Pass one of ${MEMORY_ACTIONS.join(", ")}, or nothing for "add".`,
      });
    }
    const settings = this.#settings;
    return {
      dimensions: settings.requestDimensions,
      normalize: settings.normalize,
      inputType: settings.inputType ?? settings.family.defaultInputType(memoryAction),
      truncate: settings.truncate,
    };
  }
}

interface BatchRun {
  vectors: (number[] | undefined)[];
  failures: BatchFailure[];
  fatal: BedrockApiError | undefined;
  usage: DetailedEmbeddings["usage"];
}

function assemble(
  count: number,
  plan: readonly { indexes: number[] }[],
  results: readonly BoundedResult<CallResult>[],
  fatal: BedrockApiError | undefined,
): BatchRun {
  const vectors: (number[] | undefined)[] = new Array(count).fill(undefined);
  const failures: BatchFailure[] = [];
  const usage = emptyUsage();
  results.forEach((result, position) => {
    const { indexes } = plan[position]!;
    if (result.status === "fulfilled") {
      result.value.vectors.forEach((vector, offset) => {
        vectors[indexes[offset]!] = vector;
      });
      failures.push(...result.value.failures);
      addUsage(usage, result.value.usage);
    } else if (result.status === "rejected") {
      const error = result.reason instanceof Error ? result.reason : new Error(String(result.reason));
      failures.push(...indexes.map((index) => ({ index, error })));
    }
  });
  failures.sort((left, right) => left.index - right.index);
  return { vectors, failures, fatal, usage };
}
