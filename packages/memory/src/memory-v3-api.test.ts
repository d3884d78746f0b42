import { ConfigurationError, InputError, NotFoundError } from "@bedrock-embeddings/core";
import { FakeEmbedder } from "@bedrock-embeddings/core/testing";
import { describe, expect, it } from "vitest";
import { InMemoryVectorStore } from "./in-memory-vector-store.js";
import { Memory } from "./memory.js";
import type { MemoryHistoryEntry } from "./memory-types.js";
import type { VectorStoreRecord } from "./vector-store.js";

async function catalogue() {
  const memory = new Memory({ embedder: new FakeEmbedder({ dimension: 32 }) });
  const add = (text: string, metadata: Record<string, unknown>, userId = "alice") =>
    memory.add(text, { userId, metadata });
  await add("green tea in the morning", { topic: "tea", priority: 1, tags: ["daily"] });
  await add("espresso after lunch", { topic: "coffee", priority: 2 });
  await add("oolong on weekends", { topic: "tea", priority: 3, note: "Loose Leaf" });
  await add("bob's black tea", { topic: "tea", priority: 5 }, "bob");
  return memory;
}

const texts = (page: { results: { memory: string }[] }) => page.results.map((item) => item.memory);

describe("mem0 v3 filters", () => {
  it("applies operators, wildcards and AND/OR/NOT in search and getAll, always inside the scope", async () => {
    const memory = await catalogue();
    const getAll = async (filters: Record<string, unknown>) =>
      texts(await memory.getAll({ filters: { user_id: "alice", ...filters } }));
    expect(await getAll({ priority: { gte: 2 } })).toEqual(["espresso after lunch", "oolong on weekends"]);
    expect(await getAll({ priority: { in: [1, 3] } })).toEqual([
      "green tea in the morning",
      "oolong on weekends",
    ]);
    expect(await getAll({ note: "*" })).toEqual(["oolong on weekends"]);
    expect(await getAll({ note: { icontains: "leaf" } })).toEqual(["oolong on weekends"]);
    expect(await getAll({ tags: { contains: "daily" } })).toEqual(["green tea in the morning"]);
    expect(await getAll({ OR: [{ topic: "coffee" }, { priority: 3 }] })).toEqual([
      "espresso after lunch",
      "oolong on weekends",
    ]);
    expect(await getAll({ NOT: [{ topic: "tea" }] })).toEqual(["espresso after lunch"]);
    expect(await getAll({ AND: [{ topic: "tea" }, { priority: { lt: 3 } }] })).toEqual([
      "green tea in the morning",
    ]);
    const searched = await memory.search("tea", {
      filters: { user_id: "alice", topic: "tea", priority: { gt: 1 } },
      threshold: -1,
    });
    expect(texts(searched)).toEqual(["oolong on weekends"]);
  });

  it("refuses an unknown operator or a malformed filter with a typed error naming it, never an empty answer", async () => {
    const memory = await catalogue();
    await expect(
      memory.getAll({ filters: { user_id: "alice", priority: { between: [1, 2] } } }),
    ).rejects.toThrow(/filters\.priority: unknown filter operator "between"/);
    await expect(memory.search("tea", { filters: { user_id: "alice", OR: [] } })).rejects.toThrowError(
      InputError,
    );
    await expect(memory.getAll({ filters: { user_id: "alice", priority: { gte: [1] } } })).rejects.toThrow(
      /filters\.priority\.gte compares with a number or a string/,
    );
    await expect(memory.getAll({ filters: { user_id: "*" } })).rejects.toThrow(/user_id/);
    await expect(memory.getAll({ filters: { topic: "tea" } })).rejects.toThrow(/at least one of user_id/);
  });
});

