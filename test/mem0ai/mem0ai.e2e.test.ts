// mem0ai is installed apart from the workspace (this folder's own lockfile, no auto-installed
// peers): its ESM bundle imports better-sqlite3 when it loads, but opens it only for mem0's
// "memory" vector store and "sqlite" history, which this test does not use; so better-sqlite3 is
// installed without its native build, and any use of it here would fail loudly.
import type { BedrockEmbedder } from "@bedrock-embeddings/bedrock";
import { createMem0Memory, LangChainEmbeddings } from "@bedrock-embeddings/langchain";
import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type EmulatorFixture, invokeBodies, startEmulatorFixture } from "../support/emulator-fixture.js";
import { loadMem0, type Mem0, SAMPLE_MEMORIES } from "./load-mem0.js";

let fixture: EmulatorFixture;
let mem0: Mem0;
let removeMem0: () => Promise<void>;
beforeAll(async () => {
  ({ mem0, remove: removeMem0 } = await loadMem0("mem0-e2e-"));
  fixture = await startEmulatorFixture();
});
afterAll(async () => {
  await fixture?.emulator.close();
  await removeMem0?.();
});

/** mem0's `langchain` vector store over a LangChain MemoryVectorStore, history in memory: no SQLite. */
function storageConfig(embedder: BedrockEmbedder) {
  return {
    vectorStore: {
      provider: "langchain",
      config: {
        client: new MemoryVectorStore(new LangChainEmbeddings(embedder)),
        collectionName: "memories",
      },
    },
    historyStore: { provider: "memory", config: {} },
  };
}

function inputTypes(): unknown[] {
  return invokeBodies(fixture.emulator).map((body) => body["input_type"]);
}

describe("mem0ai 3.3.1 with our Bedrock embedder", () => {
  it("embeds added memories as documents and searches as queries through createMem0Memory", async () => {
    const embedder = fixture.embedder({ model: "cohere.embed-english-v3" });
    const memory = createMem0Memory(mem0.Memory, embedder, storageConfig(embedder));
    fixture.emulator.clearRequests();
    for (const text of SAMPLE_MEMORIES) await memory.add(text, { userId: "alice", infer: false });
    expect(inputTypes()).toEqual(["search_document", "search_document", "search_document"]);

    fixture.emulator.clearRequests();
    const { results } = await memory.search("what is the capital of Portugal", {
      filters: { user_id: "alice" },
    });
    expect(results[0]?.memory).toBe(SAMPLE_MEMORIES[0]);
    expect(inputTypes().length).toBeGreaterThan(0);
    expect(new Set(inputTypes())).toEqual(new Set(["search_query"]));

    const coffee = await memory.search("strong coffee", { filters: { user_id: "alice" } });
    expect(coffee.results[0]?.memory).toBe(SAMPLE_MEMORIES[1]);
  });

  it("keeps embedding memories as documents after memory.reset() rebuilds mem0's embedder", async () => {
    const embedder = fixture.embedder({ model: "cohere.embed-english-v3" });
    const memory = createMem0Memory(mem0.Memory, embedder, storageConfig(embedder));
    // mem0 warns that reset leaves a LangChain store's documents in place; that is expected here.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await memory.reset();
    } finally {
      warn.mockRestore();
    }
    fixture.emulator.clearRequests();
    await memory.add(SAMPLE_MEMORIES[2]!, { userId: "bob", infer: false });
    expect(inputTypes()).toEqual(["search_document"]);
  });

  it("shows why the helper exists: mem0's own langchain provider embeds memories as queries", async () => {
    const embedder = fixture.embedder({ model: "cohere.embed-english-v3" });
    const memory = new mem0.Memory({
      embedder: {
        provider: "langchain",
        config: { model: new LangChainEmbeddings(embedder), embeddingDims: 1024 },
      },
      ...storageConfig(embedder),
    });
    fixture.emulator.clearRequests();
    await memory.add(SAMPLE_MEMORIES[0]!, { userId: "carol", infer: false });
    expect(inputTypes()).toEqual(["search_query"]);
  });
});
