import {
  addUsage,
  type BedrockEmbedderOptions,
  type BedrockEmbedderOptionsInput,
  bearerTokenFor,
  bedrockEmbedderOptionsSchema,
  ConfigurationError,
  camelCase,
  checkTexts,
  checkVector,
  configuredRegion,
  createLimiter,
  type DescribesVectors,
  type DetailedEmbeddings,
  describeVectorIdentity,
  type EmbedderProvider,
  type EmbeddingBase,
  type EmbeddingUsage,
  type Environment,
  emptyUsage,
  finishVector,
  type Limiter,
  type MemoryAction,
  parseWithSchema,
  type ReportsUsage,
  ResponseError,
  type TextRules,
  withVectorCache,
} from "@bedrock-embeddings/core";
import { BedrockEmbeddings, type BedrockEmbeddingsParams } from "@langchain/aws";
import { toBedrockApiError } from "./aws-errors.js";
import { boundedMap, type ItemFailure } from "./bounded-map.js";
import { SendRecorder } from "./send-recorder.js";
import { type LangChainAwsFamily, resolveTitanModel, type TitanTextModel } from "./titan-models.js";

/**
 * The `BedrockRuntimeClient` type as `@langchain/aws` sees it. (This package reaches the AWS SDK
 * only through `@langchain/aws`; build the client with `@aws-sdk/client-bedrock-runtime`.)
 *
 * @example
 * const client: LangChainAwsClient = new BedrockRuntimeClient({ region: "us-east-1" });
 * const embedder = new LangChainAwsEmbedder({ model: "amazon.titan-embed-text-v1", client });
 */
export type LangChainAwsClient = BedrockEmbeddings["client"];

/**
 * Options of {@link LangChainAwsEmbedder}: the same keys as core's `bedrockEmbedderOptionsSchema`
 * (camelCase or snake_case, `${VAR}` interpolated from `environment`), plus injected objects.
 *
 * @example
 * const options: LangChainAwsEmbedderOptions = {
 *   model: "amazon.titan-embed-text-v2:0",
 *   dimensions: 512,
 *   maxConcurrency: 4,
 *   environment: processEnvironment(),
 * };
 */
export type LangChainAwsEmbedderOptions = BedrockEmbedderOptionsInput & {
  /**
   * A configured `BedrockRuntimeClient` to send through (not modified). Its own retry settings
   * then apply; `region`, `endpoint`, `credentials`, `profile`, `apiKey`, `maxAttempts` and
   * `requestTimeoutMs` must not be given.
   */
  client?: LangChainAwsClient;
  /**
   * An existing `BedrockEmbeddings`, e.g. from an embedchain-style app. Its `model`, `client`,
   * `dimensions` and `modelParameters` are reused; the instance itself is not modified or called:
   * a private copy without LangChain's retry layer does the calls. Connection options must not be given.
   */
  embeddings?: BedrockEmbeddings;
  /** Where `AWS_REGION`, `AWS_DEFAULT_REGION` and `AWS_BEARER_TOKEN_BEDROCK` are read; `{}` by default. */
  environment?: Environment;
};

// Connection settings that only apply when this package builds the client itself.
const CONNECTION_KEYS = [
  "region",
  "endpoint",
  "credentials",
  "profile",
  "apiKey",
  "requestTimeoutMs",
] as const;

/**
 * An `EmbeddingBase` backed by `@langchain/aws` `BedrockEmbeddings` (the embedchain path), with
 * the guarantees `@langchain/aws` lacks: input checks before sending, unit vectors, a dimension
 * check on every vector, bounded concurrency, one retry layer, and typed errors that keep the
 * AWS SDK error as `cause`.
 *
 * Only Titan text v1 (1536) and v2 (256/512/1024) are accepted, because `@langchain/aws` always
 * sends `{inputText}`; any other model is a ConfigurationError pointing at provider `aws_bedrock`.
 *
 * Retries: exactly one layer, the AWS SDK client's standard retry strategy (`maxAttempts`, which
 * retries throttling and 5xx errors only). LangChain's AsyncCaller runs with `maxRetries: 0`.
 *
 * @example
 * const embedder = new LangChainAwsEmbedder({
 *   model: "us.amazon.titan-embed-text-v2:0",
 *   dimensions: 512,
 *   environment: processEnvironment(),
 * });
 * const [a, b] = await embedder.embedBatch(["first", "second"], "add");
 */
