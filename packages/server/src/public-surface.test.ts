import { describe, expect, it } from "vitest";

// The reviewed public surface: the runtime names each entry point exports. A name added or
// removed fails here, so changing the surface is a deliberate, reviewed edit of this list.
const expectedExports: Record<string, readonly string[]> = {
  "@bedrock-embeddings/server": [
    "MemoryRateLimitStore",
    "MicroBatcher",
    "RedisRateLimitStore",
    "RedisVectorCache",
    "loadServerConfig",
    "readLiteLlmConfig",
    "settledEmbedding",
    "startEmbeddingsServer",
  ],
  "@bedrock-embeddings/server/testing": ["startRedis"],
};

describe("the public surface of @bedrock-embeddings/server", () => {
  it.each(Object.entries(expectedExports))("%s exports exactly the reviewed names", async (entry, names) => {
    expect(Object.keys(await import(entry)).sort()).toEqual(names);
  });
});
