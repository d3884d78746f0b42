import {
  type DetailedEmbeddings,
  type EmbeddingBase,
  type ReportsUsage,
  reportsUsage,
} from "../embedding-base.js";
import { BatchEmbeddingError } from "../errors/batch-embedding-error.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import { InputError } from "../errors/input-error.js";
import type { MemoryAction } from "../memory-action.js";
import { type EmbeddingUsage, emptyUsage } from "../usage.js";
import { cacheKey } from "./cache-key.js";
import { type DescribesVectors, describesVectors } from "./describes-vectors.js";
import { remapErrorIndexes } from "./remap-errors.js";
import type { VectorCache, VectorCacheEntry } from "./vector-cache.js";

/**
 * `embedBatchDetailed` as `CachedEmbedder` offers it: the inner embedder's, with an optional
 * third argument (e.g. `{ signal, onProgress }`) passed through as it is.
 *
 * @example
 * const { vectors, usage } = await cached.embedBatchDetailed!(texts, "add");
 */
export type CachedEmbedBatchDetailed = (
  texts: readonly string[],
  memoryAction?: MemoryAction,
  options?: object,
) => Promise<DetailedEmbeddings>;

/** Options of `CachedEmbedder`. */
export interface CachedEmbedderOptions {
  /** Called with the cause when storing vectors fails; the call still returns its vectors. */
  onCacheWriteError?: (error: unknown) => void;
}

/** An input a settling call could not embed, by its index in that call. */
interface SettledFailure {
  index: number;
  error: unknown;
}

interface MissOutcome {
  vectors: readonly (number[] | undefined)[];
  usage?: EmbeddingUsage;
  /** Set by a settling inner call (`settle: true`): why each missing vector failed. */
  failures?: readonly SettledFailure[];
}

interface CachedOutcome {
  vectors: number[][];
  usage: EmbeddingUsage | undefined;
  hits: number;
  misses: number;
  /** The inner call's failures, at the caller's positions (every position of a repeated text). */
  failures: SettledFailure[] | undefined;
}

/**
 * Any embedder with a content-addressed vector cache in front: every text's key is
 * sha256(vectorIdentity(memoryAction) + NUL + text), so a change of model, dimension,
 * normalization or input type never reuses an old vector, and a query and a document of the
 * same text are cached apart where the model embeds them differently. A batch is looked up
 * first; only the missing texts (each distinct text once) go to the inner embedder, in one
 * batch; results are stored and returned in input order. Re-embedding an unchanged corpus
 * makes no calls.
 *
 * `embedBatchDetailed` exists when the inner embedder has it: its usage counts only real calls
 * (`calls`, `inputTokens`, `estimatedCostUsd`: 0 when nothing was sent), plus `cacheHits` and
 * `cacheMisses`. An optional third argument goes to the inner call unchanged; progress it
 * reports counts the texts sent, not the cache hits. Error indexes are rewritten to the
 * caller's batch, and vectors embedded before a partial failure are cached, so a retry only
 * sends what failed.
 *
 * @example
 * const cached = new CachedEmbedder(new BedrockEmbedder({ model: "cohere.embed-v4:0", region: "us-east-1" }),
 *   new TieredVectorCache(new MemoryVectorCache({ maxEntries: 10_000 }), new FileVectorCache({ directory: ".cache/vectors" })));
 * await cached.embedBatch(corpus, "add"); // calls Bedrock for new texts only
 * const query = await cached.embed("where does Alice live?", "search");
 */
export class CachedEmbedder implements EmbeddingBase, DescribesVectors {
  readonly inner: EmbeddingBase & DescribesVectors;
  readonly cache: VectorCache;
  /** Present when the inner embedder reports usage (check with `reportsUsage`). */
  readonly embedBatchDetailed?: CachedEmbedBatchDetailed;
  #observedDimension: number | undefined;

  readonly #onCacheWriteError: ((error: unknown) => void) | undefined;

