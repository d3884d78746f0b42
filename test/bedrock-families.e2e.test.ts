import { cosineSimilarity, vectorNorm } from "@bedrock-embeddings/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type EmulatorFixture, invokeBodies, startEmulatorFixture } from "./support/emulator-fixture.js";

let fixture: EmulatorFixture;
beforeAll(async () => {
  fixture = await startEmulatorFixture();
});
afterAll(async () => {
  await fixture.emulator.close();
});
beforeEach(() => fixture.emulator.clearRequests());

const families = [
  { model: "amazon.titan-embed-text-v1", dimension: 1536 },
  { model: "amazon.titan-embed-text-v2:0", dimension: 1024 },
  { model: "amazon.titan-embed-text-v2:0", dimensions: 256, dimension: 256 },
  { model: "cohere.embed-english-v3", dimension: 1024 },
  { model: "cohere.embed-multilingual-v3", dimension: 1024 },
  { model: "cohere.embed-v4:0", dimension: 1536 },
  { model: "us.cohere.embed-v4:0", dimensions: 512, dimension: 512 },
  { model: "arn:aws:bedrock:us-east-1::foundation-model/cohere.embed-english-v3", dimension: 1024 },
];

describe.each(families)(
  "$model with dimensions $dimensions over the real SDK",
  ({ model, dimensions, dimension }) => {
    it("returns unit vectors of the announced dimension, in order, with similar texts closer", async () => {
      const embedder = fixture.embedder({ model, dimensions });
      expect(embedder.dimension).toBe(dimension);
      const texts = [
        "the cat sat on the mat",
        "a cat sat on a mat today",
        "quarterly revenue grew by ten percent",
      ];
      const vectors = await embedder.embedBatch(texts, "add");
      expect(vectors).toHaveLength(3);
      for (const vector of vectors) {
        expect(vector).toHaveLength(dimension);
        expect(vectorNorm(vector)).toBeCloseTo(1, 5);
      }
      expect(cosineSimilarity(vectors[0]!, vectors[1]!)).toBeGreaterThan(
        cosineSimilarity(vectors[0]!, vectors[2]!),
      );
      const single = await embedder.embed(texts[2]!, "add");
      expect(cosineSimilarity(single, vectors[2]!)).toBeCloseTo(1, 6);
    });
  },
);

describe("asymmetric modes and wire bodies", () => {
  it("sends search_document for add and search_query for search to Cohere v3", async () => {
    const embedder = fixture.embedder({ model: "cohere.embed-english-v3" });
    await embedder.embed("a stored document", "add");
    await embedder.embed("a question", "search");
    const bodies = invokeBodies(fixture.emulator);
    expect(bodies.map((body) => body["input_type"])).toEqual(["search_document", "search_query"]);
  });

  it("sends dimensions and normalize to Titan v2 and skips nothing", async () => {
    const embedder = fixture.embedder({ model: "amazon.titan-embed-text-v2:0", dimensions: 512 });
    await embedder.embed("hello there");
    expect(invokeBodies(fixture.emulator)).toEqual([
      { inputText: "hello there", dimensions: 512, normalize: true },
    ]);
  });

  it("returns raw, non-unit vectors when normalize is false", async () => {
    const embedder = fixture.embedder({ model: "cohere.embed-english-v3", normalize: false });
    const vector = await embedder.embed("raw vectors please");
    expect(Math.abs(vectorNorm(vector) - 1)).toBeGreaterThan(0.01);
  });

  it("splits 200 Cohere texts into 3 calls of 96, 96 and 8, keeping input order", async () => {
    const embedder = fixture.embedder({ model: "cohere.embed-english-v3", maxConcurrency: 3 });
    const texts = Array.from(
      { length: 200 },
      (_, index) => `document number ${index} about topic ${index % 7}`,
    );
    const { vectors, usage } = await embedder.embedBatchDetailed(texts, "add");
    const bodies = invokeBodies(fixture.emulator);
    expect(bodies.map((body) => (body["texts"] as string[]).length)).toEqual([96, 96, 8]);
    expect(bodies.flatMap((body) => body["texts"] as string[])).toEqual(texts);
    expect(usage.calls).toBe(3);
    expect(usage.inputTokens).toBeGreaterThan(0);
    for (const index of [0, 95, 96, 150, 199]) {
      const alone = await embedder.embed(texts[index]!, "add");
      expect(cosineSimilarity(alone, vectors[index]!)).toBeCloseTo(1, 6);
    }
  });

  it("reports Titan token usage from the body", async () => {
    const embedder = fixture.embedder({ model: "amazon.titan-embed-text-v2:0" });
    const { usage } = await embedder.embedBatchDetailed(["one two three", "four five"]);
    expect(usage).toMatchObject({ calls: 2, retries: 0 });
    expect(usage.inputTokens).toBeGreaterThan(0);
  });
});