export class LangChainAwsEmbedder implements EmbeddingBase, DescribesVectors, ReportsUsage {
  readonly provider = "langchain_aws";
  readonly modelId: string;
  readonly normalized: boolean;
  readonly dimension: number;
  /** The Titan family the model id resolved to. */
  readonly family: LangChainAwsFamily;
  /** Calls in flight at once for this embedder, across all concurrent `embed`/`embedBatch` calls. */
  readonly maxConcurrency: number;
  /**
   * The `BedrockEmbeddings` doing the calls (AsyncCaller `maxRetries: 0`). Prefer this embedder's
   * methods: they add the checks, typed errors and usage, and keep `@langchain/aws` from writing
   * each failure to the console, which it does when called directly.
   */
  readonly langchain: BedrockEmbeddings;
  private readonly model: TitanTextModel;
  private readonly textRules: TextRules;
  private readonly recorder = new SendRecorder();
  private readonly limiter: Limiter;
  /** Host of a custom endpoint (e.g. the emulator), so a cache never mixes its vectors with Bedrock's. */
  private readonly endpointHost: string | undefined;

  constructor(options: LangChainAwsEmbedderOptions = {}) {
    const { client, embeddings, environment = {}, ...raw } = options;
    // Typed options are never interpolated: a secret containing `$` stays as written.
    const settings = parseWithSchema(bedrockEmbedderOptionsSchema, raw);
    const explicit = explicitKeys(raw);
    const injected = client !== undefined || embeddings !== undefined;
    if (settings.cache !== undefined) {
      throw new ConfigurationError(
        "cache is applied by createEmbedder, not by LangChainAwsEmbedder itself.",
        {
          path: "cache",
          fix: "Build the embedder with createEmbedder and langchainAwsProvider, or wrap it: withVectorCache(new LangChainAwsEmbedder(options), cache).",
        },
      );
    }

    if (client !== undefined && embeddings !== undefined) {
      throw new ConfigurationError("both client and embeddings are given.", {
        path: "client",
        fix: "Give one: the client is taken from the embeddings instance.",
      });
    }
    if (injected) {
      for (const key of [...CONNECTION_KEYS, "maxAttempts"] as const) {
        if (key === "maxAttempts" ? explicit.has(key) : settings[key] !== undefined) {
          throw new ConfigurationError(
            `${key} has no effect when a client or embeddings instance is injected.`,
            {
              path: key,
              fix: "Configure it on the injected BedrockRuntimeClient instead, or do not inject one.",
            },
          );
        }
      }
    }

    this.modelId = chooseModelId(settings, explicit, embeddings);
    this.model = resolveTitanModel(this.modelId, settings.family);
    this.family = this.model.family;
    // Titan cannot truncate: truncate is refused below unless NONE.
    this.textRules = { familyName: this.family, maxCharacters: this.model.maxCharacters, truncateModes: [] };
    this.dimension = chooseDimension(this.model, settings, explicit, embeddings);
    checkUnsupportedOptions(settings);
    this.normalized = settings.normalize;
    // Nothing here adapts to throttling, so the default stays small.
    this.maxConcurrency = settings.maxConcurrency ?? 4;
    this.limiter = createLimiter(this.maxConcurrency);
    this.endpointHost = settings.endpoint === undefined ? undefined : new URL(settings.endpoint).hostname;

    const sendingClient = client ?? embeddings?.client ?? buildClient(settings, environment);
    this.langchain = new BedrockEmbeddings({
      model: this.modelId,
      client: this.recorder.wrap(sendingClient),
      // The SDK client retries (throttling and 5xx only); a second, blind layer would retry 4xx too.
      maxRetries: 0,
      // Not read when a client is given, but keeps @langchain/aws from reading process.env for it.
      bedrockBearerToken: "",
      ...requestParameters(this.model, this.dimension, settings.normalize, embeddings),
    });
  }

  /** Always known from configuration: Titan v1 is 1536, Titan v2 is `dimensions` (default 1024). */
  async detectDimension(): Promise<number> {
    return this.dimension;
  }

  /**
   * Everything except the text that changes this embedder's vectors, as a stable string (the
   * prefix of `CachedEmbedder` keys). Titan has no query/document modes, so `memoryAction` does
   * not change it. With an injected client or embeddings the endpoint is not known and counts as AWS.
   *
   * @example
   * embedder.vectorIdentity("search") === embedder.vectorIdentity("add"); // true
   */
  vectorIdentity(_memoryAction?: MemoryAction): string {
    return describeVectorIdentity({
      provider: this.provider,
      model: this.modelId,
      family: this.family,
      endpointHost: this.endpointHost,
      dimension: this.dimension,
      normalize: this.normalized,
    });
  }

