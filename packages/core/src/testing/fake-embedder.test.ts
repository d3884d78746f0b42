import { describe, expect, it } from "vitest";
import { InputError } from "../errors/input-error.js";
import { cosineSimilarity, vectorNorm } from "../vector/vector-math.js";
import { FakeEmbedder } from "./fake-embedder.js";

describe("FakeEmbedder", () => {
  it("is deterministic, unit length, and closer for shared words", async () => {
    const embedder = new FakeEmbedder({ dimension: 64 });
    const [tea, teaAgain, rocket] = await embedder.embedBatch([
      "green tea please",
      "green tea",
      "rocket launch",
    ]);
    expect(await embedder.embed("green tea please")).toEqual(tea);
    expect(vectorNorm(tea!)).toBeCloseTo(1, 10);
    expect(cosineSimilarity(tea!, teaAgain!)).toBeGreaterThan(cosineSimilarity(tea!, rocket!));
  });

  it("records calls with their memory action", async () => {
    const embedder = new FakeEmbedder();
    await embedder.embed("query", "search");
    expect(embedder.calls).toEqual([{ texts: ["query"], memoryAction: "search" }]);
  });

  it("hides its dimension until detected when asked to", async () => {
    const embedder = new FakeEmbedder({ dimension: 12, dimensionKnown: false });
    expect(embedder.dimension).toBeUndefined();
    expect(await embedder.detectDimension()).toBe(12);
    expect(embedder.dimension).toBe(12);
  });

  it("rejects empty text with its index", async () => {
    const embedder = new FakeEmbedder();
    const attempt = embedder.embedBatch(["fine", "  "]);
    await expect(attempt).rejects.toSatisfy((error) => InputError.isInstance(error) && error.index === 1);
  });
});
