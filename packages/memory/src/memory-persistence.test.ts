import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError } from "@bedrock-embeddings/core";
import { FakeEmbedder } from "@bedrock-embeddings/core/testing";
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
    expect(await fs.readdir(directory)).toContain("memories.log");
  });

  it("keeps 50 concurrent adds, all of which survive a restart", async () => {
    const memory = open();
    const texts = Array.from({ length: 50 }, (_, index) => `memory number ${index}`);
    const added = await Promise.all(texts.map((text) => memory.add(text, { userId: "u" })));
    const ids = added.map((result) => result.results[0]!.id);
    expect(new Set(ids).size).toBe(50);

    const restarted = open();
    const all = await restarted.getAll({ filters: { user_id: "u" }, topK: 1000 });
    expect(all.results.map((item) => item.memory).sort()).toEqual([...texts].sort());
    for (const id of ids) expect(await restarted.history(id)).toHaveLength(1);
  });

  it("keeps separate collections in separate logs", async () => {
    const embedder = new FakeEmbedder({ dimension: 32 });
    await new Memory({ embedder, dataDirectory: directory, collection: "work" }).add("w", { userId: "u" });
    await new Memory({ embedder, dataDirectory: directory }).add("h", { userId: "u" });
    const work = await new Memory({ embedder, dataDirectory: directory, collection: "work" }).getAll({
      filters: { user_id: "u" },
    });
    expect(work.results.map((item) => item.memory)).toEqual(["w"]);
  });

  it("reset empties the log, and the directory can then be bound to another model", async () => {
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
  it("names the stored and new dimensions and says how to re-embed, changing nothing", async () => {
    await open(new FakeEmbedder({ dimension: 32 })).add("x", { userId: "u" });
    const before = await fs.readFile(join(directory, "memories.log"));
    const changed = open(new FakeEmbedder({ dimension: 16 }));
    const attempt = changed.search("x", { filters: { user_id: "u" } });
    await expect(attempt).rejects.toThrowError(ConfigurationError);
    await expect(attempt).rejects.toThrow(
      /memories\.log: The memory store holds 32-dimensional vectors from model "fake-embedding-model", but the embedder produces 16-dimensional vectors/,
    );
    await expect(changed.add("y", { userId: "u" })).rejects.toThrow(/memory reembed --to/);
    expect((await fs.readFile(join(directory, "memories.log"))).equals(before)).toBe(true);

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
