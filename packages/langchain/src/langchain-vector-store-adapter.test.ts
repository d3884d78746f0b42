import { ConfigurationError, InputError } from "@bedrock-embeddings/core";
import { FakeEmbedder } from "@bedrock-embeddings/core/testing";
import {
  type JsonObject,
  Memory,
  type MemoryHistoryEntry,
  parseFilter,
  type VectorStoreRecord,
} from "@bedrock-embeddings/memory";
import { describeVectorStoreContract } from "@bedrock-embeddings/memory/testing";
import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import type { DocumentInterface } from "@langchain/core/documents";
import { describe, expect, it } from "vitest";
import { InMemoryHistoryLog } from "./history-log.js";
import { LangChainEmbeddings } from "./langchain-embeddings.js";
import { LangChainVectorStoreAdapter } from "./langchain-vector-store-adapter.js";

/** @langchain/classic's MemoryVectorStore plus LangChain's `delete({ ids })`, which it does not implement. */
class DeletableMemoryVectorStore extends MemoryVectorStore {
  override async delete(parameters: { ids?: string[] } = {}): Promise<void> {
    const ids = new Set(parameters.ids ?? []);
    this.memoryVectors = this.memoryVectors.filter((vector) => !ids.has(vector.id ?? ""));
  }
}

/** Records the `k` of every search, to show how far the adapter reads. */
class CountingMemoryVectorStore extends MemoryVectorStore {
  readonly searchSizes: number[] = [];
  override async similaritySearchVectorWithScore(
    query: number[],
    k: number,
    filter?: this["FilterType"],
  ): ReturnType<MemoryVectorStore["similaritySearchVectorWithScore"]> {
    this.searchSizes.push(k);
    return super.similaritySearchVectorWithScore(query, k, filter);
  }
}

const embeddings = new LangChainEmbeddings(new FakeEmbedder({ dimension: 2 }));
const binding = { dimension: 2, modelId: "model-a" };

function record(id: string, vector: number[], payload: JsonObject = {}): VectorStoreRecord {
  return { id, vector, payload };
}

function added(memoryId: string, text: string): MemoryHistoryEntry {
  return {
    id: `h-${memoryId}`,
    memoryId,
    event: "ADD",
    previousValue: null,
    newValue: text,
    createdAt: "2026-12-07T12:00:00.000Z",
  };
}

async function boundAdapter<Store extends MemoryVectorStore>(store: Store) {
  const adapter = new LangChainVectorStoreAdapter(store);
  await adapter.initialize(binding);
  return adapter;
}

describeVectorStoreContract("LangChainVectorStoreAdapter over a MemoryVectorStore with delete", {
  open: async () => new LangChainVectorStoreAdapter(new DeletableMemoryVectorStore(embeddings)),
});

