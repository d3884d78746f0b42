import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError, InputError, VectorError } from "@bedrock-embeddings/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileVectorStore } from "./file-vector-store.js";
import { InMemoryVectorStore } from "./in-memory-vector-store.js";
import type { VectorStore } from "./vector-store.js";

let directory: string;
let counter = 0;

beforeAll(async () => {
  directory = await fs.mkdtemp(join(tmpdir(), "vector-store-"));
});

afterAll(async () => {
  await fs.rm(directory, { recursive: true, force: true });
});

const factories: [string, () => VectorStore][] = [
  ["InMemoryVectorStore", () => new InMemoryVectorStore()],
  ["FileVectorStore", () => new FileVectorStore({ file: join(directory, `store-${++counter}.json`) })],
];

describe.each(factories)("%s", (_name, create) => {
  async function bound(): Promise<VectorStore> {
    const store = create();
    await store.initialize({ dimension: 2, modelId: "m" });
    return store;
  }

  it("records its binding, accepts the same one again and refuses another", async () => {
    const store = await bound();
    expect([store.dimension, store.modelId]).toEqual([2, "m"]);
    await store.initialize({ dimension: 2, modelId: "m" });
    await expect(store.initialize({ dimension: 3, modelId: "m" })).rejects.toThrowError(ConfigurationError);
    await expect(store.initialize({ dimension: 2, modelId: "n" })).rejects.toThrow(/model "m".*"n"/);
    expect([store.dimension, store.modelId]).toEqual([2, "m"]);
  });

  it("refuses writes before initialize", async () => {
    await expect(create().insert([{ id: "a", vector: [1, 0], payload: {} }])).rejects.toThrow(
      /not initialized/,
    );
  });

  it("refuses vectors of another dimension, non-finite and zero vectors, writing nothing", async () => {
    const store = await bound();
    const wrong = store.insert([
      { id: "ok", vector: [1, 0], payload: {} },
      { id: "bad", vector: [1, 0, 0], payload: {} },
    ]);
    await expect(wrong).rejects.toThrowError(VectorError);
    await expect(wrong).rejects.toThrow(
      /"bad" has 3 dimensions, but .* holds 2-dimensional vectors \(model "m"\)/,
    );
    await expect(store.insert([{ id: "nan", vector: [Number.NaN, 1], payload: {} }])).rejects.toThrowError(
      VectorError,
    );
    await expect(store.insert([{ id: "zero", vector: [0, 0], payload: {} }])).rejects.toThrow(/all zeros/);
    await expect(store.search([1, 0, 0], { limit: 1 })).rejects.toThrow(/query vector has 3 dimensions/);
    expect(await store.list()).toEqual([]);
  });

  it("refuses duplicate ids on insert, replaces on upsert and update", async () => {
    const store = await bound();
    await store.insert([{ id: "a", vector: [1, 0], payload: { n: 1 } }]);
    await expect(store.insert([{ id: "a", vector: [1, 0], payload: {} }])).rejects.toThrowError(InputError);
    await expect(
      store.insert([
        { id: "b", vector: [1, 0], payload: {} },
        { id: "b", vector: [0, 1], payload: {} },
      ]),
    ).rejects.toThrow(/appears twice/);
    await store.upsert([
      { id: "a", vector: [0, 1], payload: { n: 2 } },
      { id: "c", vector: [1, 1], payload: { n: 3 } },
    ]);
    expect(await store.get("a")).toEqual({ id: "a", vector: [0, 1], payload: { n: 2 } });
    expect(await store.update({ id: "a", vector: [1, 0], payload: { n: 4 } })).toEqual({
      id: "a",
      payload: { n: 2 },
    });
    expect(await store.update({ id: "missing", vector: [1, 0], payload: {} })).toBeNull();
    expect(await store.get("missing")).toBeNull();
    expect((await store.list()).map((entry) => entry.id)).toEqual(["a", "c"]);
  });

  it("ranks by cosine similarity, keeps insertion order for ties, filters exactly and limits", async () => {
    const store = await bound();
    await store.insert([
      { id: "far", vector: [0, 1], payload: { user_id: "u" } },
      { id: "tie1", vector: [1, 1], payload: { user_id: "u", tag: ["x"] } },
      { id: "best", vector: [2, 0], payload: { user_id: "u" } },
      { id: "tie2", vector: [3, 3], payload: { user_id: "u" } },
      { id: "other", vector: [1, 0], payload: { user_id: "v" } },
    ]);
    const hits = await store.search([1, 0], { filter: { user_id: "u" }, limit: 10 });
    expect(hits.map((hit) => hit.id)).toEqual(["best", "tie1", "tie2", "far"]);
    expect(hits[0]?.score).toBeCloseTo(1, 12);
    expect(hits[1]?.score).toBeCloseTo(Math.SQRT1_2, 12);
    expect(hits[3]?.score).toBeCloseTo(0, 12);
    expect((await store.search([1, 0], { filter: { user_id: "u" }, limit: 2 })).map((hit) => hit.id)).toEqual(
      ["best", "tie1"],
    );
    expect((await store.search([1, 0], { filter: { tag: ["x"] }, limit: 10 })).map((hit) => hit.id)).toEqual([
      "tie1",
    ]);
    await expect(store.search([1, 0], { limit: 0 })).rejects.toThrow(/limit must be a positive integer/);
    expect((await store.list({ filter: { user_id: "u" }, limit: 2 })).map((entry) => entry.id)).toEqual([
      "far",
      "tie1",
    ]);
  });

  it("deletes one or by filter, returning what it removed", async () => {
    const store = await bound();
    await store.insert([
      { id: "a", vector: [1, 0], payload: { user_id: "u" } },
      { id: "b", vector: [0, 1], payload: { user_id: "u" } },
      { id: "c", vector: [1, 1], payload: { user_id: "v" } },
    ]);
    expect(await store.delete("a")).toEqual({ id: "a", payload: { user_id: "u" } });
    expect(await store.delete("a")).toBeNull();
    expect(await store.deleteWhere({ user_id: "u" })).toEqual([{ id: "b", payload: { user_id: "u" } }]);
    expect((await store.list()).map((entry) => entry.id)).toEqual(["c"]);
  });

  it("returns copies, so callers cannot change stored payloads or vectors", async () => {
    const store = await bound();
    const payload = { tags: ["a"] };
    const vector = [1, 0];
    await store.insert([{ id: "a", vector, payload }]);
    payload.tags.push("b");
    vector[0] = 0;
    const read = await store.get("a");
    read!.payload["tags"] = [];
    expect(await store.get("a")).toEqual({ id: "a", vector: [1, 0], payload: { tags: ["a"] } });
  });

  it("reset forgets records and the binding", async () => {
    const store = await bound();
    await store.insert([{ id: "a", vector: [1, 0], payload: {} }]);
    await store.reset();
    expect(store.dimension).toBeUndefined();
    await store.initialize({ dimension: 3, modelId: "n" });
    expect(await store.list()).toEqual([]);
  });
});