  /**
   * `onCacheWriteError` hears about a cache that could not be written. The vectors are returned
   * all the same: they were paid for, and the cache is only a shortcut for next time.
   */
  constructor(inner: EmbeddingBase, cache: VectorCache, options: CachedEmbedderOptions = {}) {
    this.#onCacheWriteError = options.onCacheWriteError;
    if (!describesVectors(inner)) {
      throw new ConfigurationError(
        `the ${inner.provider} embedder cannot be cached: it does not describe its vectors (no vectorIdentity method).`,
        {
          path: "cache",
          fix: "Remove the cache option, or give the embedder a vectorIdentity(memoryAction) that returns everything except the text that changes a vector (model, dimension, normalization, input type).",
        },
      );
    }
    this.inner = inner;
    this.cache = cache;
    if (reportsUsage(inner)) {
      this.embedBatchDetailed = (texts, memoryAction, options) =>
        this.#embedDetailed(inner, texts, memoryAction, options);
    }
  }

  get provider(): string {
    return this.inner.provider;
  }

  get modelId(): string {
    return this.inner.modelId;
  }

  get normalized(): boolean {
    return this.inner.normalized;
  }

  /** The inner embedder's dimension, or the length of the cached vectors once some were served. */
  get dimension(): number | undefined {
    return this.inner.dimension ?? this.#observedDimension;
  }

  detectDimension(): Promise<number> {
    const known = this.dimension;
    return known === undefined ? this.inner.detectDimension() : Promise.resolve(known);
  }

  vectorIdentity(memoryAction?: MemoryAction): string {
    return this.inner.vectorIdentity(memoryAction);
  }

