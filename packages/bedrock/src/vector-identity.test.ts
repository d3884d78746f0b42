import {
  CachedEmbedder,
  cacheKey,
  createEmbedder,
  type MemoryAction,
  MemoryVectorCache,
} from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { BedrockEmbedder, type BedrockEmbedderConfig } from "./bedrock-embedder.js";
import { cohereReply, fakeClient } from "./fake-bedrock.test-helpers.js";
import { bedrockProvider } from "./provider.js";

const base: BedrockEmbedderConfig = { model: "cohere.embed-v4:0", region: "us-east-1" };
const keyOf = (config: BedrockEmbedderConfig, action?: MemoryAction) =>
  cacheKey(new BedrockEmbedder(config).vectorIdentity(action), "Alice lives in Paris");

describe("BedrockEmbedder.vectorIdentity", () => {
  it("changes the key when dimension, normalize, input type, model, truncate or endpoint changes", () => {
    const reference = keyOf(base, "add");
    const variants: [string, string][] = [
      ["dimensions", keyOf({ ...base, dimensions: 512 }, "add")],
      ["normalize", keyOf({ ...base, normalize: false }, "add")],
      ["memory action", keyOf(base, "search")],
      ["input type", keyOf({ ...base, inputType: "classification" }, "add")],
      ["model", keyOf({ ...base, model: "us.cohere.embed-v4:0" }, "add")],
      ["truncate", keyOf({ ...base, truncate: "RIGHT" }, "add")],
      ["endpoint", keyOf({ ...base, endpoint: "http://127.0.0.1:4010" }, "add")],
    ];
    for (const [part, key] of variants) expect(key, part).not.toBe(reference);
    expect(new Set(variants.map(([, key]) => key)).size).toBe(variants.length);
  });

  it("keeps the key when nothing that changes a vector changes", () => {
    const reference = keyOf(base, "add");
    expect(keyOf(base, "update")).toBe(reference);
    expect(keyOf(base)).toBe(reference);
    expect(keyOf({ ...base, dimensions: 1536 }, "add")).toBe(reference); // the default, written out
    expect(keyOf({ ...base, region: "eu-west-1", maxConcurrency: 9, maxAttempts: 2 }, "add")).toBe(reference);
    expect(keyOf({ ...base, endpoint: "http://127.0.0.1:4010" }, "add")).toBe(
      keyOf({ ...base, endpoint: "http://127.0.0.1:5020" }, "add"),
    );
  });

  it("is the same for queries and documents on a model without input types", () => {
    const titan = new BedrockEmbedder({ model: "amazon.titan-embed-text-v2:0", region: "us-east-1" });
    expect(titan.vectorIdentity("search")).toBe(titan.vectorIdentity("add"));
    expect(titan.vectorIdentity("add")).not.toBe(
      new BedrockEmbedder({
        model: "amazon.titan-embed-text-v2:0",
        region: "us-east-1",
        dimensions: 256,
      }).vectorIdentity("add"),
    );
  });

  it("rejects an unknown memory action like embedding does", () => {
    const embedder = new BedrockEmbedder(base);
    expect(() => embedder.vectorIdentity("delete" as "add")).toThrow(
      expect.objectContaining({ code: "INPUT" }),
    );
  });
});

describe("cache option", () => {
  it("is refused by the constructor, which cannot apply it", () => {
    expect(() => new BedrockEmbedder({ ...base, cache: { memoryEntries: 10 } })).toThrow(
      expect.objectContaining({
        code: "CONFIGURATION",
        path: "cache",
        message: expect.stringMatching(/createEmbedder/),
      }),
    );
  });

  it("makes bedrockProvider put a CachedEmbedder in front, passing the embedder's properties through", () => {
    const plain = bedrockProvider.create(
      {
        ...base,
        normalize: true,
        maxConcurrency: 4,
        maxAttempts: 4,
        model: "cohere.embed-v4:0",
        dimensions: 512,
      },
      { environment: {} },
    );
    expect(plain).toBeInstanceOf(BedrockEmbedder);
    const cached = createEmbedder(
      {
        provider: "aws_bedrock",
        config: {
          ...base,
          normalize: true,
          maxConcurrency: 4,
          maxAttempts: 4,
          model: "cohere.embed-v4:0",
          dimensions: 512,
          cache: { memoryEntries: 10 },
        },
      },
      { providers: [bedrockProvider] },
    );
    expect(cached).toBeInstanceOf(CachedEmbedder);
    expect([cached.provider, cached.modelId, cached.dimension, cached.normalized]).toEqual([
      "aws_bedrock",
      "cohere.embed-v4:0",
      512,
      true,
    ]);
  });

  it("makes a cached BedrockEmbedder skip the calls for texts it has seen", async () => {
    const fake = fakeClient((request) => cohereReply(request, 1536));
    const cached = new CachedEmbedder(
      new BedrockEmbedder({ model: "cohere.embed-v4:0", client: fake.client }),
      new MemoryVectorCache({ maxEntries: 100 }),
    );
    const first = await cached.embedBatch(["one", "two"], "add");
    const { vectors, usage } = await cached.embedBatchDetailed!(["two", "three", "one"], "add");
    expect(fake.requests.map((request) => request.body["texts"])).toEqual([["one", "two"], ["three"]]);
    expect(vectors[0]).toEqual(first[1]);
    expect(vectors[2]).toEqual(first[0]);
    expect(usage).toMatchObject({ calls: 1, cacheHits: 2, cacheMisses: 1 });
    await cached.embed("three", "search");
    expect(fake.requests.at(-1)?.body["input_type"]).toBe("search_query");
    expect(fake.requests).toHaveLength(3);
  });
});
