import { bedrockEmbeddingModel } from "@bedrock-embeddings/ai-sdk";
import { BatchEmbeddingError, BedrockApiError, vectorNorm } from "@bedrock-embeddings/core";
import { cosineSimilarity, embed, embedMany } from "ai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorFixture, invokeBodies, startEmulatorFixture } from "./support/emulator-fixture.js";
import { SAMPLE_DOCUMENTS } from "./support/sample-documents.js";

let fixture: EmulatorFixture;
beforeAll(async () => {
  fixture = await startEmulatorFixture();
});
afterEach(() => {
  fixture.emulator.setTraffic({});
  fixture.emulator.clearRequests();
});
afterAll(async () => {
  await fixture.emulator.close();
});

const documents = SAMPLE_DOCUMENTS;
const searchAction = { bedrockEmbeddings: { memoryAction: "search" } };

describe("the Vercel AI SDK over the emulator", () => {
  it("ranks documents from embedMany against a query from embed, in document and query mode", async () => {
    const model = bedrockEmbeddingModel(fixture.embedder({ model: "cohere.embed-english-v3" }));
    const { embeddings, usage } = await embedMany({ model, values: documents });
    const { embedding } = await embed({
      model,
      value: "what is the capital of Portugal",
      providerOptions: searchAction,
    });
    expect(embeddings).toHaveLength(documents.length);
    for (const vector of [...embeddings, embedding]) {
      expect(vector).toHaveLength(1024);
      expect(vectorNorm(vector)).toBeCloseTo(1, 6);
    }
    const scores = embeddings.map((vector) => cosineSimilarity(embedding, vector));
    expect(scores.indexOf(Math.max(...scores))).toBe(0);
    expect(usage.tokens).toBeGreaterThan(0);
    const bodies = invokeBodies(fixture.emulator);
    expect(bodies.map((body) => body["input_type"])).toEqual(["search_document", "search_query"]);
    expect(bodies[0]?.["texts"]).toEqual(documents);
  });

  it("hands the embedder's typed error to the caller, with the SDK's error as cause and no extra retries", async () => {
    const model = bedrockEmbeddingModel(fixture.embedder({ model: "cohere.embed-english-v3" }));
    fixture.emulator.injectFaults([
      { errorType: "AccessDeniedException", status: 403, message: "no access" },
    ]);
    const failure = await embedMany({ model, values: documents }).catch((error: unknown) => error);
    expect(BedrockApiError.isInstance(failure)).toBe(true);
    expect((failure as BedrockApiError).awsErrorName).toBe("AccessDeniedException");
    expect((failure as BedrockApiError).httpStatus).toBe(403);
    expect((failure as Error).cause).toMatchObject({ name: "AccessDeniedException" });
    expect(invokeBodies(fixture.emulator)).toHaveLength(1);
  });

  it("stops a slow call when the AI SDK's abort signal fires", async () => {
    fixture.emulator.setTraffic({ defaults: { latencyMs: 5_000 } });
    const model = bedrockEmbeddingModel(fixture.embedder({ model: "cohere.embed-english-v3" }));
    const failure = await embedMany({
      model,
      values: documents,
      abortSignal: AbortSignal.timeout(100),
    }).catch((error: unknown) => error);
    expect(BatchEmbeddingError.isInstance(failure)).toBe(true);
    expect((failure as BatchEmbeddingError).aborted).toBe(true);
    expect((failure as Error).cause).toMatchObject({ name: "TimeoutError" });
  });
});
