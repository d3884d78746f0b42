import { vectorNorm } from "@bedrock-embeddings/core";
import { EMULATOR_DEFAULT_CREDENTIALS } from "@bedrock-embeddings/emulator";
import { LangChainEmbeddings } from "@bedrock-embeddings/langchain";
import { LangChainAwsEmbedder } from "@bedrock-embeddings/langchain/aws";
import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorFixture, invokeBodies, startEmulatorFixture } from "./support/emulator-fixture.js";
import { SAMPLE_DOCUMENTS } from "./support/sample-documents.js";

let fixture: EmulatorFixture;
beforeAll(async () => {
  fixture = await startEmulatorFixture();
});
afterAll(async () => {
  await fixture.emulator.close();
});

const documents = SAMPLE_DOCUMENTS;

describe("LangChain vector stores over the emulator", () => {
  it("runs similarity search in a real MemoryVectorStore with our Bedrock embedder", async () => {
    const embeddings = new LangChainEmbeddings(fixture.embedder({ model: "cohere.embed-english-v3" }));
    expect(embeddings.embeddingDimension).toBe(1024);
    fixture.emulator.clearRequests();
    const store = await MemoryVectorStore.fromTexts(
      documents,
      documents.map((_, index) => ({ index })),
      embeddings,
    );
    const [best] = await store.similaritySearch("what is the capital of Portugal", 1);
    expect(best?.pageContent).toBe(documents[0]);
    const [coffee] = await store.similaritySearch("strong coffee", 1);
    expect(coffee?.metadata["index"]).toBe(1);
    const inputTypes = invokeBodies(fixture.emulator).map((body) => body["input_type"]);
    expect(inputTypes).toEqual(["search_document", "search_query", "search_query"]);
  });

  it("embeds through @langchain/aws with our checks and normalization on top", async () => {
    const embedder = new LangChainAwsEmbedder({
      model: "amazon.titan-embed-text-v1",
      region: "us-east-1",
      endpoint: fixture.emulator.url,
      credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
    });
    expect(embedder.dimension).toBe(1536);
    const vectors = await embedder.embedBatch(documents, "add");
    expect(vectors).toHaveLength(documents.length);
    for (const vector of vectors) expect(vectorNorm(vector)).toBeCloseTo(1, 6);
    const store = await MemoryVectorStore.fromTexts(documents, {}, new LangChainEmbeddings(embedder));
    const [best] = await store.similaritySearch("tennis court", 1);
    expect(best?.pageContent).toBe(documents[2]);
  });
});
