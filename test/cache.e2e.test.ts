import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CachedEmbedder, FileVectorCache } from "@bedrock-embeddings/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type EmulatorFixture, invokeBodies, startEmulatorFixture } from "./support/emulator-fixture.js";

let fixture: EmulatorFixture;
let directory: string;
beforeAll(async () => {
  fixture = await startEmulatorFixture();
});
afterAll(async () => {
  await fixture.emulator.close();
});
beforeEach(async () => {
  fixture.emulator.clearRequests();
  directory = await mkdtemp(join(tmpdir(), "cache-e2e-"));
  return () => rm(directory, { recursive: true, force: true });
});

const corpus = Array.from(
  { length: 100 },
  (_unused, index) =>
    `note ${index}: the ${["cat", "dog", "bird", "fish"][index % 4]} visited place ${index * 7}`,
);

function cachedEmbedder(): CachedEmbedder {
  return new CachedEmbedder(
    fixture.embedder({ model: "cohere.embed-english-v3", maxConcurrency: 2 }),
    new FileVectorCache({ directory }),
  );
}

describe("CachedEmbedder over the emulator with a file cache", () => {
  it("embeds 100 texts once: the second pass and a new embedder on the same folder send nothing", async () => {
    const first = cachedEmbedder();
    const cold = await first.embedBatchDetailed!(corpus, "add");
    const coldRequests = invokeBodies(fixture.emulator).length;
    expect(coldRequests).toBe(2); // 96 + 4 texts per Cohere v3 call
    expect(cold.usage).toMatchObject({ calls: 2, cacheHits: 0, cacheMisses: 100 });
    expect(cold.usage.inputTokens).toBeGreaterThan(0);

    const warm = await first.embedBatchDetailed!(corpus, "add");
    expect(fixture.emulator.requests).toHaveLength(coldRequests);
    expect(warm.vectors).toEqual(cold.vectors);
    expect(warm.usage).toMatchObject({ calls: 0, inputTokens: 0, cacheHits: 100, cacheMisses: 0 });

    // As a new process would: a new embedder and cache instance on the same folder.
    const restarted = cachedEmbedder();
    const reopened = await restarted.embedBatch(corpus, "add");
    expect(fixture.emulator.requests).toHaveLength(coldRequests);
    expect(reopened).toEqual(cold.vectors);

    // Unchanged vectors are the model's: the same as an uncached embedder returns.
    const uncached = await fixture
      .embedder({ model: "cohere.embed-english-v3" })
      .embedBatch(corpus.slice(0, 5), "add");
    expect(reopened.slice(0, 5)).toEqual(uncached);
  });

  it("caches queries apart from documents and sends only new texts", async () => {
    const embedder = cachedEmbedder();
    await embedder.embedBatch(corpus.slice(0, 10), "add");
    const query = await embedder.embed(corpus[0]!, "search");
    await embedder.embedBatch([...corpus.slice(5, 10), "a brand new text"], "add");
    expect(await embedder.embed(corpus[0]!, "search")).toEqual(query);
    const bodies = invokeBodies(fixture.emulator);
    expect(bodies.map((body) => [body["input_type"], (body["texts"] as string[]).length])).toEqual([
      ["search_document", 10],
      ["search_query", 1],
      ["search_document", 1],
    ]);
  });
});
