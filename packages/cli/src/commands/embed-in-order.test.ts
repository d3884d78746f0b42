import {
  BatchEmbeddingError,
  type EmbeddingBase,
  emptyUsage,
  type MemoryAction,
} from "@bedrock-embeddings/core";
import { FakeEmbedder } from "@bedrock-embeddings/core/testing";
import { describe, expect, it } from "vitest";
import type { ChunkOutcome } from "./embed-chunk.js";
import { embedInOrder } from "./embed-in-order.js";

/** The fake embedder, answering the first texts last, so chunks finish out of order. */
function slowFirst(): EmbeddingBase {
  const fake = new FakeEmbedder({ dimension: 4 });
  return Object.assign(Object.create(fake) as FakeEmbedder, {
    embedBatch: async (texts: readonly string[], action?: MemoryAction) => {
      const position = Number(texts[0]!.split(" ")[1]);
      await new Promise((resolve) => setTimeout(resolve, 40 - position * 5));
      return fake.embedBatch(texts, action);
    },
  });
}

function collect(): {
  chunks: [number, ChunkOutcome][];
  onChunk: (start: number, outcome: ChunkOutcome) => void;
} {
  const chunks: [number, ChunkOutcome][] = [];
  return { chunks, onChunk: (start, outcome) => chunks.push([start, outcome]) };
}

describe("embedInOrder", () => {
  it("hands chunks over in input order even when later ones finish first", async () => {
    const texts = Array.from({ length: 7 }, (_unused, index) => `text ${index}`);
    const { chunks, onChunk } = collect();
    await embedInOrder(slowFirst(), texts, "add", {
      signal: new AbortController().signal,
      onChunk,
      chunkTexts: 2,
      chunksInFlight: 4,
    });
    expect(chunks.map(([start]) => start)).toEqual([0, 2, 4, 6]);
    expect(chunks.flatMap(([, outcome]) => outcome.vectors).every((vector) => vector?.length === 4)).toBe(
      true,
    );
  });

  it("fails a text the embedder refuses alone and embeds the rest of its chunk", async () => {
    const { chunks, onChunk } = collect();
    await embedInOrder(new FakeEmbedder(), ["a", " ", "b", "   "], "add", {
      signal: new AbortController().signal,
      onChunk,
    });
    const [[, outcome]] = chunks as [[number, ChunkOutcome]];
    expect(outcome.failures.map((failure) => failure.index)).toEqual([1, 3]);
    expect(outcome.vectors.map((vector) => vector !== undefined)).toEqual([true, false, true, false]);
  });

  it("after an interrupt, starts nothing and fails every text with the reason", async () => {
    const controller = new AbortController();
    controller.abort(new Error("interrupted"));
    const fake = new FakeEmbedder();
    const { chunks, onChunk } = collect();
    await embedInOrder(fake, ["a", "b", "c"], "add", { signal: controller.signal, onChunk, chunkTexts: 2 });
    expect(fake.calls).toEqual([]);
    expect(chunks.flatMap(([, outcome]) => outcome.failures.map((failure) => failure.error.message))).toEqual(
      ["interrupted", "interrupted", "interrupted"],
    );
  });

  it("learns why a text failed when an embedder in front (a cache) drops settle's failures", async () => {
    const fake = new FakeEmbedder();
    const refusing = Object.assign(Object.create(fake) as FakeEmbedder, {
      embedBatchDetailed: async (
        texts: readonly string[],
        _action: unknown,
        options?: { settle?: boolean },
      ) => {
        const vectors = await Promise.all(
          texts.map((text) => (text === "bad" ? undefined : fake.embed(text))),
        );
        if (options?.settle) return { vectors, usage: emptyUsage() };
        const failures = texts.flatMap((text, index) =>
          text === "bad" ? [{ index, error: new Error("the model refused it") }] : [],
        );
        throw new BatchEmbeddingError(vectors, failures, { usage: emptyUsage() });
      },
    });
    const { chunks, onChunk } = collect();
    await embedInOrder(refusing, ["good", "bad", "fine"], "add", {
      signal: new AbortController().signal,
      onChunk,
    });
    const [[, outcome]] = chunks as [[number, ChunkOutcome]];
    expect(outcome.failures.map(({ index, error }) => [index, error.message])).toEqual([
      [1, "the model refused it"],
    ]);
    expect(outcome.vectors.map((vector) => vector !== undefined)).toEqual([true, false, true]);
  });
});
