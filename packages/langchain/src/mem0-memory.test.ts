import { ConfigurationError } from "@bedrock-embeddings/core";
import { FakeEmbedder } from "@bedrock-embeddings/core/testing";
import { describe, expect, it } from "vitest";
import { createMem0Memory, type Mem0Embedder } from "./mem0-memory.js";

// The real mem0ai runs in test/mem0ai; these classes reproduce the two ways a Memory class can hold
// its embedder, to pin down what the helper does with each.

/** Like mem0ai 3.3.1: the constructor assigns the embedder it builds from config (no class field). */
class AssigningMemory {
  declare embedder: Mem0Embedder;
  readonly config: Record<string, unknown>;

  constructor(config: Record<string, unknown> = {}) {
    this.config = config;
    this.embedder = { embed: async () => [0], embedBatch: async () => [[0]] };
  }

  add(text: string): Promise<number[]> {
    return this.embedder.embed(text, "add");
  }
}

/** A Memory class whose `embedder` is an own field, which no subclass accessor can stand in for. */
class FieldMemory {
  embedder: unknown = undefined;
}

describe("createMem0Memory", () => {
  it("answers the Memory's embedder with one that passes mem0's memory action through", async () => {
    const embedder = new FakeEmbedder({ dimension: 4 });
    const memory = createMem0Memory(AssigningMemory, embedder, { vectorStore: { provider: "memory" } });
    await memory.add("Alice likes green tea");
    await memory.embedder.embedBatch(["what does Alice drink?"], "search");
    expect(embedder.calls.map((call) => [call.texts, call.memoryAction])).toEqual([
      [["Alice likes green tea"], "add"],
      [["what does Alice drink?"], "search"],
    ]);
    memory.embedder = { embed: async () => [1], embedBatch: async () => [[1]] };
    await memory.add("still ours");
    expect(embedder.calls).toHaveLength(3);
  });

  it("gives mem0 the langchain provider with the embedder and its dimension", () => {
    const memory = createMem0Memory(AssigningMemory, new FakeEmbedder({ dimension: 4 }));
    expect(memory.config["embedder"]).toMatchObject({ provider: "langchain", config: { embeddingDims: 4 } });
  });

  it("refuses a config naming another embedder, and a Memory whose embedder it cannot replace", () => {
    const embedder = new FakeEmbedder();
    expect(() =>
      createMem0Memory(AssigningMemory, embedder, { embedder: { provider: "openai" } } as Record<
        string,
        unknown
      >),
    ).toThrowError(ConfigurationError);
    expect(() => createMem0Memory(FieldMemory, embedder)).toThrow(/cannot replace it/);
  });
});
