import { CachedEmbedder, cacheKey, createEmbedder } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import {
  LangChainAwsEmbedder,
  type LangChainAwsEmbedderOptions,
  langchainAwsProvider,
} from "./langchain-aws-embedder.js";

const base: LangChainAwsEmbedderOptions = { model: "amazon.titan-embed-text-v2:0", region: "us-east-1" };
const keyOf = (options: LangChainAwsEmbedderOptions, action?: "add" | "search") =>
  cacheKey(new LangChainAwsEmbedder(options).vectorIdentity(action), "Alice lives in Paris");

describe("LangChainAwsEmbedder.vectorIdentity", () => {
  it("changes with model, dimension, normalization and endpoint, not with the memory action", () => {
    const reference = keyOf(base, "add");
    const variants = [
      keyOf({ ...base, model: "amazon.titan-embed-text-v1" }, "add"),
      keyOf({ ...base, dimensions: 256 }, "add"),
      keyOf({ ...base, normalize: false }, "add"),
      keyOf({ ...base, endpoint: "http://127.0.0.1:4010" }, "add"),
    ];
    for (const key of variants) expect(key).not.toBe(reference);
    expect(new Set(variants).size).toBe(variants.length);
    expect(keyOf(base, "search")).toBe(reference); // Titan embeds queries and documents alike
    expect(keyOf({ ...base, dimensions: 1024, region: "eu-west-1" })).toBe(reference);
  });

  it("names its provider, so its vectors never mix with the direct embedder's", () => {
    const identity = new LangChainAwsEmbedder(base).vectorIdentity("add");
    expect(identity).toContain('"provider":"langchain_aws"');
  });
});

describe("cache option", () => {
  it("is refused by the constructor and applied by the provider", () => {
    expect(() => new LangChainAwsEmbedder({ ...base, cache: { memoryEntries: 5 } })).toThrow(
      expect.objectContaining({ code: "CONFIGURATION", path: "cache" }),
    );
    const cached = createEmbedder(
      {
        provider: "langchain_aws",
        config: {
          ...base,
          model: "amazon.titan-embed-text-v2:0",
          normalize: true,
          maxConcurrency: 2,
          maxAttempts: 3,
          dimensions: 512,
          cache: { memoryEntries: 5 },
        },
      },
      { providers: [langchainAwsProvider] },
    );
    expect(cached).toBeInstanceOf(CachedEmbedder);
    expect([cached.provider, cached.modelId, cached.dimension, cached.normalized]).toEqual([
      "langchain_aws",
      "amazon.titan-embed-text-v2:0",
      512,
      true,
    ]);
  });
});
