import { describe, expect, it } from "vitest";
import type { DetailedEmbeddings, EmbeddingBase } from "../embedding-base.js";
import { reportsUsage } from "../embedding-base.js";
import { BatchEmbeddingError } from "../errors/batch-embedding-error.js";
import { BedrockApiError } from "../errors/bedrock-api-error.js";
import type { MemoryAction } from "../memory-action.js";
import { FakeEmbedder } from "../testing/fake-embedder.js";
import { CachedEmbedder } from "./cached-embedder.js";
import { MemoryVectorCache } from "./memory-vector-cache.js";

/** The fake plus usage (one call per batch, a token per word) and the options each batch got. */
class UsageFake extends FakeEmbedder {
  readonly options: unknown[] = [];
  failOn: string | undefined;

  async embedBatchDetailed(
    texts: readonly string[],
    memoryAction?: MemoryAction,
    options?: object,
  ): Promise<DetailedEmbeddings> {
    this.options.push(options);
    const vectors = await this.embedBatch(texts, memoryAction);
    const failed = texts.flatMap((text, index) => (text === this.failOn ? [index] : []));
    if (failed.length > 0) {
      const error = new Error(`cannot embed ${this.failOn}`);
      throw new BatchEmbeddingError(
        vectors.map((vector, index) => (failed.includes(index) ? undefined : vector)),
        failed.map((index) => ({ index, error })),
      );
    }
    const inputTokens = texts.reduce((sum, text) => sum + text.split(" ").length, 0);
    return {
      vectors,
      usage: { inputTokens, calls: 1, retries: 0, throttles: 0, estimatedCostUsd: inputTokens / 1000 },
    };
  }
}

const corpus = Array.from(
  { length: 20 },
  (_unused, index) => `document number ${index} about topic ${index % 3}`,
);
const newCache = () => new MemoryVectorCache({ maxEntries: 1000 });

