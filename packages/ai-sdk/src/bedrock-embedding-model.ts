import type {
  EmbeddingModelV4,
  EmbeddingModelV4CallOptions,
  EmbeddingModelV4Result,
  SharedV4ProviderMetadata,
} from "@ai-sdk/provider";
import {
  ConfigurationError,
  type DetailedEmbeddings,
  type EmbeddingBase,
  type EmbeddingUsage,
  type MemoryAction,
  reportsUsage,
} from "@bedrock-embeddings/core";
import { memoryActionOf, PROVIDER_OPTIONS_KEY } from "./provider-options.js";

/**
 * Options of {@link bedrockEmbeddingModel}.
 *
 * @example
 * const queries = bedrockEmbeddingModel(embedder, { memoryAction: "search" });
 */
export interface BedrockEmbeddingModelOptions {
  /**
   * The memory action of calls that name none in `providerOptions.bedrockEmbeddings`; `"add"`
   * (documents) unless this model only embeds queries.
   */
  memoryAction?: MemoryAction;
}

/**
 * `embedBatchDetailed` as embedders that schedule calls take it (the Bedrock embedder, directly or
 * behind a cache): an options argument with `signal`. Embedders that do not take it ignore it.
 */
type EmbedBatchDetailedWithSignal = (
  texts: readonly string[],
  memoryAction: MemoryAction,
  options: { signal?: AbortSignal },
) => Promise<DetailedEmbeddings>;

/**
 * Any `EmbeddingBase` as an AI SDK embedding model (provider specification v4), so `embed` and
 * `embedMany` from `ai` work with it. Texts are documents (`"add"`) unless the call asks for
 * another memory action with `providerOptions: { bedrockEmbeddings: { memoryAction: "search" } }`
 * (or the model was made with `{ memoryAction: "search" }`), which picks the query side of
 * asymmetric models (Cohere `input_type`, Nova `embeddingPurpose`).
 *
 * Every `embedMany` reaches the embedder as one batch (`maxEmbeddingsPerCall` is unlimited): the
 * embedder already packs calls per model limit, bounds concurrency and retries, so the AI SDK
 * adds no chunking of its own. Errors are the embedder's typed errors (BedrockApiError,
 * InputError, ...), cause chain included; they are not APICallErrors, so the AI SDK does not
 * retry on top of the embedder's retries. `usage.tokens` is reported for embedders that report
 * usage (`embedBatchDetailed`), with calls, retries and throttles in
 * `providerMetadata.bedrockEmbeddings`; `abortSignal` reaches those embedders too. `headers` do
 * not apply (the embedder signs its own requests); `dimensions` must match the embedder's.
 *
 * @example
 * import { cosineSimilarity, embed, embedMany } from "ai";
 * const model = bedrockEmbeddingModel(new BedrockEmbedder({ model: "cohere.embed-english-v3", region: "us-east-1" }));
 * const { embeddings } = await embedMany({ model, values: ["Alice likes tea", "Bob likes coffee"] });
 * const { embedding } = await embed({
 *   model,
 *   value: "what does Alice drink?",
 *   providerOptions: { bedrockEmbeddings: { memoryAction: "search" } },
 * });
 * cosineSimilarity(embedding, embeddings[0]!);
 */
export function bedrockEmbeddingModel(
  embedder: EmbeddingBase,
  options: BedrockEmbeddingModelOptions = {},
): BedrockEmbeddingModel {
  return new BedrockEmbeddingModel(embedder, options);
}

/**
 * The AI SDK embedding model made by {@link bedrockEmbeddingModel}.
 *
 * @example
 * const model = new BedrockEmbeddingModel(embedder, { memoryAction: "search" });
 */
export class BedrockEmbeddingModel implements EmbeddingModelV4 {
  readonly specificationVersion = "v4";
  readonly provider: string;
  readonly modelId: string;
  readonly maxEmbeddingsPerCall = Number.POSITIVE_INFINITY;
  // Only consulted when the AI SDK splits a call, which an unlimited maxEmbeddingsPerCall avoids.
  readonly supportsParallelCalls = true;
  /** The wrapped embedder. */
  readonly embedder: EmbeddingBase;
  readonly #defaultAction: MemoryAction;

  constructor(embedder: EmbeddingBase, options: BedrockEmbeddingModelOptions = {}) {
    this.embedder = embedder;
    this.provider = `bedrock-embeddings.${embedder.provider}`;
    this.modelId = embedder.modelId;
    this.#defaultAction = options.memoryAction ?? "add";
  }

  /**
   * The AI SDK's entry point (`embed` and `embedMany` call it): one vector per value, in order.
   *
   * @example
   * const { embeddings, usage } = await model.doEmbed({ values: ["Alice likes tea"] });
   */
  async doEmbed(options: EmbeddingModelV4CallOptions): Promise<EmbeddingModelV4Result> {
    const { values, dimensions, abortSignal, providerOptions } = options;
    const memoryAction = memoryActionOf(providerOptions, this.#defaultAction);
    if (dimensions !== undefined) await this.#checkDimensions(dimensions);
    abortSignal?.throwIfAborted();
    if (values.length === 0) return { embeddings: [], warnings: [] };
    if (!reportsUsage(this.embedder)) {
      return { embeddings: await this.embedder.embedBatch(values, memoryAction), warnings: [] };
    }
    const detailed = this.embedder.embedBatchDetailed as unknown as EmbedBatchDetailedWithSignal;
    const { vectors, usage } = await detailed.call(
      this.embedder,
      values,
      memoryAction,
      abortSignal ? { signal: abortSignal } : {},
    );
    return {
      embeddings: vectors,
      usage: { tokens: usage.inputTokens },
      providerMetadata: usageMetadata(usage),
      warnings: [],
    };
  }

  async #checkDimensions(requested: number): Promise<void> {
    const actual = this.embedder.dimension ?? (await this.embedder.detectDimension());
    if (requested === actual) return;
    throw new ConfigurationError(
      `dimensions ${requested} was requested, but model ${this.modelId} is configured for ${actual}-dimensional vectors.`,
      {
        path: "dimensions",
        fix: `Set dimensions on the embedder (e.g. new BedrockEmbedder({ dimensions: ${requested}, ... })), or leave dimensions out of the embed call.`,
      },
    );
  }
}

/** The run's counters beyond tokens, for `providerMetadata.bedrockEmbeddings`. */
function usageMetadata(usage: EmbeddingUsage): SharedV4ProviderMetadata {
  const { inputTokens: _tokens, ...counters } = usage;
  const defined = Object.entries(counters).filter(([, value]) => value !== undefined);
  return { [PROVIDER_OPTIONS_KEY]: Object.fromEntries(defined) as Record<string, number> };
}
