import { ConfigurationError } from "@bedrock-embeddings/core";
import { FakeEmbedder } from "@bedrock-embeddings/core/testing";
import { describe, expect, it } from "vitest";
import { InMemoryVectorStore } from "../in-memory-vector-store.js";
import { reembedMemories } from "./reembed-memories.js";
import { allIds, SEED_MEMORIES, seedStore } from "./transfer.test-helpers.js";

const IDS = SEED_MEMORIES.map((memory) => memory.id);

async function seededSource() {
  const source = new InMemoryVectorStore();
  await seedStore(source, new FakeEmbedder({ modelId: "old-model", dimension: 8 }), SEED_MEMORIES);
  return source;
}

describe("reembedMemories", () => {
  it("copies every memory of every scope with new vectors, keeping ids, payloads and history", async () => {
    const source = await seededSource();
    const target = new InMemoryVectorStore();
    const embedder = new FakeEmbedder({ modelId: "new-model", dimension: 12 });
    const counts = await reembedMemories(source, target, embedder, { batchSize: 2 });
    expect(counts).toEqual({ copied: 5, alreadyThere: 0 });
    expect([target.dimension, target.modelId]).toEqual([12, "new-model"]);
    expect(await allIds(target)).toEqual(IDS);
    for (const id of IDS) {
      const [before, after] = [await source.get(id), await target.get(id)];
      expect(after?.payload).toEqual(before?.payload);
      expect(after?.vector).toHaveLength(12);
      expect(await target.history(id)).toEqual(await source.history(id));
    }
    expect(embedder.calls.map((call) => [call.texts.length, call.memoryAction])).toEqual([
      [2, "add"],
      [2, "add"],
      [1, "add"],
    ]);
    expect(await allIds(source)).toEqual(IDS);
    expect((await source.get("m1"))?.vector).toHaveLength(8);
  });

  it("continues after an interruption without embedding what was copied", async () => {
    const source = await seededSource();
    const target = new InMemoryVectorStore();
    const controller = new AbortController();
    const first = new FakeEmbedder({ modelId: "new-model", dimension: 12 });
    await expect(
      reembedMemories(source, target, first, {
        batchSize: 2,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    ).rejects.toThrow();
    expect(await allIds(target)).toEqual(["m1", "m2"]);

    const second = new FakeEmbedder({ modelId: "new-model", dimension: 12 });
    const progress: number[] = [];
    const counts = await reembedMemories(source, target, second, {
      batchSize: 2,
      onProgress: (so) => progress.push(so.copied + so.alreadyThere),
    });
    expect(counts).toEqual({ copied: 3, alreadyThere: 2 });
    expect(progress).toEqual([2, 4, 5]);
    expect(second.calls.flatMap((call) => call.texts)).toEqual(
      SEED_MEMORIES.slice(2).map((memory) => memory.text),
    );
    expect(await allIds(target)).toEqual(IDS);
  });

  it("refuses to write into the store it reads", async () => {
    const source = await seededSource();
    await expect(
      reembedMemories(source, source, new FakeEmbedder({ modelId: "old-model", dimension: 8 })),
    ).rejects.toSatisfy(ConfigurationError.isInstance);
  });

  it("refuses a target bound to another model", async () => {
    const source = await seededSource();
    const target = new InMemoryVectorStore();
    await target.initialize({ dimension: 4, modelId: "other" });
    await expect(
      reembedMemories(source, target, new FakeEmbedder({ modelId: "new-model", dimension: 12 })),
    ).rejects.toSatisfy(ConfigurationError.isInstance);
    expect(await allIds(target)).toEqual([]);
  });
});
