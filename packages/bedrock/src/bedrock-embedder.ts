import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import {
  type BedrockEmbedderOptions,
  type BedrockEmbedderOptionsInput,
  bedrockEmbedderOptionsSchema,
  ConfigurationError,
  type DescribesVectors,
  type DetailedEmbeddings,
  describeVectorIdentity,
  type EmbeddingBase,
  type EmbeddingInput,
  type EmbeddingResult,
  type EmbedInputsOptions,
  type Environment,
  InputError,
  isQueryAction,
  MEMORY_ACTIONS,
  type MemoryAction,
  type MultimodalEmbedder,
  parseWithSchema,
  type ReportsUsage,
} from "@bedrock-embeddings/core";
import type { ControlPlaneClient } from "./control-plane/profile-target.js";
import type { BedrockCallEvent } from "./events.js";
import type { FamilyName, RequestSettings } from "./families/model-family.js";
import { needsProfileLookup, type ResolvedModel } from "./model-id.js";
import type { CallContext } from "./pipeline/call-context.js";
import { createBaseContext } from "./pipeline/create-call-context.js";
import { embedInputs } from "./pipeline/embed-inputs.js";
import type {
  DetailedResults,
  EmbedBatchOptions,
  SettledEmbeddings,
  SettledResults,
} from "./pipeline/embed-options.js";
import { embedTexts } from "./pipeline/embed-texts.js";
import type { PipelineRun } from "./pipeline/run-calls.js";
import { resultsOrThrow, settledResults, vectorsOf } from "./pipeline/run-outcome.js";
import { callCostEstimator } from "./pricing/call-cost.js";
import type { Clock } from "./schedule/clock.js";
import type { RateTuning } from "./schedule/rate-tuning.js";
import { type EmbedderSettings, type ProfileTarget, resolveSettings } from "./settings.js";

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
  /**
   * Looks up the model behind an application inference profile ARN when `family` is not set
   * (GetInferenceProfile). Defaults to a BedrockClient configured like the runtime client;
   * required for such an ARN when `client` is injected.
   */
  controlPlaneClient?: ControlPlaneClient;
}

/**
 * Timing hooks, for tests: the clock, the jitter source and the back-off bounds.
 *
 * @example
 * new BedrockEmbedder(config, { clock: virtualClock, random: () => 0 });
 */
export interface BedrockEmbedderRuntime {
  /** Replaces the clock's sleep for retry back-off only (older hook; prefer `clock`). */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Replaces the clock's `now` for call timing only (older hook; prefer `clock`). */
  now?: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** The one clock of every wait and timing (pacing, back-off, events); a virtual clock runs quota simulations. */
  clock?: Clock;
  /** Overrides of the adaptive rate controller's knobs. */
  rateTuning?: Partial<RateTuning>;
}

const CLIENT_OWNED_OPTIONS = ["endpoint", "credentials", "profile", "apiKey"] as const;
const PROBE_TEXT = "dimension probe";

/**
 * Bedrock embeddings over `InvokeModel` for every embedding family (Titan text v1/v2, Titan
 * multimodal, Cohere v3/v4, Nova multimodal, Marengo 2.7/3.0), from any model id form (bare,
 * geo inference profile, ARN; an application inference profile's model is looked up when
 * `family` is not set). Texts go through `embed`/`embedBatch`; images, audio and video
 * through `embedInputs`, one pipeline for both (see pipeline/run-calls.ts). Validates options and
 * inputs before sending, packs calls per family limit, sends identical inputs once, splits a call
 * rejected for its content until the bad input fails alone, paces and bounds calls with a scheduler that learns the
 * quota from throttling (see `adaptive`), retries throttling and server errors with jittered
 * backoff, keeps input order, checks every vector and returns unit vectors when `normalize` is
 * on (server-side for Titan v2, client-side L2 otherwise).
 *
 * Nothing waits forever: each attempt gives up after `requestTimeoutMs` (default 60 s for texts,
 * 120 s for images, audio and video; then retried), a run ends with a `TimeoutError`
 * BedrockApiError when the endpoint has not answered for `stallTimeoutMs` (default three attempt
 * timeouts), and a run stops at once with one BedrockApiError naming `host:port` when 3 attempts
 * in a row find nothing listening (ECONNREFUSED, ENOTFOUND, EHOSTUNREACH), keeping the vectors
 * already embedded. See `DEFAULT_TIMEOUTS`.
 *
 * `memoryAction` defaults to `add` semantics: texts are embedded as documents
 * (Cohere `search_document`); pass `"search"` for queries (`search_query`).
 *
 * @example
 * const embedder = new BedrockEmbedder({ model: "cohere.embed-english-v3", region: "us-east-1" });
 * const query = await embedder.embed("where does Alice live?", "search");
 * const { vectors, usage } = await embedder.embedBatchDetailed(["Alice lives in Paris"], "add");
 */
