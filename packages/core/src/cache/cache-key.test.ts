import { describe, expect, it } from "vitest";
import { FakeEmbedder } from "../testing/fake-embedder.js";
import { cacheKey, describeVectorIdentity, isCacheKey } from "./cache-key.js";

describe("cacheKey", () => {
  it("is a stable sha256 hex of identity and text", () => {
    const key = cacheKey("identity", "text");
    expect(isCacheKey(key)).toBe(true);
    expect(cacheKey("identity", "text")).toBe(key);
    expect(cacheKey("identity", "text!")).not.toBe(key);
    expect(cacheKey("identity!", "text")).not.toBe(key);
  });

  it("keeps identity and text apart (no shifting of characters across the separator)", () => {
    expect(cacheKey("ab", "c")).not.toBe(cacheKey("a", "bc"));
  });

  it("accepts only 64 lowercase hex characters as keys", () => {
    expect(isCacheKey("a".repeat(64))).toBe(true);
    expect(isCacheKey("A".repeat(64))).toBe(false);
    expect(isCacheKey("../".repeat(21) + "a")).toBe(false);
    expect(isCacheKey(42)).toBe(false);
  });
});

describe("describeVectorIdentity", () => {
  it("does not depend on key order and leaves undefined out", () => {
    const written = describeVectorIdentity({ model: "m", dimensions: 512, inputType: undefined });
    expect(describeVectorIdentity({ dimensions: 512, model: "m" })).toBe(written);
    expect(written).toBe('{"dimensions":512,"model":"m"}');
  });

  it("sorts nested objects too and keeps array order", () => {
    expect(describeVectorIdentity({ types: ["float", "int8"], nested: { b: 1, a: 2 } })).toBe(
      '{"nested":{"a":2,"b":1},"types":["float","int8"]}',
    );
  });

  it("differs when any part differs", () => {
    const base = { provider: "p", model: "m", dimensions: 256, normalize: true, inputType: "search_query" };
    const variants = [
      { ...base, provider: "q" },
      { ...base, model: "n" },
      { ...base, dimensions: 512 },
      { ...base, normalize: false },
      { ...base, inputType: "search_document" },
    ];
    const identities = new Set([base, ...variants].map(describeVectorIdentity));
    expect(identities.size).toBe(variants.length + 1);
  });
});

describe("FakeEmbedder.vectorIdentity", () => {
  it("names the model, dimension and query/document side", () => {
    const fake = new FakeEmbedder({ dimension: 8 });
    expect(fake.vectorIdentity("search")).not.toBe(fake.vectorIdentity("add"));
    expect(fake.vectorIdentity("add")).toBe(fake.vectorIdentity("update"));
    expect(fake.vectorIdentity()).toBe(fake.vectorIdentity("add"));
    expect(new FakeEmbedder({ dimension: 9 }).vectorIdentity("add")).not.toBe(fake.vectorIdentity("add"));
    expect(new FakeEmbedder({ dimension: 8, modelId: "other" }).vectorIdentity("add")).not.toBe(
      fake.vectorIdentity("add"),
    );
  });
});
