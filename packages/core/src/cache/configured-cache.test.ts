import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bedrockEmbedderOptionsSchema } from "../config/bedrock-embedder-options.js";
import { parseConfigText } from "../config/load-config.js";
import { FakeEmbedder } from "../testing/fake-embedder.js";
import { CachedEmbedder } from "./cached-embedder.js";
import { createVectorCache, withVectorCache } from "./configured-cache.js";
import { FileVectorCache } from "./file-vector-cache.js";
import { MemoryVectorCache } from "./memory-vector-cache.js";
import { TieredVectorCache } from "./tiered-vector-cache.js";

describe("createVectorCache / withVectorCache", () => {
  it("builds memory, disk or both, and nothing when every tier is off", () => {
    expect(createVectorCache(undefined)).toBeUndefined();
    expect(createVectorCache({ memoryEntries: 0 })).toBeUndefined();
    expect(createVectorCache({ memoryEntries: 5 })).toBeInstanceOf(MemoryVectorCache);
    expect(createVectorCache({ directory: "x" })).toBeInstanceOf(FileVectorCache);
    const both = createVectorCache({ memoryEntries: 5, directory: "x" });
    expect(both).toBeInstanceOf(TieredVectorCache);
    expect((both as TieredVectorCache).front).toBeInstanceOf(MemoryVectorCache);
    expect((both as TieredVectorCache).back).toBeInstanceOf(FileVectorCache);
  });

  it("wraps the embedder only when a cache is configured", async () => {
    const inner = new FakeEmbedder();
    expect(withVectorCache(inner, undefined)).toBe(inner);
    expect(withVectorCache(inner, {})).toBe(inner);
    const directory = await mkdtemp(join(tmpdir(), "configured-cache-"));
    try {
      const cached = withVectorCache(inner, { memoryEntries: 10, directory });
      expect(cached).toBeInstanceOf(CachedEmbedder);
      await cached.embed("hello", "add");
      await withVectorCache(new FakeEmbedder(), { directory }).embed("hello", "add");
      expect(inner.calls).toHaveLength(1);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe("cache options in the schema", () => {
  it("accepts snake_case keys in a config file and rejects unknown or negative values", () => {
    const parsed = parseConfigText(
      "embedder:\n  provider: aws_bedrock\n  config:\n    cache:\n      memory_entries: 100\n      directory: .cache/vectors\n",
      "app.yaml",
    );
    expect(parsed.embedder.config.cache).toEqual({ memoryEntries: 100, directory: ".cache/vectors" });
    expect(() => bedrockEmbedderOptionsSchema.parse({ cache: { memoryEntries: -1 } })).toThrow();
    expect(() => bedrockEmbedderOptionsSchema.parse({ cache: { folder: "x" } })).toThrow();
  });
});