  /**
   * One vector for `text`. Titan has no query/document modes, so `memoryAction` does not change the request.
   *
   * @example
   * const vector = await embedder.embed("where does Alice live?", "search");
   */
  async embed(text: string, memoryAction?: MemoryAction): Promise<number[]> {
    const [vector] = await this.embedBatch([text], memoryAction);
    return vector!;
  }

  /**
   * One vector per text, in input order, with at most `maxConcurrency` calls in flight (shared
   * with concurrent calls on this embedder). Every
   * input is checked before anything is sent. On a failed call no further call starts, and the
   * error names the failed input indexes.
   *
   * @example
   * const vectors = await embedder.embedBatch(["first", "second"], "add");
   */
  async embedBatch(texts: readonly string[], memoryAction?: MemoryAction): Promise<number[][]> {
    return (await this.embedBatchDetailed(texts, memoryAction)).vectors;
  }

  /**
   * As `embedBatch`, with the usage of the batch: calls and retries (the SDK client's attempts),
   * throttles, and input tokens as Titan reports them. No cost estimate: this package has no price table.
   *
   * @example
   * const { vectors, usage } = await embedder.embedBatchDetailed(["first", "second"]);
   * usage.calls; // 2
   */
  async embedBatchDetailed(
    texts: readonly string[],
    _memoryAction?: MemoryAction,
  ): Promise<DetailedEmbeddings> {
    checkTexts(texts, this.textRules);
    const usage = emptyUsage();
    if (texts.length === 0) return { vectors: [], usage };
    const outcome = await boundedMap(texts, this.limiter, (text, index) => this.embedOne(text, index, usage));
    if (outcome.ok) return { vectors: outcome.results, usage };
    throw this.combineFailures(outcome.failures);
  }

  private async embedOne(text: string, index: number, usage: EmbeddingUsage): Promise<number[]> {
    // One text per call: embedDocuments makes one caller.call per text (embedQuery would nest two).
    const { value, record } = await this.recorder.record(() => this.langchain.embedDocuments([text]));
    addUsage(usage, record.usage);
    if (record.failure) throw new SendFailure(record.failure.error);
    if (record.unreadable) {
      throw new ResponseError(`Could not read the response of model ${this.modelId} for input ${index}.`, {
        modelId: this.modelId,
        index,
        fix: "The body was not the JSON a Titan model returns; check that the endpoint is Bedrock Runtime.",
        cause: record.unreadable.error,
      });
    }
    const vector = checkVector(value[0], index, this.dimension, this.modelId);
    // Titan v2 normalizes when asked, but the vector is made unit length here too: v1 cannot.
    return finishVector(vector, index, this.normalized, false);
  }

  private combineFailures(failures: readonly ItemFailure[]): unknown {
    const first = failures[0]!;
    if (!(first.error instanceof SendFailure)) return first.error;
    const failedIndexes = failures
      .filter((failure) => failure.error instanceof SendFailure)
      .map((f) => f.index);
    return toBedrockApiError(first.error.original, { modelId: this.modelId, failedIndexes });
  }
}

/** A failed `send`, carrying the SDK error until all failures of a batch are known. */
class SendFailure {
  constructor(readonly original: unknown) {}
}

// Canonical names of the keys the caller wrote (aliases as core's config accepts them).
function explicitKeys(raw: object): Set<string> {
  const aliases: Readonly<Record<string, string>> = { modelId: "model", embeddingDims: "dimensions" };
  return new Set(
    Object.keys(raw).map((key) => {
      const camel = camelCase(key);
      return aliases[camel] ?? camel;
    }),
  );
}

function chooseModelId(
  settings: BedrockEmbedderOptions,
  explicit: ReadonlySet<string>,
  embeddings: BedrockEmbeddings | undefined,
): string {
  if (embeddings === undefined) return settings.model;
  if (explicit.has("model") && settings.model !== embeddings.model) {
    throw new ConfigurationError(
      `model "${settings.model}" differs from the injected embeddings' model "${embeddings.model}".`,
      {
        path: "model",
        allowed: [embeddings.model],
        fix: "Leave model out; it is taken from the embeddings instance.",
      },
    );
  }
  return embeddings.model;
}

