import type { EmbeddingBase } from "@bedrock-embeddings/core";
import { ConfigurationError, InputError, NotFoundError, VectorError } from "@bedrock-embeddings/core";
import { FakeEmbedder } from "@bedrock-embeddings/core/testing";
import { describe, expect, it } from "vitest";
import { Memory } from "./memory.js";
import { hashText } from "./memory-payload.js";

function fixedClock(): () => Date {
  let tick = 0;
  return () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++));
}

function newMemory(embedder = new FakeEmbedder({ dimension: 64 })) {
  return { embedder, memory: new Memory({ embedder, clock: fixedClock() }) };
}

describe("Memory.add", () => {
  it("stores a text with its scope, metadata, sha256 hash and ISO creation time", async () => {
    const { memory } = newMemory();
    const { results } = await memory.add("Alice likes green tea", {
      userId: "alice",
      metadata: { topic: "drinks" },
    });
    expect(results).toHaveLength(1);
    const [item] = results;
    expect(item).toMatchObject({
      memory: "Alice likes green tea",
      hash: hashText("Alice likes green tea"),
      createdAt: "2026-01-01T00:00:00.000Z",
      metadata: { topic: "drinks" },
      userId: "alice",
    });
    expect(item?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(item?.updatedAt).toBeUndefined();
    expect(await memory.get(item!.id)).toEqual(item);
  });

  it("turns each non-empty user/assistant message into a memory with one embedBatch call, keeping roles", async () => {
    const { memory, embedder } = newMemory();
    const { results } = await memory.add(
      [
        { role: "system", content: "You are a helpful assistant" },
        { role: "user", content: "I moved to Lisbon", name: "bob" },
        { role: "assistant", content: "Noted" },
        { role: "user", content: "   " },
      ],
      { agentId: "a1", runId: "r1", metadata: { source: "chat" } },
    );
    expect(results.map((item) => [item.memory, item.metadata])).toEqual([
      ["I moved to Lisbon", { source: "chat", role: "user", actor_id: "bob" }],
      ["Noted", { source: "chat", role: "assistant" }],
    ]);
    expect(
      results.every((item) => item.agentId === "a1" && item.runId === "r1" && item.userId === undefined),
    ).toBe(true);
    expect(embedder.calls).toEqual([{ texts: ["I moved to Lisbon", "Noted"], memoryAction: "add" }]);
  });

  it("uses the id generator and probes the dimension when the embedder does not know it", async () => {
    const embedder = new FakeEmbedder({ dimension: 8, dimensionKnown: false });
    let next = 0;
    const memory = new Memory({ embedder, idGenerator: () => `m${++next}` });
    const { results } = await memory.add(
      [
        { role: "user", content: "one" },
        { role: "user", content: "two" },
      ],
      {
        userId: "u",
      },
    );
    expect(results.map((item) => item.id)).toEqual(["m1", "m2"]);
    expect(embedder.dimension).toBe(8);
    expect(memory.vectorStore.dimension).toBe(8);
    expect(memory.vectorStore.modelId).toBe("fake-embedding-model");
  });

  it("refuses an embedder whose vectors do not match its own dimension", async () => {
    const lying: EmbeddingBase = {
      provider: "test",
      modelId: "lying-model",
      normalized: true,
      dimension: 8,
      detectDimension: async () => 8,
      embed: async () => [1, 0, 0, 0],
      embedBatch: async (texts) => texts.map(() => [1, 0, 0, 0]),
    };
    const memory = new Memory({ embedder: lying });
    const attempt = memory.add("hello", { userId: "u" });
    await expect(attempt).rejects.toThrowError(VectorError);
    await expect(attempt).rejects.toThrow(
      /4 dimensions.*holds 8-dimensional vectors \(model "lying-model"\)/,
    );
    expect((await memory.getAll({ filters: { user_id: "u" } })).results).toEqual([]);
  });

  it("refuses an embedder that drops inputs of a batch", async () => {
    const dropping: EmbeddingBase = {
      provider: "test",
      modelId: "m",
      normalized: true,
      dimension: 4,
      detectDimension: async () => 4,
      embed: async () => [1, 0, 0, 0],
      embedBatch: async () => [[1, 0, 0, 0]],
    };
    const memory = new Memory({ embedder: dropping });
    await expect(
      memory.add(
        [
          { role: "user", content: "a" },
          { role: "user", content: "b" },
        ],
        { userId: "u" },
      ),
    ).rejects.toThrow(/returned 1 vectors for 2 texts/);
  });
});

describe("Memory.search", () => {
  async function aliceAndBob() {
    const setup = newMemory();
    await setup.memory.add("Alice likes green tea", { userId: "alice", metadata: { topic: "drinks" } });
    await setup.memory.add("Alice plays tennis on Sundays", {
      userId: "alice",
      metadata: { topic: "sports" },
    });
    await setup.memory.add("Alice works as a nurse in Porto", {
      userId: "alice",
      metadata: { topic: "work" },
    });
    await setup.memory.add("Bob drinks black coffee", { userId: "bob", metadata: { topic: "drinks" } });
    return setup;
  }

  it("ranks the most similar memory first, with cosine scores best first, embedding the query for search", async () => {
    const { memory, embedder } = await aliceAndBob();
    const { results } = await memory.search("what does alice drink? green tea", {
      filters: { user_id: "alice" },
      threshold: -1,
    });
    expect(results[0]?.memory).toBe("Alice likes green tea");
    expect(results).toHaveLength(3);
    const scores = results.map((item) => item.score!);
    expect(scores.every((score) => score >= -1 && score <= 1)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(embedder.calls.at(-1)).toEqual({
      texts: ["what does alice drink? green tea"],
      memoryAction: "search",
    });
  });

  it("drops results below the threshold (default 0.1) and keeps at most topK", async () => {
    const { memory } = await aliceAndBob();
    const exact = await memory.search("Alice plays tennis on Sundays", {
      filters: { user_id: "alice" },
      threshold: 0.999,
    });
    expect(exact.results.map((item) => item.memory)).toEqual(["Alice plays tennis on Sundays"]);
    expect(exact.results[0]?.score).toBeCloseTo(1, 10);

    const byDefault = await memory.search("green tea", { filters: { user_id: "alice" } });
    expect(byDefault.results.length).toBeGreaterThan(0);
    expect(byDefault.results.every((item) => item.score! >= 0.1)).toBe(true);
    const everything = await memory.search("green tea", { filters: { user_id: "alice" }, threshold: -1 });
    expect(everything.results.length).toBeGreaterThan(byDefault.results.length);

    const top = await memory.search("Alice", { filters: { user_id: "alice" }, topK: 2, threshold: -1 });
    expect(top.results).toHaveLength(2);
  });

  it("takes search defaults from the constructor", async () => {
    const embedder = new FakeEmbedder({ dimension: 64 });
    const memory = new Memory({ embedder, searchDefaults: { topK: 1, threshold: -1 } });
    await memory.add(
      [
        { role: "user", content: "one thing" },
        { role: "user", content: "other stuff" },
      ],
      { userId: "u" },
    );
    expect((await memory.search("unrelated words", { filters: { user_id: "u" } })).results).toHaveLength(1);
    expect((await memory.getAll({ filters: { user_id: "u" } })).results).toHaveLength(1);
  });

  it("never returns another user's memories, even when they are far more similar", async () => {
    const { memory } = newMemory();
    await memory.add("Alice works as a nurse in Porto", { userId: "alice" });
    await memory.add(
      Array.from({ length: 30 }, (_, index) => ({
        role: "user",
        content: `green tea is the best drink ${index}`,
      })),
      { userId: "bob" },
    );
    await memory.add("green tea is the best drink", { agentId: "shared-agent" });
    const { results } = await memory.search("green tea is the best drink", {
      filters: { user_id: "alice" },
      topK: 100,
      threshold: -1,
    });
    expect(results.map((item) => item.memory)).toEqual(["Alice works as a nurse in Porto"]);
    const bob = await memory.search("green tea", { filters: { user_id: "bob" }, topK: 100, threshold: -1 });
    expect(bob.results).toHaveLength(30);
    expect(bob.results.every((item) => item.userId === "bob")).toBe(true);
  });

  it("scopes by agent and run, with snake_case or camelCase filter keys", async () => {
    const { memory } = newMemory();
    await memory.add("I moved to Lisbon", { agentId: "a1", runId: "r1" });
    await memory.add("I moved to Lisbon last year", { agentId: "a1", runId: "r2" });
    await memory.add("I moved to Lisbon in May", { agentId: "a2", runId: "r1" });
    const texts = async (filters: Record<string, string>) =>
      (await memory.search("moved to Lisbon", { filters, threshold: -1 })).results
        .map((item) => item.memory)
        .sort();
    expect(await texts({ agent_id: "a1" })).toEqual(["I moved to Lisbon", "I moved to Lisbon last year"]);
    expect(await texts({ agentId: "a1", run_id: "r2" })).toEqual(["I moved to Lisbon last year"]);
    expect(await texts({ runId: "r1" })).toEqual(["I moved to Lisbon", "I moved to Lisbon in May"]);
    expect(await texts({ agent_id: "a3" })).toEqual([]);
    expect(await texts({ user_id: "a1" })).toEqual([]);
  });

  it("applies extra filters as exact matches on metadata keys", async () => {
    const { memory } = await aliceAndBob();
    await memory.add("Alice drinks water", {
      userId: "alice",
      metadata: { topic: "drinks", tags: ["daily"] },
    });
    const drinks = await memory.search("drink", {
      filters: { user_id: "alice", topic: "drinks" },
      threshold: -1,
    });
    expect(drinks.results.map((item) => item.memory).sort()).toEqual([
      "Alice drinks water",
      "Alice likes green tea",
    ]);
    const tagged = await memory.getAll({ filters: { userId: "alice", tags: { contains: "daily" } } });
    expect(tagged.results.map((item) => item.memory)).toEqual(["Alice drinks water"]);
    const none = await memory.getAll({ filters: { user_id: "alice", topic: "Drinks" } });
    expect(none.results).toEqual([]);
  });
});

describe("Memory.getAll and get", () => {
  it("lists a scope oldest first, at most topK, and get returns null for an unknown id", async () => {
    const { memory } = newMemory();
    for (const text of ["first", "second", "third"]) await memory.add(text, { userId: "u" });
    await memory.add("other", { userId: "v" });
    expect((await memory.getAll({ filters: { user_id: "u" } })).results.map((item) => item.memory)).toEqual([
      "first",
      "second",
      "third",
    ]);
    expect((await memory.getAll({ filters: { user_id: "u" }, topK: 2 })).results).toHaveLength(2);
    expect(await memory.get("no-such-id")).toBeNull();
  });
});

describe("Memory.update", () => {
  it("re-embeds with 'update', keeps id, scope, creation time and metadata, and records history", async () => {
    const { memory, embedder } = newMemory();
    const [added] = (
      await memory.add("Alice likes green tea", { userId: "alice", metadata: { topic: "drinks" } })
    ).results;
    const id = added!.id;
    expect(await memory.update(id, "Alice now prefers oolong")).toEqual({
      message: "Memory updated successfully!",
    });
    expect(embedder.calls.at(-1)).toEqual({ texts: ["Alice now prefers oolong"], memoryAction: "update" });
    const updated = await memory.get(id);
    expect(updated).toMatchObject({
      id,
      memory: "Alice now prefers oolong",
      hash: hashText("Alice now prefers oolong"),
      createdAt: added!.createdAt,
      metadata: { topic: "drinks" },
      userId: "alice",
    });
    expect(String(updated?.updatedAt) > added!.createdAt).toBe(true);
    const found = await memory.search("Alice now prefers oolong", {
      filters: { user_id: "alice" },
      threshold: 0.999,
    });
    expect(found.results.map((item) => item.id)).toEqual([id]);

    const history = await memory.history(id);
    expect(
      history.map(({ event, previousValue, newValue, memoryId }) => ({
        event,
        previousValue,
        newValue,
        memoryId,
      })),
    ).toEqual([
      { event: "ADD", previousValue: null, newValue: "Alice likes green tea", memoryId: id },
      {
        event: "UPDATE",
        previousValue: "Alice likes green tea",
        newValue: "Alice now prefers oolong",
        memoryId: id,
      },
    ]);
    expect(history[1]?.createdAt).toBe(updated?.updatedAt);
    expect(new Set(history.map((entry) => entry.id)).size).toBe(2);
  });

  it("replaces custom metadata when given, keeping the message role", async () => {
    const { memory } = newMemory();
    const [added] = (
      await memory.add([{ role: "assistant", content: "Noted" }], { userId: "u", metadata: { a: 1 } })
    ).results;
    await memory.update(added!.id, { text: "Noted twice", metadata: { b: 2 } });
    expect((await memory.get(added!.id))?.metadata).toEqual({ b: 2, role: "assistant" });
  });

  it("rejects an unknown id with NotFoundError, and empty text with InputError before embedding", async () => {
    const { memory, embedder } = newMemory();
    await expect(memory.update("missing", "text")).rejects.toThrowError(NotFoundError);
    const [added] = (await memory.add("something", { userId: "u" })).results;
    const calls = embedder.calls.length;
    await expect(memory.update(added!.id, "  ")).rejects.toThrowError(InputError);
    await expect(memory.update(added!.id, { text: "" })).rejects.toThrowError(InputError);
    expect(embedder.calls.length).toBe(calls);
  });
});

describe("Memory.delete, deleteAll and reset", () => {
  it("deletes one memory, records it, and rejects deleting it again", async () => {
    const { memory } = newMemory();
    const [added] = (await memory.add("Alice likes green tea", { userId: "alice" })).results;
    expect(await memory.delete(added!.id)).toEqual({ message: "Memory deleted successfully!" });
    expect(await memory.get(added!.id)).toBeNull();
    expect(
      (await memory.history(added!.id)).map((entry) => [entry.event, entry.previousValue, entry.newValue]),
    ).toEqual([
      ["ADD", null, "Alice likes green tea"],
      ["DELETE", "Alice likes green tea", null],
    ]);
    const again = memory.delete(added!.id);
    await expect(again).rejects.toThrowError(NotFoundError);
    await expect(again).rejects.toThrow(/Memory ".*" does not exist/);
  });

  it("deleteAll removes only the given scope and records each deletion", async () => {
    const { memory } = newMemory();
    const alice = (
      await memory.add(
        [
          { role: "user", content: "a1" },
          { role: "user", content: "a2" },
        ],
        { userId: "alice" },
      )
    ).results;
    await memory.add("b1", { userId: "bob" });
    expect(await memory.deleteAll({ userId: "alice" })).toEqual({
      message: "Deleted 2 memories.",
      deleted: 2,
    });
    expect(await memory.deleteAll({ userId: "alice" })).toEqual({
      message: "No memory matched that scope; nothing was deleted.",
      deleted: 0,
    });
    expect((await memory.getAll({ filters: { user_id: "alice" } })).results).toEqual([]);
    expect((await memory.getAll({ filters: { user_id: "bob" } })).results.map((item) => item.memory)).toEqual(
      ["b1"],
    );
    for (const item of alice)
      expect((await memory.history(item.id)).map((entry) => entry.event)).toEqual(["ADD", "DELETE"]);
    await expect(memory.deleteAll({})).rejects.toThrow(/reset\(\)/);
  });

  it("reset deletes every memory and all history", async () => {
    const { memory } = newMemory();
    const [added] = (await memory.add("x", { userId: "u" })).results;
    await memory.reset();
    expect((await memory.getAll({ filters: { user_id: "u" } })).results).toEqual([]);
    expect(await memory.history(added!.id)).toEqual([]);
    await memory.add("y", { userId: "u" });
    expect((await memory.getAll({ filters: { user_id: "u" } })).results.map((item) => item.memory)).toEqual([
      "y",
    ]);
  });
});

describe("validation", () => {
  const { memory, embedder } = newMemory();

  it("requires a scope on add, naming the fix", async () => {
    const attempt = memory.add("Alice likes green tea", {});
    await expect(attempt).rejects.toThrowError(InputError);
    await expect(attempt).rejects.toThrow(/at least one of userId, agentId or runId.*userId: "alice"/);
    await expect(memory.add("text", { userId: " " })).rejects.toThrow(/userId must be a non-empty id string/);
  });

  it.each([
    ["an empty text", ""],
    ["a whitespace text", " \n\t "],
    [
      "no message with content",
      [
        { role: "system", content: "sys" },
        { role: "user", content: "" },
      ],
    ],
    ["an empty message list", []],
    ["a non-text message", [{ role: "user", content: { type: "image" } }]],
  ])("rejects %s with InputError, before any embedding", async (_label, input) => {
    const calls = embedder.calls.length;
    await expect(memory.add(input as string, { userId: "u" })).rejects.toThrowError(InputError);
    expect(embedder.calls.length).toBe(calls);
  });

  it("rejects top-level scope ids on search and getAll, pointing to filters", async () => {
    const options = { userId: "alice" } as unknown as Parameters<Memory["search"]>[1];
    const search = memory.search("tea", options);
    await expect(search).rejects.toThrowError(InputError);
    await expect(search).rejects.toThrow(/top-level "userId".*filters: \{ user_id: "alice" \}/);
    const withFilters = { filters: { user_id: "alice" }, agentId: "a1" } as unknown as Parameters<
      Memory["search"]
    >[1];
    await expect(memory.search("tea", withFilters)).rejects.toThrow(/filters: \{ agent_id: "a1" \}/);
    await expect(
      memory.getAll({ runId: "r1" } as unknown as Parameters<Memory["getAll"]>[0]),
    ).rejects.toThrow(/run_id: "r1"/);
    const limit = { filters: { user_id: "alice" }, limit: 5 } as unknown as Parameters<Memory["search"]>[1];
    await expect(memory.search("tea", limit)).rejects.toThrow(/use topK/);
  });

  it("requires filters with a scope id on search and getAll", async () => {
    const missing = {} as Parameters<Memory["search"]>[1];
    await expect(memory.search("tea", missing)).rejects.toThrow(/needs filters with at least one of user_id/);
    await expect(memory.search("tea", { filters: { topic: "drinks" } })).rejects.toThrow(
      /filters need at least one of user_id, agent_id or run_id/,
    );
    await expect(memory.getAll({ filters: { user_id: "" } })).rejects.toThrowError(InputError);
    await expect(memory.search("tea", { filters: { user_id: "a", userId: "b" } })).rejects.toThrow(
      /two different/,
    );
  });

  it("rejects an empty query, bad topK and threshold, reserved or non-JSON metadata, and infer: true", async () => {
    await expect(memory.search(" ", { filters: { user_id: "u" } })).rejects.toThrow(/query is empty/);
    await expect(memory.search("q", { filters: { user_id: "u" }, topK: 0 })).rejects.toThrow(
      /topK must be a positive/,
    );
    await expect(memory.search("q", { filters: { user_id: "u" }, threshold: 2 })).rejects.toThrow(
      /threshold/,
    );
    await expect(memory.add("x", { userId: "u", metadata: { user_id: "bob" } })).rejects.toThrow(
      /metadata.user_id is reserved/,
    );
    await expect(memory.add("x", { userId: "u", metadata: { when: new Date() } })).rejects.toThrow(
      /metadata.when is a Date/,
    );
    const infer = { userId: "u", infer: true } as unknown as Parameters<Memory["add"]>[1];
    await expect(memory.add("x", infer)).rejects.toThrow(/infer must be false/);
    const typo = { userId: "u", metdata: {} } as unknown as Parameters<Memory["add"]>[1];
    await expect(memory.add("x", typo)).rejects.toThrow(/top-level "metdata".*Allowed options: userId/);
    await expect(memory.get("")).rejects.toThrowError(InputError);
  });

  it("rejects a bad configuration when constructed", () => {
    expect(() => new Memory({} as never)).toThrowError(ConfigurationError);
    expect(() => new Memory({ embedder, collection: "../x" })).toThrow(/collection/);
    expect(() => new Memory({ embedder, dataDirectory: "" })).toThrow(/dataDirectory/);
    expect(() => new Memory({ embedder, searchDefaults: { threshold: 5 } })).toThrowError(InputError);
  });
});