  async embed(text: string, memoryAction?: MemoryAction): Promise<number[]> {
    // The inner `embed`, not a batch of one, so a failure surfaces as the same error it would uncached.
    const outcome = await this.#embedThrough([text], memoryAction, async ([missing]) => ({
      vectors: [await this.inner.embed(missing!, memoryAction)],
    }));
    return outcome.vectors[0]!;
  }

  async embedBatch(texts: readonly string[], memoryAction?: MemoryAction): Promise<number[][]> {
    const outcome = await this.#embedThrough(texts, memoryAction, async (missing) => ({
      vectors: await this.inner.embedBatch(missing, memoryAction),
    }));
    return outcome.vectors;
  }

  async #embedDetailed(
    inner: EmbeddingBase & ReportsUsage,
    texts: readonly string[],
    memoryAction: MemoryAction | undefined,
    options: object | undefined,
  ): Promise<DetailedEmbeddings> {
    // A third argument (signal, progress) is passed on only when given, for inner embedders that take two.
    const detailed = inner.embedBatchDetailed.bind(inner) as CachedEmbedBatchDetailed;
    const outcome = await this.#embedThrough(texts, memoryAction, (missing) =>
      options === undefined ? detailed(missing, memoryAction) : detailed(missing, memoryAction, options),
    );
    const usage: EmbeddingUsage = outcome.usage
      ? { ...outcome.usage }
      : { ...emptyUsage(), estimatedCostUsd: 0 };
    usage.cacheHits = outcome.hits;
    usage.cacheMisses = outcome.misses;
    // A settling caller learns why each missing vector failed, as it would from the inner embedder.
    return outcome.failures === undefined
      ? { vectors: outcome.vectors, usage }
      : ({ vectors: outcome.vectors, usage, failures: outcome.failures } as DetailedEmbeddings);
  }

  async #embedThrough(
    texts: readonly string[],
    memoryAction: MemoryAction | undefined,
    embedMissing: (missing: string[]) => Promise<MissOutcome>,
  ): Promise<CachedOutcome> {
    checkTexts(texts);
    const identity = this.inner.vectorIdentity(memoryAction);
    const keys = texts.map((text) => cacheKey(identity, text));
    const cached = await this.cache.getMany(keys);
    const vectors: (number[] | undefined)[] = new Array(texts.length).fill(undefined);
    // Each distinct missing text once, with every position it fills.
    const missing = new Map<string, number[]>();
    keys.forEach((key, index) => {
      const vector = cached[index];
      if (vector !== undefined && this.#fits(vector)) vectors[index] = vector;
      else {
        const list = missing.get(key);
        if (list === undefined) missing.set(key, [index]);
        else list.push(index);
      }
    });
    const hits = texts.length - [...missing.values()].reduce((sum, list) => sum + list.length, 0);
    if (missing.size === 0) {
      this.#observe(vectors);
      return { vectors: vectors as number[][], usage: undefined, hits, misses: 0, failures: undefined };
    }

    const missingKeys = [...missing.keys()];
    const positions = [...missing.values()];
    const sent = positions.map((list) => texts[list[0]!]!);
    let outcome: MissOutcome;
    try {
      outcome = await embedMissing(sent);
    } catch (error) {
      throw await this.#remapFailure(error, missingKeys, positions, vectors, hits);
    }
    await this.#store(this.#place(outcome.vectors, missingKeys, positions, vectors));
    this.#observe(vectors);
    // With a settling inner call some entries stay undefined; its failures move to the caller's positions.
    const failures = outcome.failures?.flatMap((failure) =>
      (positions[failure.index] ?? []).map((index) => ({ index, error: failure.error })),
    );
    return {
      vectors: vectors as number[][],
      usage: outcome.usage,
      hits,
      misses: texts.length - hits,
      failures: failures?.sort((left, right) => left.index - right.index),
    };
  }

  /** Copies the inner results into the caller's positions; returns the entries to store. */
  #place(
    results: readonly (number[] | undefined)[],
    missingKeys: readonly string[],
    positions: readonly (readonly number[])[],
    vectors: (number[] | undefined)[],
  ): VectorCacheEntry[] {
    const entries: VectorCacheEntry[] = [];
    positions.forEach((list, sentIndex) => {
      const vector = results[sentIndex];
      if (!Array.isArray(vector)) return;
      entries.push({ key: missingKeys[sentIndex]!, vector });
      // A repeated text gets its own copy, so changing one returned vector never changes another.
      list.forEach((position, repeat) => {
        vectors[position] = repeat === 0 ? vector : [...vector];
      });
    });
    return entries;
  }

  async #remapFailure(
    error: unknown,
    missingKeys: readonly string[],
    positions: readonly (readonly number[])[],
    vectors: (number[] | undefined)[],
    hits: number,
  ): Promise<unknown> {
    if (BatchEmbeddingError.isInstance(error)) {
      await this.#store(this.#place(error.vectors, missingKeys, positions, vectors));
    }
    const unchanged =
      hits === 0 && positions.every((list, sentIndex) => list.length === 1 && list[0] === sentIndex);
    return unchanged ? error : remapErrorIndexes(error, positions, vectors);
  }

  async #store(entries: VectorCacheEntry[]): Promise<void> {
    try {
      await this.cache.setMany(entries);
    } catch (error) {
      this.#onCacheWriteError?.(error);
    }
  }

  // A cached vector of another length than the embedder's is not used: it is embedded again and replaced.
  #fits(vector: number[]): boolean {
    const expected = this.dimension;
    return vector.length > 0 && (expected === undefined || vector.length === expected);
  }

  #observe(vectors: readonly (number[] | undefined)[]): void {
    const first = vectors.find((vector) => vector !== undefined);
    if (first !== undefined) this.#observedDimension ??= first.length;
  }
}

function checkTexts(texts: readonly unknown[]): void {
  if (!Array.isArray(texts)) {
    throw new InputError("texts must be an array of strings.", {
      fix: "Pass an array, e.g. embedBatch([text]), or use embed(text) for one text.",
    });
  }
  texts.forEach((text: unknown, index) => {
    if (typeof text !== "string") {
      throw new InputError(`expected a string, received ${text === null ? "null" : typeof text}.`, {
        index,
        fix: "Convert every input to text before embedding.",
      });
    }
  });
}
