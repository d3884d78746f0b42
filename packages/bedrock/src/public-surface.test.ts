import { describe, expect, it } from "vitest";

// The reviewed public surface: the runtime names each entry point exports. A name added or
// removed fails here, so changing the surface is a deliberate, reviewed edit of this list.
const expectedExports: Record<string, readonly string[]> = {
  "@bedrock-embeddings/bedrock": [
    "BedrockEmbedder",
    "FAMILY_NAMES",
    "KNOWN_MODEL_IDS",
    "MODEL_FAMILIES",
    "PRICE_TABLE_DATE",
    "bedrockProvider",
    "createBedrockClient",
    "estimateCostUsd",
    "findPrice",
  ],
  "@bedrock-embeddings/bedrock/jobs": ["AsyncEmbeddingClient", "BatchEmbeddingJobs"],
};

describe("the public surface of @bedrock-embeddings/bedrock", () => {
  it.each(Object.entries(expectedExports))("%s exports exactly the reviewed names", async (entry, names) => {
    expect(Object.keys(await import(entry)).sort()).toEqual(names);
  });
});
