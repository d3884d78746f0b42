import { describe, expect, it } from "vitest";

// The reviewed public surface: the runtime names each entry point exports. A name added or
// removed fails here, so changing the surface is a deliberate, reviewed edit of this list.
const expectedExports: Record<string, readonly string[]> = {
  "@bedrock-embeddings/memory": [
    "FILTER_OPERATORS",
    "FileVectorStore",
    "InMemoryVectorStore",
    "Memory",
    "RESERVED_PAYLOAD_KEYS",
    "SequencedRecords",
    "andOf",
    "assertLimit",
    "assertSameBinding",
    "assertValidBinding",
    "checkQueryVector",
    "checkRecords",
    "decodeSequenceCursor",
    "describeStoreLocation",
    "encodeSequenceCursor",
    "exportMemories",
    "hashText",
    "importMemories",
    "matchesFilter",
    "openVectorStore",
    "parseFilter",
    "parseImportLine",
    "reembedMemories",
    "requireBinding",
    "sameStoreLocation",
    "toEntry",
    "toExportedMemory",
  ],
  "@bedrock-embeddings/memory/pgvector": ["PgVectorStore"],
  "@bedrock-embeddings/memory/testing": ["describeVectorStoreContract"],
};

describe("the public surface of @bedrock-embeddings/memory", () => {
  it.each(Object.entries(expectedExports))("%s exports exactly the reviewed names", async (entry, names) => {
    expect(Object.keys(await import(entry)).sort()).toEqual(names);
  });
});
