import { BedrockApiError } from "@bedrock-embeddings/core";
import { LlamaIndexEmbedding } from "@bedrock-embeddings/llamaindex";
import { Document, MetadataMode, Settings, VectorStoreIndex } from "llamaindex";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorFixture, invokeBodies, startEmulatorFixture } from "./support/emulator-fixture.js";
import { SAMPLE_DOCUMENTS } from "./support/sample-documents.js";

let fixture: EmulatorFixture;
beforeAll(async () => {
  fixture = await startEmulatorFixture();
});
afterEach(() => {
  fixture.emulator.clearRequests();
});
afterAll(async () => {
  await fixture.emulator.close();
});

const documents = SAMPLE_DOCUMENTS;

function cohereEmbedModel(): LlamaIndexEmbedding {
  return new LlamaIndexEmbedding(fixture.embedder({ model: "cohere.embed-english-v3" }));
}

describe("LlamaIndex over the emulator", () => {
  it("retrieves from a VectorStoreIndex built with our embedding as Settings.embedModel", async () => {
    await Settings.withEmbedModel(cohereEmbedModel(), async () => {
      const index = await VectorStoreIndex.fromDocuments(documents.map((text) => new Document({ text })));
      const retriever = index.asRetriever({ similarityTopK: 1 });
      const [capital] = await retriever.retrieve({ query: "what is the capital of Portugal" });
      const [coffee] = await retriever.retrieve({ query: "strong coffee" });
      expect(capital?.node.getContent(MetadataMode.NONE)).toBe(documents[0]);
      expect(coffee?.node.getContent(MetadataMode.NONE)).toBe(documents[1]);
    });
    const bodies = invokeBodies(fixture.emulator);
    expect(bodies.map((body) => body["input_type"])).toEqual([
      "search_document",
      "search_query",
      "search_query",
    ]);
    expect(bodies[0]?.["texts"]).toEqual(documents);
  });

  it("hands the embedder's typed error to the caller while indexing", async () => {
    fixture.emulator.injectFaults([
      { errorType: "AccessDeniedException", status: 403, message: "no access" },
    ]);
    const failure = await Settings.withEmbedModel(cohereEmbedModel(), () =>
      VectorStoreIndex.fromDocuments([new Document({ text: documents[0]! })]),
    ).catch((error: unknown) => error);
    expect(BedrockApiError.isInstance(failure)).toBe(true);
    expect((failure as BedrockApiError).awsErrorName).toBe("AccessDeniedException");
    expect((failure as Error).cause).toMatchObject({ name: "AccessDeniedException" });
  });
});