describe("CachedEmbedder", () => {
  it("embeds an unchanged corpus again without a single inner call, with identical vectors", async () => {
    const inner = new FakeEmbedder({ dimension: 32 });
    const cached = new CachedEmbedder(inner, newCache());
    const first = await cached.embedBatch(corpus, "add");
    expect(inner.calls).toHaveLength(1);
    const second = await cached.embedBatch(corpus, "add");
    expect(inner.calls).toHaveLength(1);
    expect(second).toEqual(first);
    expect(first).toEqual(await new FakeEmbedder({ dimension: 32 }).embedBatch(corpus, "add"));
  });

  it("sends only the misses, in one batch, and returns every vector in input order", async () => {
    const inner = new FakeEmbedder({ dimension: 32 });
    const cached = new CachedEmbedder(inner, newCache());
    await cached.embedBatch([corpus[1]!, corpus[3]!], "add");
    const vectors = await cached.embedBatch(corpus.slice(0, 5), "add");
    expect(inner.calls.map((call) => call.texts)).toEqual([
      [corpus[1], corpus[3]],
      [corpus[0], corpus[2], corpus[4]],
    ]);
    expect(vectors).toEqual(await new FakeEmbedder({ dimension: 32 }).embedBatch(corpus.slice(0, 5)));
  });

  it("sends a text repeated in one batch once and gives each position its own copy", async () => {
    const inner = new FakeEmbedder();
    const cached = new CachedEmbedder(inner, newCache());
    const vectors = await cached.embedBatch(["same text", "other", "same text"], "add");
    expect(inner.calls.map((call) => call.texts)).toEqual([["same text", "other"]]);
    expect(vectors[2]).toEqual(vectors[0]);
    vectors[2]![0] = 42;
    expect(vectors[0]![0]).not.toBe(42);
  });

  it("caches queries apart from documents of the same text", async () => {
    const inner = new FakeEmbedder();
    const cached = new CachedEmbedder(inner, newCache());
    await cached.embed("where does alice live", "search");
    await cached.embed("where does alice live", "add");
    expect(inner.calls.map((call) => call.memoryAction)).toEqual(["search", "add"]);
    await cached.embed("where does alice live", "search");
    await cached.embedBatch(["where does alice live"], "update");
    expect(inner.calls).toHaveLength(2);
  });

  it("counts only real calls in usage, plus cache hits and misses", async () => {
    const inner = new UsageFake();
    const cached = new CachedEmbedder(inner, newCache());
    expect(reportsUsage(cached)).toBe(true);
    const first = await cached.embedBatchDetailed!(["one two", "three"], "add");
    expect(first.usage).toEqual({
      inputTokens: 3,
      calls: 1,
      retries: 0,
      throttles: 0,
      estimatedCostUsd: 0.003,
      cacheHits: 0,
      cacheMisses: 2,
    });
    const second = await cached.embedBatchDetailed!(["three", "four five six", "one two"], "add");
    expect(second.usage).toMatchObject({ inputTokens: 3, calls: 1, cacheHits: 2, cacheMisses: 1 });
    const warm = await cached.embedBatchDetailed!(["one two", "three"], "add");
    expect(warm.usage).toEqual({
      inputTokens: 0,
      calls: 0,
      retries: 0,
      throttles: 0,
      estimatedCostUsd: 0,
      cacheHits: 2,
      cacheMisses: 0,
    });
    expect(warm.vectors).toEqual(first.vectors);
    expect(inner.calls).toHaveLength(2);
  });

  it("passes a third argument to the inner embedBatchDetailed unchanged, and none when not given", async () => {
    const inner = new UsageFake();
    const cached = new CachedEmbedder(inner, newCache());
    const options = { signal: new AbortController().signal };
    await cached.embedBatchDetailed!(["a"], "add", options);
    await cached.embedBatchDetailed!(["b"], "add");
    expect(inner.options).toEqual([options, undefined]);
    expect(inner.options[0]).toBe(options);
  });

  it("has no embedBatchDetailed when the inner embedder does not report usage", () => {
    const cached = new CachedEmbedder(new FakeEmbedder(), newCache());
    expect(reportsUsage(cached)).toBe(false);
  });

  it("passes provider, model, dimension and normalization through", async () => {
    const inner = new FakeEmbedder({ dimension: 12, modelId: "m", dimensionKnown: false });
    const cached = new CachedEmbedder(inner, newCache());
    expect([cached.provider, cached.modelId, cached.normalized, cached.dimension]).toEqual([
      "fake",
      "m",
      true,
      undefined,
    ]);
    expect(await cached.detectDimension()).toBe(12);
    expect(cached.dimension).toBe(12);
    expect(cached.vectorIdentity("search")).toBe(inner.vectorIdentity("search"));
  });

  it("learns the dimension from cached vectors when the inner embedder has not probed", async () => {
    const cache = newCache();
    await new CachedEmbedder(new FakeEmbedder({ dimension: 12 }), cache).embed("hello", "add");
    const inner = new FakeEmbedder({ dimension: 12, dimensionKnown: false });
    const cached = new CachedEmbedder(inner, cache);
    await cached.embed("hello", "add");
    expect(inner.calls).toHaveLength(0);
    expect(cached.dimension).toBe(12);
  });

  it("re-embeds a cached vector whose length does not match the embedder", async () => {
    const inner = new FakeEmbedder({ dimension: 8 });
    const cache = newCache();
    const cached = new CachedEmbedder(inner, cache);
    const { cacheKey } = await import("./cache-key.js");
    await cache.setMany([{ key: cacheKey(inner.vectorIdentity("add"), "hello"), vector: [1, 0] }]);
    const vector = await cached.embed("hello", "add");
    expect(vector).toHaveLength(8);
    expect(inner.calls).toHaveLength(1);
  });

  it("refuses an embedder that cannot describe its vectors", () => {
    const plain: EmbeddingBase = {
      provider: "plain",
      modelId: "m",
      normalized: true,
      dimension: 2,
      detectDimension: async () => 2,
      embed: async () => [1, 0],
      embedBatch: async (texts) => texts.map(() => [1, 0]),
    };
    expect(() => new CachedEmbedder(plain, newCache())).toThrow(
      expect.objectContaining({ code: "CONFIGURATION", message: expect.stringMatching(/vectorIdentity/) }),
    );
  });

  it("reports a partial failure by the caller's indexes, keeps hits, and caches what succeeded", async () => {
    const inner = new UsageFake();
    const cached = new CachedEmbedder(inner, newCache());
    await cached.embedBatchDetailed!(["cached one"], "add");
    inner.failOn = "bad";
    const failure = await cached.embedBatchDetailed!(
      ["fresh", "cached one", "bad", "bad", "other"],
      "add",
    ).catch((error: unknown) => error);
    expect(BatchEmbeddingError.isInstance(failure)).toBe(true);
    const batch = failure as BatchEmbeddingError;
    expect(batch.failures.map((entry) => entry.index)).toEqual([2, 3]);
    expect(batch.vectors.map((vector) => vector !== undefined)).toEqual([true, true, false, false, true]);
    expect(inner.calls.at(-1)!.texts).toEqual(["fresh", "bad", "other"]);

    inner.failOn = undefined;
    await cached.embedBatchDetailed!(["fresh", "cached one", "bad", "bad", "other"], "add");
    expect(inner.calls.at(-1)!.texts).toEqual(["bad"]);
  });

  it("rewrites an InputError's index and a BedrockApiError's failedIndexes to the caller's batch", async () => {
    const inner = new FakeEmbedder();
    const cached = new CachedEmbedder(inner, newCache());
    await cached.embedBatch(["hit"], "add");
    const inputFailure = await cached
      .embedBatch(["hit", "fine", "  "], "add")
      .catch((error: unknown) => error);
    expect(inputFailure).toMatchObject({ code: "INPUT", index: 2 });
    expect((inputFailure as Error).message).toMatch(/^Input 2: text is empty/);

    const throttled = new BedrockApiError("Bedrock ThrottlingException for model m: slow down", {
      awsErrorName: "ThrottlingException",
      httpStatus: 429,
      requestId: "r-1",
      modelId: "m",
      retryable: true,
      throttling: true,
      failedIndexes: [0, 1],
      cause: new Error("sdk"),
      fix: "Lower maxConcurrency.",
    });
    inner.embedBatch = async () => {
      throw throttled;
    };
    const apiFailure = (await cached
      .embedBatch(["hit", "x", "y"], "add")
      .catch((error: unknown) => error)) as BedrockApiError;
    expect(apiFailure.failedIndexes).toEqual([1, 2]);
    expect(apiFailure.message).toBe(throttled.message);
    expect(apiFailure.cause).toBe(throttled.cause);
    expect(apiFailure.requestId).toBe("r-1");
  });

  it("returns the inner error itself when nothing was served from the cache", async () => {
    const inner = new FakeEmbedder();
    const cached = new CachedEmbedder(inner, newCache());
    const failure = new Error("boom");
    inner.embedBatch = async () => {
      throw failure;
    };
    await expect(cached.embedBatch(["a", "b"], "add")).rejects.toBe(failure);
  });

  it("returns paid-for vectors when the cache cannot be written, and reports the cause", async () => {
    const broken = new MemoryVectorCache({ maxEntries: 10 });
    const diskFull = new Error("ENOSPC: no space left on device");
    broken.setMany = async () => {
      throw diskFull;
    };
    const heard: unknown[] = [];
    const cached = new CachedEmbedder(new FakeEmbedder({ dimension: 8 }), broken, {
      onCacheWriteError: (error) => heard.push(error),
    });
    const vectors = await cached.embedBatch(["kept", "also kept"], "add");
    expect(vectors).toHaveLength(2);
    expect(vectors[1]).toHaveLength(8);
    expect(heard).toEqual([diskFull]);
  });

  it("rejects non-string input by index before looking anything up", async () => {
    const cached = new CachedEmbedder(new FakeEmbedder(), newCache());
    await expect(cached.embedBatch(["fine", 7 as unknown as string])).rejects.toMatchObject({
      code: "INPUT",
      index: 1,
    });
  });
});