export class BedrockEmbedder implements EmbeddingBase, ReportsUsage, DescribesVectors, MultimodalEmbedder {
  readonly provider = "aws_bedrock";
  /** The model id as configured; sent as is. */
  readonly modelId: string;
  readonly normalized: boolean;
  // Set by #adopt: in the constructor, or on first use once an application inference
  // profile's model has been looked up (every entry point awaits #ready() first).
  #settings!: EmbedderSettings;
  #context!: CallContext;
  /** The context without its family parts, kept until the family is known. */
  readonly #baseContext: Omit<CallContext, "family" | "estimateCost">;
  /** Looks up an application inference profile's model; undefined once the family is known. */
  #lookup: (() => Promise<ProfileTarget>) | undefined;
  #resolving: Promise<void> | undefined;
  /** Options as validated, for settings resolved after a profile lookup and for identities. */
  readonly #options: BedrockEmbedderOptions;
  /** Host of a custom endpoint: the emulator's vectors must never be served from a cache as Bedrock's. */
  readonly #endpointHost: string | undefined;
  #dimension: number | undefined;
  #detecting: Promise<number> | undefined;

  constructor(config: BedrockEmbedderConfig, runtime: BedrockEmbedderRuntime = {}) {
    const { client, environment = {}, onCall, controlPlaneClient, ...plain } = config ?? {};
    // Typed options are never interpolated: a secret containing `$` stays as written.
    const options = parseWithSchema(bedrockEmbedderOptionsSchema, plain);
    this.#options = options;
    // An application inference profile without family names no model: the family is looked
    // up on first use, and the settings are checked against it then.
    const settings = needsProfileLookup(options.model, options.family) ? undefined : resolveSettings(options);
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
    if (!settings && client && !controlPlaneClient) {
      throw new ConfigurationError(
        `"${options.model}" is an application inference profile; with an injected client its model cannot be looked up.`,
        {
          path: "family",
          fix: 'Set family (e.g. family: "cohere-v4"), or pass controlPlaneClient (a BedrockClient) to look it up.',
        },
      );
    }
    this.modelId = options.model;
    this.normalized = options.normalize;
    this.#dimension = settings ? settings.knownDimension : options.dimensions;
    this.#endpointHost = options.endpoint === undefined ? undefined : new URL(options.endpoint).hostname;
    this.#baseContext = createBaseContext({
      options,
      environment,
      client,
      onCall,
      runtime,
      dimension: {
        get: () => this.#dimension,
        observe: (dimension) => {
          this.#dimension ??= dimension;
        },
      },
    });
    if (settings) this.#adopt(settings);
    else {
      // Loaded on first lookup: an embedder given a model id never loads the control-plane client.
      this.#lookup = async () => {
        const { lookUpProfileTarget } = await import("./control-plane/profile-target.js");
        const scope = controlPlaneClient
          ? { client: controlPlaneClient }
          : (await import("./control-plane/control-plane-client.js")).controlPlaneScope(options, environment);
        const { policy, secrets } = this.#baseContext;
        return lookUpProfileTarget(options.model, scope, policy, secrets);
      };
    }
  }

  /** Starts using settings checked against a known family. */
  #adopt(settings: EmbedderSettings): void {
    this.#settings = settings;
    this.#context = {
      ...this.#baseContext,
      family: settings.family,
      estimateCost: callCostEstimator({ modelId: this.modelId, family: settings.family.name }),
    };
    this.#dimension ??= settings.knownDimension;
  }

  /**
   * Resolves an application inference profile's family on first use (one lookup shared by
   * concurrent callers; a failed lookup is retried by the next call). A no-op otherwise.
   */
  async #ready(): Promise<void> {
    const lookup = this.#lookup;
    if (lookup === undefined) return;
    this.#resolving ??= lookup()
      .then((target) => {
        this.#adopt(resolveSettings(this.#options, target));
        this.#lookup = undefined;
      })
      .finally(() => {
        this.#resolving = undefined;
      });
    await this.#resolving;
  }

  /** The model family; undefined until an application inference profile has been looked up. */
  get family(): FamilyName | undefined {
    return this.#lookup ? undefined : this.#settings.family.name;
  }

  /** What the model id resolved to (family, base model, kind of id); undefined until looked up. */
  get resolvedModel(): ResolvedModel | undefined {
    return this.#lookup ? undefined : this.#settings.model;
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
    this.#detecting ??= this.#probe().catch((error: unknown) => {
      this.#detecting = undefined;
      throw error;
    });
    return this.#detecting;
  }

  async #probe(): Promise<number> {
    // A looked-up profile of a catalog model knows its dimension without a probe call.
    await this.#ready();
    if (this.#dimension !== undefined) return this.#dimension;
    const vector = await this.embed(PROBE_TEXT);
    return this.#dimension ?? vector.length;
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
    if (needsProfileLookup(this.modelId, this.#options.family)) {
      // The profile's family may not be known yet; the options and the side of the memory
      // action pin its vectors just as well, before and after the lookup.
      const options = this.#options;
      return describeVectorIdentity({
        provider: this.provider,
        model: this.modelId,
        endpointHost: this.#endpointHost,
        dimensions: options.dimensions,
        normalize: options.normalize,
        inputType:
          options.inputType ?? (isQueryAction(this.#checkedAction(memoryAction)) ? "query" : "document"),
        truncate: options.truncate,
      });
    }
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
    const run = await this.#runTexts([text], memoryAction);
    const failure = run.fatal?.withFailedIndexes([0]) ?? run.failures[0]?.error;
    if (failure) throw failure;
    return run.results[0]!.vector!;
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
   * Like `embedBatch`, plus the batch's usage (input tokens, calls, retries, throttles, estimated
   * cost), an AbortSignal, progress events, and `settle` to get per-index vectors and failures
   * instead of a BatchEmbeddingError.
   *
   * @example
   * const { vectors, usage } = await embedder.embedBatchDetailed(texts);
   * const { failures } = await embedder.embedBatchDetailed(texts, "add", { settle: true, signal });
   */
  embedBatchDetailed(
    texts: readonly string[],
    memoryAction?: MemoryAction,
    options?: EmbedBatchOptions & { settle?: false },
  ): Promise<DetailedEmbeddings>;
  embedBatchDetailed(
    texts: readonly string[],
    memoryAction: MemoryAction | undefined,
    options: EmbedBatchOptions & { settle: true },
  ): Promise<SettledEmbeddings>;
  embedBatchDetailed(
    texts: readonly string[],
    memoryAction?: MemoryAction,
    options?: EmbedBatchOptions,
  ): Promise<DetailedEmbeddings | SettledEmbeddings>;
  async embedBatchDetailed(
    texts: readonly string[],
    memoryAction?: MemoryAction,
    options: EmbedBatchOptions = {},
  ): Promise<DetailedEmbeddings | SettledEmbeddings> {
    const run = await this.#runTexts(texts, memoryAction, options);
    if (options.settle) {
      const { results, failures, usage } = settledResults(run, false);
      return { vectors: vectorsOf(results), failures, usage };
    }
    const { results, usage } = resultsOrThrow(run, false);
    return { vectors: vectorsOf(results) as number[][], usage };
  }

  /**
   * One result per input (text, image, text with image, audio or video), in input order; the
   * model's family decides which it accepts. Everything is checked, and files are read, before
   * anything is sent. Typed encodings come back as `typed` when `embeddingTypes` asks for them.
   * Identical inputs are sent once; `signal` and `onProgress` work as in `embedBatchDetailed`.
   *
   * @example
   * const [photo, caption] = await embedder.embedInputs([{ image: { file: "cat.png" } }, { text: "a cat" }], "add");
   * photo.vector; // number[]
   */
  async embedInputs(
    inputs: readonly EmbeddingInput[],
    memoryAction?: MemoryAction,
    options?: EmbedInputsOptions,
  ): Promise<EmbeddingResult[]> {
    const settle = false;
    return (await this.embedInputsDetailed(inputs, memoryAction, { ...options, settle })).results;
  }

  /**
   * Like `embedInputs`, plus the run's usage (tokens, calls, retries, throttles); with `settle`,
   * per-index results and failures instead of a BatchEmbeddingError, and an input failing the
   * pre-send checks fails alone instead of the run.
   *
   * @example
   * const { results, usage } = await embedder.embedInputsDetailed([{ image: { bytes } }]);
   * const { failures } = await embedder.embedInputsDetailed(inputs, "add", { settle: true, signal });
   */
  embedInputsDetailed(
    inputs: readonly EmbeddingInput[],
    memoryAction?: MemoryAction,
    options?: EmbedInputsOptions & { settle?: false },
  ): Promise<DetailedResults>;
  embedInputsDetailed(
    inputs: readonly EmbeddingInput[],
    memoryAction: MemoryAction | undefined,
    options: EmbedInputsOptions & { settle: true },
  ): Promise<SettledResults>;
  embedInputsDetailed(
    inputs: readonly EmbeddingInput[],
    memoryAction?: MemoryAction,
    options?: EmbedInputsOptions,
  ): Promise<DetailedResults | SettledResults>;
  async embedInputsDetailed(
    inputs: readonly EmbeddingInput[],
    memoryAction?: MemoryAction,
    options: EmbedInputsOptions = {},
  ): Promise<DetailedResults | SettledResults> {
    await this.#ready();
    const request = this.#requestSettings(memoryAction);
    const run = await embedInputs(this.#context, this.#settings, request, inputs, memoryAction, options);
    return options.settle ? settledResults(run, true) : resultsOrThrow(run, true);
  }

  /** Texts are text inputs: the same pipeline, with the text checks and float vectors. */
  async #runTexts(
    texts: readonly unknown[],
    memoryAction: MemoryAction | undefined,
    options: EmbedBatchOptions = {},
  ): Promise<PipelineRun> {
    await this.#ready();
    return embedTexts(this.#context, this.#settings, this.#requestSettings(memoryAction), texts, options);
  }

  #checkedAction(memoryAction: MemoryAction | undefined): MemoryAction | undefined {
    if (memoryAction !== undefined && !MEMORY_ACTIONS.includes(memoryAction)) {
      throw new InputError(`unknown memory action ${JSON.stringify(memoryAction)}.`, {
        fix: `Pass one of ${MEMORY_ACTIONS.join(", ")}, or nothing for "add".`,
      });
    }
    return memoryAction;
  }

  #requestSettings(memoryAction: MemoryAction | undefined): RequestSettings {
    this.#checkedAction(memoryAction);
    const settings = this.#settings;
    return {
      dimensions: settings.requestDimensions,
      normalize: settings.normalize,
      inputType: settings.inputType ?? settings.family.defaultInputType(memoryAction),
      truncate: settings.truncate,
    };
  }
}