describe("LangChainVectorStoreAdapter", () => {
  it("writes the memory text as pageContent and the payload as metadata, with its id", async () => {
    const store = new MemoryVectorStore(embeddings);
    const adapter = await boundAdapter(store);
    await adapter.insert([record("m1", [0.6, 0.8], { data: "likes tea", user_id: "alice" })]);
    const [stored] = store.memoryVectors;
    expect(stored?.content).toBe("likes tea");
    expect(stored?.id).toBe("m1");
    expect(stored?.metadata).toMatchObject({ data: "likes tea", user_id: "alice" });
    const [hit] = await adapter.search([0.6, 0.8], { filter: parseFilter({ user_id: "alice" }), limit: 1 });
    expect(hit).toEqual({
      id: "m1",
      payload: { data: "likes tea", user_id: "alice" },
      score: expect.any(Number),
    });
    expect(hit?.score).toBeCloseTo(1, 6);
  });

  it("refuses to update, delete or replace on a store without delete({ ids }), changing nothing", async () => {
    const adapter = await boundAdapter(new MemoryVectorStore(embeddings));
    await adapter.insert([record("a", [1, 0], { user_id: "u", n: 1 })]);
    await adapter.upsert([record("b", [0, 1], { user_id: "u" })]);
    const attempts = [
      adapter.update(record("a", [0, 1], { user_id: "u", n: 2 })),
      adapter.upsert([record("a", [0, 1], { user_id: "u", n: 3 })]),
      adapter.delete("a"),
      adapter.deleteWhere(parseFilter({ user_id: "u" })),
      adapter.reset(),
    ];
    for (const attempt of attempts) {
      await expect(attempt).rejects.toThrowError(ConfigurationError);
      await expect(attempt).rejects.toThrow(
        /delete\(\{ ids \}\), which the LangChain store \(memory\) does not/,
      );
    }
    expect((await adapter.get("a"))?.payload).toEqual({ user_id: "u", n: 1 });
    expect((await adapter.list()).entries.map((entry) => entry.id)).toEqual(["a", "b"]);
  });

  it("reads further until enough hits match a filter it evaluates itself", async () => {
    const store = new CountingMemoryVectorStore(embeddings);
    const adapter = await boundAdapter(store);
    const others = Array.from({ length: 40 }, (_, index) =>
      record(`v${index}`, [1, index / 100], { user_id: "v" }),
    );
    await adapter.insert([
      ...others,
      record("u1", [1, 1], { user_id: "u" }),
      record("u2", [0, 1], { user_id: "u" }),
    ]);
    const hits = await adapter.search([1, 0], { filter: parseFilter({ user_id: "u" }), limit: 2 });
    expect(hits.map((hit) => hit.id)).toEqual(["u1", "u2"]);
    expect(store.searchSizes.slice(1)).toEqual([8, 16, 32, 64]);
  });

  it("lets the store narrow a search with storeFilter, still checking each hit", async () => {
    const store = new CountingMemoryVectorStore(embeddings);
    // Like a store that filters on one equality only: the scope, the first clause Memory writes.
    const adapter = new LangChainVectorStoreAdapter(store, {
      storeFilter: (filter) => {
        const scope = filter.kind === "and" ? filter.clauses[0] : filter;
        if (scope?.kind !== "compare" || scope.operator !== "eq") return undefined;
        return (document) => document.metadata[scope.key] === scope.value;
      },
    });
    await adapter.initialize(binding);
    const others = Array.from({ length: 40 }, (_, index) =>
      record(`v${index}`, [1, index / 100], { user_id: "v" }),
    );
    await adapter.insert([
      ...others,
      record("u1", [1, 1], { user_id: "u", n: 1 }),
      record("u2", [0, 1], { user_id: "u" }),
    ]);
    const filter = parseFilter({ user_id: "u" });
    expect((await adapter.search([1, 0], { filter, limit: 2 })).map((hit) => hit.id)).toEqual(["u1", "u2"]);
    expect(store.searchSizes.slice(1)).toEqual([8]);
    const narrower = parseFilter({ user_id: "u", n: { gte: 1 } });
    expect((await adapter.search([1, 0], { filter: narrower, limit: 2 })).map((hit) => hit.id)).toEqual([
      "u1",
    ]);
    expect(store.searchSizes.slice(1)).toEqual([8, 8]);
  });

  it("converts the store's score with similarityFromScore", async () => {
    const halfCosine = (left: number[], right: number[]) =>
      (left[0]! * right[0]! + left[1]! * right[1]!) / (Math.hypot(...left) * Math.hypot(...right)) / 2 + 0.5;
    const adapter = new LangChainVectorStoreAdapter(
      new MemoryVectorStore(embeddings, { similarity: halfCosine }),
      {
        similarityFromScore: (score) => score * 2 - 1,
      },
    );
    await adapter.initialize(binding);
    await adapter.insert([record("same", [1, 0]), record("opposite", [-1, 0])]);
    const hits = await adapter.search([1, 0], { limit: 2 });
    expect(hits.map((hit) => [hit.id, Math.round(hit.score * 1e6) / 1e6])).toEqual([
      ["same", 1],
      ["opposite", -1],
    ]);
  });

  it("on a store that already held memories, searches them but refuses what it cannot see", async () => {
    const store = new DeletableMemoryVectorStore(embeddings);
    const first = await boundAdapter(store);
    await first.insert([record("old", [1, 0], { user_id: "u", data: "old" })]);
    const later = await boundAdapter(store);
    expect([first.knowsEveryRecord, later.knowsEveryRecord]).toEqual([true, false]);
    await later.insert([record("new", [0, 1], { user_id: "u", data: "new" })]);
    const hits = await later.search([1, 0], { filter: parseFilter({ user_id: "u" }), limit: 5 });
    expect(hits.map((hit) => hit.id)).toEqual(["old", "new"]);
    expect((await later.get("new"))?.payload).toEqual({ user_id: "u", data: "new" });
    const refused: [string, Promise<unknown>][] = [
      ["get", later.get("old")],
      ["update", later.update(record("old", [1, 1]))],
      ["delete", later.delete("old")],
      ["list", later.list()],
      ["deleteWhere", later.deleteWhere(parseFilter({ user_id: "u" }))],
      ["reset", later.reset()],
    ];
    for (const [operation, attempt] of refused) {
      await expect(attempt).rejects.toThrowError(ConfigurationError);
      await expect(attempt).rejects.toThrow(
        new RegExp(`^${operation}.*already held memories.*file store or pgvector`),
      );
    }
    expect(await later.delete("new")).toEqual({ id: "new", payload: { user_id: "u", data: "new" } });
  });

  it("refuses a store holding another binding or documents it did not write", async () => {
    const store = new MemoryVectorStore(embeddings);
    await (await boundAdapter(store)).insert([record("a", [1, 0])]);
    const otherModel = new LangChainVectorStoreAdapter(store);
    await expect(otherModel.initialize({ dimension: 2, modelId: "model-b" })).rejects.toThrow(
      /The LangChain store \(memory\) holds vectors from model "model-a", but the embedder is "model-b"/,
    );
    expect(otherModel.dimension).toBeUndefined();
    const foreign = new MemoryVectorStore(embeddings);
    await foreign.addVectors([[1, 0]], [{ pageContent: "someone else's", metadata: {} }]);
    await expect(new LangChainVectorStoreAdapter(foreign).initialize(binding)).rejects.toThrow(
      /holds documents this adapter did not write/,
    );
  });

  it("writes history to the caller's log, and refuses payload keys it reserves", async () => {
    const history = new InMemoryHistoryLog();
    const adapter = new LangChainVectorStoreAdapter(new DeletableMemoryVectorStore(embeddings), { history });
    await adapter.initialize(binding);
    await adapter.insert([record("a", [1, 0], { data: "tea" })], [added("a", "tea")]);
    expect(await history.entriesOf("a")).toEqual([added("a", "tea")]);
    await expect(adapter.insert([record("b", [1, 0], { _bedrock_embeddings_id: "x" })])).rejects.toThrowError(
      InputError,
    );
  });

  it("deletes by the ids a store assigned when it ignores the ones given", async () => {
    const memoryStore = new DeletableMemoryVectorStore(embeddings);
    const addVectors = memoryStore.addVectors.bind(memoryStore);
    // Like LangChain stores that ignore `ids`: it names documents itself and returns those names.
    const store = Object.assign(memoryStore, {
      addVectors: async (vectors: number[][], documents: DocumentInterface[]) => {
        const ids = documents.map((_, index) => `store-${memoryStore.memoryVectors.length + index}`);
        await addVectors(
          vectors,
          documents.map((document, index) => ({ ...document, id: ids[index] })),
        );
        return ids;
      },
    });
    const adapter = new LangChainVectorStoreAdapter(store);
    await adapter.initialize(binding);
    await adapter.insert([record("a", [1, 0]), record("b", [0, 1])]);
    await adapter.delete("a");
    expect(store.memoryVectors.map((vector) => vector.id)).toEqual(["store-1"]);
    expect((await adapter.search([1, 0], { limit: 5 })).map((hit) => hit.id)).toEqual(["b"]);
  });

  it("holds a Memory's memories: add, scoped search, getAll, update, delete", async () => {
    const embedder = new FakeEmbedder({ dimension: 8 });
    const memory = new Memory({
      embedder,
      vectorStore: new LangChainVectorStoreAdapter(
        new DeletableMemoryVectorStore(new LangChainEmbeddings(embedder)),
      ),
    });
    const [tea] = (await memory.add("Alice likes green tea", { userId: "alice" })).results;
    await memory.add("Alice lives in Lisbon", { userId: "alice" });
    await memory.add("Bob likes green tea", { userId: "bob" });
    const { results } = await memory.search("Alice likes green tea", {
      filters: { user_id: "alice" },
      threshold: 0,
    });
    expect(results.map((item) => item.memory)).toEqual(["Alice likes green tea", "Alice lives in Lisbon"]);
    await memory.update(tea!.id, "Alice prefers oolong");
    await memory.delete(results[1]!.id);
    const page = await memory.getAll({ filters: { user_id: "alice" } });
    expect(page.results.map((item) => item.memory)).toEqual(["Alice prefers oolong"]);
    expect((await memory.history(tea!.id)).map((entry) => entry.event)).toEqual(["ADD", "UPDATE"]);
    await memory.close();
  });
});