describe("CachedEmbedder with a settling inner call", () => {
  /** Settles like the Bedrock embedder with `settle: true`: failed texts stay undefined, with their reasons. */
  class SettlingFake extends FakeEmbedder {
    async embedBatchDetailed(
      texts: readonly string[],
      memoryAction?: MemoryAction,
    ): Promise<DetailedEmbeddings> {
      const vectors = await this.embedBatch(texts, memoryAction);
      const failed = texts.flatMap((text, index) => (text.startsWith("bad") ? [index] : []));
      return {
        vectors: vectors.map((vector, index) => (failed.includes(index) ? undefined : vector)) as number[][],
        usage: { inputTokens: texts.length, calls: 1, retries: 0, throttles: 0, estimatedCostUsd: 0 },
        failures: failed.map((index) => ({ index, error: new Error(`no vector for ${texts[index]}`) })),
      } as DetailedEmbeddings;
    }
  }

  it("returns the inner failures at the caller's positions, for every copy of a repeated text", async () => {
    const cached = new CachedEmbedder(
      new SettlingFake({ dimension: 8 }),
      new MemoryVectorCache({ maxEntries: 100 }),
    );
    await cached.embedBatch(["warm"], "add");
    const result = (await cached.embedBatchDetailed!(
      ["warm", "bad one", "fine", "bad one", "bad two"],
      "add",
      {
        settle: true,
      },
    )) as DetailedEmbeddings & { failures: { index: number; error: Error }[] };
    expect(result.failures.map((failure) => [failure.index, failure.error.message])).toEqual([
      [1, "no vector for bad one"],
      [3, "no vector for bad one"],
      [4, "no vector for bad two"],
    ]);
    expect(result.vectors.map((vector) => vector === undefined)).toEqual([false, true, false, true, true]);
  });
});
