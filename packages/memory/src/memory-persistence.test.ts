import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError, FakeEmbedder } from "@bedrock-embeddings/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Memory } from "./memory.js";

let directory: string;

beforeEach(async () => {
  directory = await fs.mkdtemp(join(tmpdir(), "memory-persistence-"));
});

afterEach(async () => {
  await fs.rm(directory, { recursive: true, force: true });
});

function open(embedder = new FakeEmbedder({ dimension: 32 })): Memory {
  return new Memory({ embedder, dataDirectory: directory });
}

describe("persistence across a restart", () => {
  it("a new Memory on the same directory sees every memory, its metadata, scores and history", async () => {
    const first = open();
    const [tea] = (
      await first.add("Alice likes green tea", { userId: "alice", metadata: { topic: "drinks" } })
    ).results;
    await first.add([{ role: "user", content: "I moved to Lisbon" }], { agentId: "a1", runId: "r1" });
    const [gone] = (await first.add("temporary", { userId: "alice" })).results;
    await first.update(tea!.id, "Alice prefers oolong tea");
    await first.delete(gone!.id);

    const second = open();
    expect(await second.get(tea!.id)).toEqual(await first.get(tea!.id));
    expect(await second.getAll({ filters: { user_id: "alice" } })).toEqual(
      await first.getAll({ filters: { user_id: "alice" } }),
    );
    const query = { filters: { agent_id: "a1" }, threshold: -1 };
    expect(await second.search("Lisbon", query)).toEqual(await first.search("Lisbon", query));
    expect((await second.history(tea!.id)).map((entry) => entry.event)).toEqual(["ADD", "UPDATE"]);
    expect((await second.history(gone!.id)).map((entry) => entry.event)).toEqual(["ADD", "DELETE"]);
    expect((await fs.readdir(directory)).sort()).toEqual(["memories.history.json", "memories.json"]);
  });

  it("keeps 50 concurrent adds, all of which survive a restart, leaving no temp files", async () => {
    const memory = open();
    const texts = Array.from({ length: 50 }, (_, index) => `memory number ${index}`);
    const added = await Promise.all(texts.map((text) => memory.add(text, { userId: "u" })));
    const ids = added.map((result) => result.results[0]!.id);
    expect(new Set(ids).size).toBe(50);

    const restarted = open();
    const all = await restarted.getAll({ filters: { user_id: "u" }, topK: 1000 });
    expect(all.results.map((item) => item.memory).sort()).toEqual([...texts].sort());
    for (const id of ids) expect(await restarted.history(id)).toHaveLength(1);
    expect((await fs.readdir(directory)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("after a crash mid-write, opens the last complete file and clears the leftover temp file", async () => {
    const first = open();
    await first.add("acknowledged", { userId: "u" });
    const complete = await fs.readFile(join(directory, "memories.json"), "utf8");
    // What a crash between writing the temp file and renaming it leaves behind.
    const leftover = join(directory, ".memories.json.4242.deadbeef0000.tmp");
    await fs.writeFile(leftover, complete.slice(0, complete.length / 2));

    const restarted = open();
    const all = await restarted.getAll({ filters: { user_id: "u" } });
    expect(all.results.map((item) => item.memory)).toEqual(["acknowledged"]);
    expect((await fs.readdir(directory)).sort()).toEqual(["memories.history.json", "memories.json"]);
  });

  it("keeps separate collections in separate files", async () => {
    const embedder = new FakeEmbedder({ dimension: 32 });
    await new Memory({ embedder, dataDirectory: directory, collection: "work" }).add("w", { userId: "u" });
    await new Memory({ embedder, dataDirectory: directory }).add("h", { userId: "u" });
    const work = await new Memory({ embedder, dataDirectory: directory, collection: "work" }).getAll({
      filters: { user_id: "u" },
    });
    expect(work.results.map((item) => item.memory)).toEqual(["w"]);
  });

  it("reset empties the files, and the directory can then be bound to another model", async () => {
    const memory = open();
    await memory.add("x", { userId: "u" });
    await memory.reset();
    const other = open(new FakeEmbedder({ dimension: 16, modelId: "other-model" }));
    await other.add("y", { userId: "u" });
    expect(
      (
        await open(new FakeEmbedder({ dimension: 16, modelId: "other-model" })).getAll({
          filters: { user_id: "u" },
        })
      ).results.map((item) => item.memory),
    ).toEqual(["y"]);
  });
});

describe("refusing a different embedder on an existing directory", () => {
  it("names the stored and new dimensions and says to re-index or use a new directory", async () => {
    await open(new FakeEmbedder({ dimension: 32 })).add("x", { userId: "u" });
    const before = await fs.readFile(join(directory, "memories.json"), "utf8");
    const changed = open(new FakeEmbedder({ dimension: 16 }));
    const attempt = changed.search("x", { filters: { user_id: "u" } });
    await expect(attempt).rejects.toThrowError(ConfigurationError);
    await expect(attempt).rejects.toThrow(
      /memories\.json: The memory store holds 32-dimensional vectors from model "fake-embedding-model", but the embedder produces 16-dimensional vectors/,
    );
    await expect(changed.add("y", { userId: "u" })).rejects.toThrow(
      /Re-index: point dataDirectory .* at a new location/,
    );
    expect(await fs.readFile(join(directory, "memories.json"), "utf8")).toBe(before);

    // The way out the message names: reset() works without binding first, then the new embedder binds.
    await changed.reset();
    await changed.add("y", { userId: "u" });
    expect(
      (await open(new FakeEmbedder({ dimension: 16 })).getAll({ filters: { user_id: "u" } })).results,
    ).toHaveLength(1);
  });

  it("detects a dimension change also when the dimension is probed", async () => {
    await open(new FakeEmbedder({ dimension: 32 })).add("x", { userId: "u" });
    const probed = open(new FakeEmbedder({ dimension: 16, dimensionKnown: false }));
    await expect(probed.getAll({ filters: { user_id: "u" } })).rejects.toThrow(
      /holds 32-dimensional .* produces 16/,
    );
  });

  it("refuses a different model with the same dimension", async () => {
    await open(new FakeEmbedder({ dimension: 32, modelId: "amazon.titan-embed-text-v2:0" })).add("x", {
      userId: "u",
    });
    const other = open(new FakeEmbedder({ dimension: 32, modelId: "cohere.embed-english-v3" }));
    const attempt = other.add("y", { userId: "u" });
    await expect(attempt).rejects.toThrowError(ConfigurationError);
    await expect(attempt).rejects.toThrow(
      /holds vectors from model "amazon.titan-embed-text-v2:0", but the embedder is "cohere.embed-english-v3".*mixing/,
    );
    const same = open(new FakeEmbedder({ dimension: 32, modelId: "amazon.titan-embed-text-v2:0" }));
    expect((await same.getAll({ filters: { user_id: "u" } })).results).toHaveLength(1);
  });
});

describe("corrupted files", () => {
  it.each([
    ["garbage", "this is not json"],
    [
      "a truncated file",
      '{"format":"bedrock-embeddings/vector-store","version":1,"dimension":32,"modelId":"m","records":[\n{"id":"a"',
    ],
    ["an empty file", ""],
    ["another format", '{"hello":"world"}'],
  ])(
    "a vector file holding %s is a clear error naming the file, and is never overwritten",
    async (_label, content) => {
      const file = join(directory, "memories.json");
      await fs.writeFile(file, content);
      const memory = open();
      const attempt = memory.search("x", { filters: { user_id: "u" } });
      await expect(attempt).rejects.toThrowError(ConfigurationError);
      await expect(attempt).rejects.toThrow(`${file}: the store file is corrupted`);
      await expect(attempt).rejects.toThrow(/left untouched/);
      await expect(memory.add("y", { userId: "u" })).rejects.toThrowError(ConfigurationError);
      await expect(memory.reset()).rejects.toThrowError(ConfigurationError);
      expect(await fs.readFile(file, "utf8")).toBe(content);
    },
  );

  it("names the invalid record and keeps the cause", async () => {
    await open().add(
      [
        { role: "user", content: "a" },
        { role: "user", content: "b" },
      ],
      { userId: "u" },
    );
    const file = join(directory, "memories.json");
    const document = JSON.parse(await fs.readFile(file, "utf8"));
    document.records[1].vector = document.records[1].vector.slice(1);
    await fs.writeFile(file, JSON.stringify(document));
    const error = await open()
      .get("x")
      .catch((caught: unknown) => caught);
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/record 1 is invalid .*31 dimensions.*holds 32-dimensional/);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it("a corrupted history file is a clear error naming it", async () => {
    const memory = open();
    const [item] = (await memory.add("a", { userId: "u" })).results;
    const file = join(directory, "memories.history.json");
    await fs.writeFile(
      file,
      '{"format":"bedrock-embeddings/memory-history","version":1,"entries":[{"id":1}]}',
    );
    await expect(open().history(item!.id)).rejects.toThrow(
      `${file}: the store file is corrupted or not a store file: history entry 0`,
    );
  });

  it("opens once the file is moved aside, starting empty", async () => {
    const file = join(directory, "memories.json");
    await fs.writeFile(file, "{broken");
    const memory = open();
    await expect(memory.getAll({ filters: { user_id: "u" } })).rejects.toThrowError(ConfigurationError);
    await fs.rename(file, `${file}.broken`);
    expect((await memory.getAll({ filters: { user_id: "u" } })).results).toEqual([]);
  });
});
