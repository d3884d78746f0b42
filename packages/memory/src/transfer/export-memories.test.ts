import { ConfigurationError } from "@bedrock-embeddings/core";
import { FakeEmbedder } from "@bedrock-embeddings/core/testing";
import { describe, expect, it } from "vitest";
import { parseFilter } from "../filter/parse-filter.js";
import { InMemoryVectorStore } from "../in-memory-vector-store.js";
import type { VectorListOptions, VectorListPage } from "../vector-store.js";
import { exportMemories } from "./export-memories.js";
import type { ExportedMemory } from "./exported-memory.js";
import { SEED_MEMORIES, seedStore } from "./transfer.test-helpers.js";

/** An in-memory store that records the page sizes it was asked for. */
class PageRecordingStore extends InMemoryVectorStore {
  readonly requestedLimits: (number | undefined)[] = [];
  override async list(options?: VectorListOptions): Promise<VectorListPage> {
    this.requestedLimits.push(options?.limit);
    return super.list(options);
  }
}

async function collect(lines: AsyncIterable<ExportedMemory>): Promise<ExportedMemory[]> {
  const collected: ExportedMemory[] = [];
  for await (const line of lines) collected.push(line);
  return collected;
}

describe("exportMemories", () => {
  it("streams every memory in insertion order, page by page, in mem0's names", async () => {
    const store = new PageRecordingStore();
    await seedStore(store, new FakeEmbedder(), SEED_MEMORIES);
    const lines = await collect(exportMemories(store, { pageSize: 2 }));
    expect(lines.map((line) => line.id)).toEqual(["m1", "m2", "m3", "m4", "m5"]);
    expect(store.requestedLimits).toEqual([2, 2, 2]);
    expect(lines[2]).toEqual({
      id: "m3",
      memory: "Alice moved to Lisbon",
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      metadata: { topic: "places", priority: 2 },
      user_id: "alice",
      run_id: "r1",
      created_at: "2026-02-01T00:00:00.000Z",
      updated_at: "2026-03-01T00:00:00.000Z",
    });
    expect(lines[3]).toEqual({
      id: "m4",
      memory: "The agent prefers short answers",
      hash: expect.any(String),
      metadata: {},
      agent_id: "helper",
      created_at: "2026-01-01T00:00:00.000Z",
    });
    expect(JSON.parse(JSON.stringify(lines[0]))).toEqual(lines[0]);
  });

  it("exports only the memories matching a filter", async () => {
    const store = new InMemoryVectorStore();
    await seedStore(store, new FakeEmbedder(), SEED_MEMORIES);
    const lines = await collect(exportMemories(store, { filter: parseFilter({ user_id: "bob" }) }));
    expect(lines.map((line) => line.id)).toEqual(["m2", "m5"]);
  });

  it("adds the stored vector with its model and dimension when asked", async () => {
    const store = new InMemoryVectorStore();
    const embedder = new FakeEmbedder({ dimension: 8, modelId: "model-a" });
    await seedStore(store, embedder, SEED_MEMORIES);
    const [first] = await collect(exportMemories(store, { includeVectors: true }));
    const stored = await store.get("m1");
    expect(first?.model).toBe("model-a");
    expect(first?.dimension).toBe(8);
    expect(first?.vector).toEqual(stored?.vector);
    expect(first?.vector?.every((component) => Math.fround(component) === component)).toBe(true);
  });

  it("refuses to export vectors of a store that is not bound to a model", async () => {
    const lines = exportMemories(new InMemoryVectorStore(), { includeVectors: true });
    await expect(collect(lines)).rejects.toSatisfy(ConfigurationError.isInstance);
  });
});