describe("FileVectorStore", () => {
  it("reloads exactly what was written, including float vectors and nested payloads", async () => {
    const file = join(directory, "reload.json");
    const store = new FileVectorStore({ file });
    await store.initialize({ dimension: 3, modelId: "m" });
    const record = {
      id: "a",
      vector: [0.1, 1 / 3, -2e-12],
      payload: { nested: { list: [1, "x", null, true] } },
    };
    await store.insert([record]);
    const reopened = new FileVectorStore({ file });
    expect(reopened.dimension).toBeUndefined();
    expect(await reopened.get("a")).toEqual(record);
    expect([reopened.dimension, reopened.modelId]).toEqual([3, "m"]);
  });

  it("saves concurrent writes together: every one is durable, with fewer file writes than calls", async () => {
    const file = join(directory, "group.json");
    let renames = 0;
    const store = new FileVectorStore({
      file,
      fileSystem: {
        ...fs,
        rename: async (from, to) => {
          renames++;
          return fs.rename(from, to);
        },
      },
    });
    await store.initialize({ dimension: 2, modelId: "m" });
    renames = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        store.insert([{ id: `r${index}`, vector: [1, index], payload: {} }]),
      ),
    );
    expect(renames).toBeGreaterThan(0);
    expect(renames).toBeLessThan(20);
    expect(await new FileVectorStore({ file }).list()).toHaveLength(20);
  });

  it("a write that fails validation rejects alone; the others queued with it are saved", async () => {
    const file = join(directory, "isolation.json");
    const store = new FileVectorStore({ file });
    await store.initialize({ dimension: 2, modelId: "m" });
    const results = await Promise.allSettled([
      store.insert([{ id: "a", vector: [1, 0], payload: {} }]),
      store.insert([{ id: "bad", vector: [1], payload: {} }]),
      store.insert([{ id: "b", vector: [0, 1], payload: {} }]),
    ]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((await new FileVectorStore({ file }).list()).map((entry) => entry.id)).toEqual(["a", "b"]);
  });

  it("does not write when nothing changed", async () => {
    const file = join(directory, "unchanged.json");
    const store = new FileVectorStore({ file });
    await store.initialize({ dimension: 2, modelId: "m" });
    const { mtimeMs } = await fs.stat(file);
    await fs.utimes(file, 0, 0);
    await store.initialize({ dimension: 2, modelId: "m" });
    expect(await store.delete("missing")).toBeNull();
    expect((await fs.stat(file)).mtimeMs).toBe(0);
    expect(mtimeMs).toBeGreaterThan(0);
  });
});