describe("getAll pages", () => {
  it("returns a cursor whenever a page was capped, and the pages add up to everything in order", async () => {
    const memory = new Memory({ embedder: new FakeEmbedder({ dimension: 16 }) });
    const all = Array.from({ length: 45 }, (_, index) => `memory number ${index}`);
    await memory.add(
      all.map((content) => ({ role: "user", content })),
      { userId: "u" },
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await memory.getAll({ filters: { user_id: "u" }, cursor });
      seen.push(...texts(page));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
    const whole = await memory.getAll({ filters: { user_id: "u" }, topK: 45 });
    expect(whole.nextCursor).toBeUndefined();
    await expect(memory.getAll({ filters: { user_id: "u" }, cursor: "bogus" })).rejects.toThrow(
      /not a cursor/,
    );
  });
});

describe("ids and scopes of id operations", () => {
  it("trims ids, refuses whitespace-only ones, and checks the scope when filters are given", async () => {
    const memory = await catalogue();
    const [bobs] = (await memory.getAll({ filters: { user_id: "bob" } })).results;
    const id = bobs!.id;
    expect((await memory.get(`  ${id}\n`))?.memory).toBe("bob's black tea");
    await expect(memory.get("   ")).rejects.toThrowError(InputError);
    expect(await memory.get(id, { filters: { user_id: "alice" } })).toBeNull();
    await expect(memory.update(id, "hacked", { filters: { user_id: "alice" } })).rejects.toThrowError(
      NotFoundError,
    );
    await expect(memory.delete(id, { filters: { userId: "alice" } })).rejects.toThrowError(NotFoundError);
    expect((await memory.get(id))?.memory).toBe("bob's black tea");
    await memory.update(id, "bob's green tea", { filters: { user_id: "bob" } });
    await memory.delete(id, { filters: { user_id: "bob" } });
    expect((await memory.history(id)).map((entry) => entry.event)).toEqual(["ADD", "UPDATE", "DELETE"]);
  });

  it("trims scope ids and refuses ids with inner whitespace", async () => {
    const memory = new Memory({ embedder: new FakeEmbedder({ dimension: 8 }) });
    await memory.add("x", { userId: "  alice " });
    expect(texts(await memory.getAll({ filters: { user_id: "alice" } }))).toEqual(["x"]);
    await expect(memory.add("y", { userId: "alice smith" })).rejects.toThrow(/whitespace/);
  });
});

describe("history is written with the change", () => {
  it("a failing store write leaves neither the memory nor its history", async () => {
    const written: MemoryHistoryEntry[] = [];
    class FailingStore extends InMemoryVectorStore {
      override async insert(_records: readonly VectorStoreRecord[], history?: readonly MemoryHistoryEntry[]) {
        written.push(...(history ?? []));
        throw new Error("disk full");
      }
    }
    const memory = new Memory({
      embedder: new FakeEmbedder({ dimension: 8 }),
      vectorStore: new FailingStore(),
    });
    await expect(memory.add("x", { userId: "u" })).rejects.toThrow(/disk full/);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ event: "ADD", newValue: "x", previousValue: null });
    expect((await memory.getAll({ filters: { user_id: "u" } })).results).toEqual([]);
  });

  it("close releases the store; later calls fail with a clear error", async () => {
    const memory = new Memory({ embedder: new FakeEmbedder({ dimension: 8 }) });
    await memory.add("x", { userId: "u" });
    await memory.close();
    await memory.close();
    await expect(memory.add("y", { userId: "u" })).rejects.toThrowError(ConfigurationError);
  });
});

describe("export, import and re-embedding", () => {
  it("moves every memory to another model and dimension, keeping ids, scope, metadata and history", async () => {
    const source = await catalogue();
    const [espresso] = (await source.getAll({ filters: { user_id: "alice", topic: "coffee" } })).results;
    await source.update(espresso!.id, "double espresso after lunch");
    const target = new Memory({ embedder: new FakeEmbedder({ dimension: 12, modelId: "other-model" }) });
    expect(await source.reembedInto(target)).toEqual({ copied: 4, alreadyThere: 0 });
    expect(await source.reembedInto(target)).toEqual({ copied: 0, alreadyThere: 4 });
    const moved = await target.get(espresso!.id, { filters: { user_id: "alice" } });
    expect(moved).toMatchObject({
      memory: "double espresso after lunch",
      metadata: { topic: "coffee", priority: 2 },
    });
    expect((await target.history(espresso!.id)).map((entry) => entry.event)).toEqual(["ADD", "UPDATE"]);
    expect(
      texts(await target.search("oolong", { filters: { user_id: "alice" }, topK: 1, threshold: -1 })),
    ).toEqual(["oolong on weekends"]);

    const lines = [];
    for await (const line of source.exportMemories({ filters: { user_id: "bob" } })) lines.push(line);
    expect(lines.map((line) => line.memory)).toEqual(["bob's black tea"]);
    const fresh = new Memory({ embedder: new FakeEmbedder({ dimension: 32 }) });
    expect(await fresh.importMemories(lines)).toMatchObject({ added: 1 });
    expect(await fresh.importMemories(lines)).toMatchObject({ added: 0, unchanged: 1 });
    expect(texts(await fresh.getAll({ filters: { user_id: "bob" } }))).toEqual(["bob's black tea"]);
  });
});
