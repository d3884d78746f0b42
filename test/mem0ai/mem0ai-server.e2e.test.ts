// mem0ai's own OpenAI embedder, unmodified, pointed at the embeddings server with a base URL: a
// mem0 user changes `baseURL` and `apiKey` and gets Bedrock vectors (see mem0ai.e2e.test.ts for
// why better-sqlite3 is installed unbuilt and never opened here).
import { LangChainEmbeddings } from "@bedrock-embeddings/langchain";
import { startEmbeddingsServer } from "@bedrock-embeddings/server";
import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorFixture, invokeBodies, startEmulatorFixture } from "../support/emulator-fixture.js";
import { serverConfig, TEST_API_KEY, TEST_ENVIRONMENT } from "../support/served-families.js";
import { loadMem0, type Mem0, SAMPLE_MEMORIES } from "./load-mem0.js";

let fixture: EmulatorFixture;
let server: { url: string; close(): Promise<void> };
let mem0: Mem0;
let removeMem0: () => Promise<void>;
beforeAll(async () => {
  ({ mem0, remove: removeMem0 } = await loadMem0("mem0-server-e2e-"));
  fixture = await startEmulatorFixture();
  server = await startEmbeddingsServer({
    config: serverConfig(fixture.emulator, { aliases: ["cohere-v3"] }),
    environment: TEST_ENVIRONMENT,
  });
});
afterAll(async () => {
  await server?.close();
  await fixture?.emulator.close();
  await removeMem0?.();
});

// Other texts than the memories, so the memories are new to the server's cache when added.
const sentences = ["The tide comes in twice a day", "Bread rises with yeast", "Chess has sixty-four squares"];

const embedderConfig = () => ({
  apiKey: TEST_API_KEY,
  model: "cohere-v3",
  baseURL: `${server.url}/v1`,
  embeddingDims: 1024,
});

describe("mem0ai 3.3.1's OpenAI embedder against the embeddings server", () => {
  it("returns exactly the in-process Bedrock vectors (it asks for floats), one text and a batch", async () => {
    const embedder = new mem0.OpenAIEmbedder(embedderConfig());
    const batch = await embedder.embedBatch(sentences);
    const single = await embedder.embed(sentences[0]!);
    const expected = await fixture
      .embedder({ model: "cohere.embed-english-v3" })
      .embedBatch(sentences, "add");
    expect(batch).toEqual(expected);
    expect(single).toEqual(expected[0]);
  });

  it("adds and searches memories through Memory with provider openai and a base URL", async () => {
    const storeEmbedder = fixture.embedder({ model: "cohere.embed-english-v3" });
    const memory = new mem0.Memory({
      embedder: { provider: "openai", config: embedderConfig() },
      vectorStore: {
        provider: "langchain",
        config: {
          client: new MemoryVectorStore(new LangChainEmbeddings(storeEmbedder)),
          collectionName: "memories",
        },
      },
      historyStore: { provider: "memory", config: {} },
    });
    fixture.emulator.clearRequests();
    for (const text of SAMPLE_MEMORIES) await memory.add(text, { userId: "alice", infer: false });
    // Every text reached Bedrock through the server: the store's own embedder was never called.
    expect(invokeBodies(fixture.emulator).flatMap((body) => body["texts"] as string[])).toEqual(
      SAMPLE_MEMORIES,
    );
    const { results } = await memory.search("what is the capital of Portugal", {
      filters: { user_id: "alice" },
    });
    expect(results[0]?.memory).toBe(SAMPLE_MEMORIES[0]);
  });
});