function chooseDimension(
  model: TitanTextModel,
  settings: BedrockEmbedderOptions,
  explicit: ReadonlySet<string>,
  embeddings: BedrockEmbeddings | undefined,
): number {
  const fromInstance = embeddings?.dimensions;
  if (explicit.has("dimensions") && fromInstance !== undefined && settings.dimensions !== fromInstance) {
    throw new ConfigurationError(
      `dimensions ${settings.dimensions} differs from the injected embeddings' dimensions ${fromInstance}.`,
      { path: "dimensions", allowed: [fromInstance], fix: "Leave dimensions out or make them agree." },
    );
  }
  const requested = settings.dimensions ?? fromInstance;
  if (requested !== undefined && !model.allowedDimensions.includes(requested)) {
    throw new ConfigurationError(`${model.baseModelId} cannot return ${requested} dimensions.`, {
      path: "dimensions",
      allowed: model.allowedDimensions,
    });
  }
  return requested ?? model.defaultDimension;
}

function checkUnsupportedOptions(settings: BedrockEmbedderOptions): void {
  if (settings.inputType !== undefined) {
    throw new ConfigurationError("Titan text models have no input type (it is a Cohere setting).", {
      path: "inputType",
      fix: "Remove inputType.",
    });
  }
  if (settings.truncate !== undefined && settings.truncate !== "NONE") {
    throw new ConfigurationError("Titan text models cannot truncate input; over-long input is an error.", {
      path: "truncate",
      allowed: ["NONE"],
      fix: "Remove truncate and split long texts before embedding.",
    });
  }
}

/**
 * What goes into every request body besides `inputText`. Titan v2: `dimensions` always (so the
 * length is never the server's guess) and `normalize` through `modelParameters`, the only way
 * `@langchain/aws` sends it. Titan v1 rejects every extra key, so nothing is added for it.
 */
function requestParameters(
  model: TitanTextModel,
  dimension: number,
  normalize: boolean,
  embeddings: BedrockEmbeddings | undefined,
): Pick<BedrockEmbeddingsParams, "dimensions" | "modelParameters"> {
  if (!model.acceptsParameters) {
    return embeddings?.modelParameters === undefined ? {} : { modelParameters: embeddings.modelParameters };
  }
  return { dimensions: dimension, modelParameters: { ...embeddings?.modelParameters, normalize } };
}

function buildClient(settings: BedrockEmbedderOptions, environment: Environment): LangChainAwsClient {
  const region = configuredRegion(settings, environment);
  if (region === undefined && settings.profile === undefined) {
    throw new ConfigurationError("no AWS region is configured.", {
      path: "region",
      fix: "Set region, or AWS_REGION / AWS_DEFAULT_REGION in the environment passed in, or a profile that has one.",
    });
  }
  if (settings.apiKey !== undefined && settings.credentials !== undefined) {
    throw new ConfigurationError("both apiKey and credentials are given.", {
      path: "apiKey",
      fix: "Give one: an API key (bearer token) or access keys.",
    });
  }
  // Explicit access keys or a profile win over a bearer token found in the environment, as for aws_bedrock.
  const apiKey = bearerTokenFor(settings, environment);
  // @langchain/aws builds the client so that this package needs no direct AWS SDK dependency.
  const builder = new BedrockEmbeddings({
    ...(region === undefined ? {} : { region }),
    ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
    // An empty token (not undefined) stops @langchain/aws from reading process.env for one.
    bedrockBearerToken: apiKey ?? "",
    clientOptions: {
      maxAttempts: settings.maxAttempts,
      ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
      ...(settings.profile === undefined ? {} : { profile: settings.profile }),
      // Options, not a handler: the client builds its default HTTP/2 handler from them, and
      // one stream per session is that default's setting.
      ...(settings.requestTimeoutMs === undefined
        ? {}
        : { requestHandler: { requestTimeout: settings.requestTimeoutMs, disableConcurrentStreams: true } }),
    },
  });
  return builder.client;
}

/**
 * Registry entry for `embedder: { provider: langchain_aws, config: {...} }`; a `cache` block
 * in the config puts a `CachedEmbedder` in front.
 *
 * @example
 * const embedder = createEmbedder(config.embedder, {
 *   providers: [langchainAwsProvider],
 *   environment: processEnvironment(),
 * });
 */
export const langchainAwsProvider: EmbedderProvider = {
  name: "langchain_aws",
  create: ({ cache, ...options }, context) =>
    withVectorCache(new LangChainAwsEmbedder({ ...options, environment: context.environment }), cache),
};
