import { InputError } from "@bedrock-embeddings/core";
import { FakeEmbedder } from "@bedrock-embeddings/core/testing";
import { describe, expect, it } from "vitest";
import { InMemoryVectorStore } from "../in-memory-vector-store.js";
import { exportMemories } from "./export-memories.js";
import { type ImportCounts, importMemories } from "./import-memories.js";
import { allIds, SEED_MEMORIES, seedStore } from "./transfer.test-helpers.js";

const CLOCK = () => new Date("2026-05-05T05:05:05.000Z");

async function exportedLines(includeVectors: boolean, embedder = new FakeEmbedder({ modelId: "model-a" })) {
  const source = new InMemoryVectorStore();
  await seedStore(source, embedder, SEED_MEMORIES);
  const lines: string[] = [];
  for await (const line of exportMemories(source, { includeVectors })) lines.push(JSON.stringify(line));
  return { source, lines };
}

function line(fields: Record<string, unknown>): string {
  return JSON.stringify({ id: "x", memory: "some text", user_id: "alice", ...fields });
}

async function importError(run: Promise<unknown>): Promise<InputError> {
  const error = await run.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!InputError.isInstance(error)) throw new Error(`expected an InputError, got ${String(error)}`);
  return error;
}

describe("importMemories", () => {
  it("reuses exported vectors of the same model and dimension, keeping ids, payloads and timestamps", async () => {
    const { source, lines } = await exportedLines(true);
    const target = new InMemoryVectorStore();
    const embedder = new FakeEmbedder({ modelId: "model-a" });
    const counts = await importMemories(target, embedder, lines, { clock: CLOCK });
    expect(counts).toEqual({ added: 5, updated: 0, unchanged: 0, skipped: 0, embedded: 0, reusedVectors: 5 });
    expect(embedder.calls).toEqual([]);
    expect(await allIds(target)).toEqual(["m1", "m2", "m3", "m4", "m5"]);
    for (const id of ["m1", "m3", "m5"]) expect(await target.get(id)).toEqual(await source.get(id));
    const history = await target.history("m3");
    expect(history).toEqual([
      expect.objectContaining({
        memoryId: "m3",
        event: "ADD",
        previousValue: null,
        newValue: "Alice moved to Lisbon",
        createdAt: "2026-02-01T00:00:00.000Z",
      }),
    ]);
  });

  it("embeds texts in batches as documents when the lines have no vector or another model", async () => {
    const { lines } = await exportedLines(true);
    const target = new InMemoryVectorStore();
    const embedder = new FakeEmbedder({ modelId: "model-b", dimension: 12 });
    const counts = await importMemories(target, embedder, lines, { batchSize: 2 });
    expect(counts).toMatchObject({ added: 5, embedded: 5, reusedVectors: 0 });
    expect(embedder.calls.map((call) => [call.texts.length, call.memoryAction])).toEqual([
      [2, "add"],
      [2, "add"],
      [1, "add"],
    ]);
    expect((await target.get("m4"))?.vector).toHaveLength(12);
    expect([target.dimension, target.modelId]).toEqual([12, "model-b"]);
  });

  it("changes nothing when the same import runs again", async () => {
    const { lines } = await exportedLines(false);
    const target = new InMemoryVectorStore();
    const embedder = new FakeEmbedder({ modelId: "model-a" });
    await importMemories(target, embedder, lines);
    const before = await Promise.all(["m1", "m2", "m3", "m4", "m5"].map((id) => target.get(id)));
    const callsBefore = embedder.calls.length;
    const again = await importMemories(target, embedder, lines);
    expect(again).toEqual({ added: 0, updated: 0, unchanged: 5, skipped: 0, embedded: 0, reusedVectors: 0 });
    expect(embedder.calls.length).toBe(callsBefore);
    expect(await allIds(target)).toEqual(["m1", "m2", "m3", "m4", "m5"]);
    expect(await Promise.all(["m1", "m2", "m3", "m4", "m5"].map((id) => target.get(id)))).toEqual(before);
    expect(await target.history("m1")).toHaveLength(1);
  });

  it("keeps the stored creation time of a line without one, so a repeated import is unchanged", async () => {
    const target = new InMemoryVectorStore();
    const embedder = new FakeEmbedder();
    const input = [line({ id: "n1" })];
    await importMemories(target, embedder, input, { clock: CLOCK });
    const first = await target.get("n1");
    expect(typeof first?.payload["created_at"]).toBe("string");
    const again = await importMemories(target, embedder, input, {
      clock: () => new Date("2027-01-01T00:00:00.000Z"),
    });
    expect(again.unchanged).toBe(1);
    expect(await target.get("n1")).toEqual(first);
  });

  it("replaces a memory whose line changed, with an UPDATE history entry, reusing the vector of an unchanged text", async () => {
    const target = new InMemoryVectorStore();
    const embedder = new FakeEmbedder();
    await importMemories(target, embedder, [line({ id: "n1", metadata: { topic: "a" } })]);
    const calls = embedder.calls.length;
    const counts = await importMemories(target, embedder, [line({ id: "n1", metadata: { topic: "b" } })], {
      clock: CLOCK,
    });
    expect(counts).toMatchObject({ updated: 1, embedded: 0, reusedVectors: 1 });
    expect(embedder.calls.length).toBe(calls);
    expect((await target.get("n1"))?.payload["topic"]).toBe("b");
    const history = await target.history("n1");
    expect(history.map((entry) => entry.event)).toEqual(["ADD", "UPDATE"]);
    expect(history[1]).toMatchObject({
      previousValue: "some text",
      newValue: "some text",
      createdAt: CLOCK().toISOString(),
    });
  });

  it("writes a later line for an id given earlier in the same input after it", async () => {
    const target = new InMemoryVectorStore();
    const counts = await importMemories(target, new FakeEmbedder(), [
      line({ id: "n1", memory: "first" }),
      line({ id: "n1", memory: "second" }),
    ]);
    expect(counts).toMatchObject({ added: 1, updated: 1 });
    expect((await target.get("n1"))?.payload["data"]).toBe("second");
  });

  it("stops at an invalid line naming the line and key, keeping everything before it", async () => {
    const target = new InMemoryVectorStore();
    let progress: ImportCounts | undefined;
    const error = await importError(
      importMemories(
        target,
        new FakeEmbedder(),
        [line({ id: "a" }), "", line({ id: "b" }), line({ id: "c", memory: "" }), line({ id: "d" })],
        {
          batchSize: 10,
          onProgress: (counts) => {
            progress = { ...counts };
          },
        },
      ),
    );
    expect(error.message).toMatch(/^line 4: memory must be a non-empty string/);
    expect(error.message).toContain("2 memories written before it are kept");
    expect(progress?.added).toBe(2);
    expect(await allIds(target)).toEqual(["a", "b"]);
  });

  it("skips invalid lines when asked, reporting each", async () => {
    const target = new InMemoryVectorStore();
    const skipped: string[] = [];
    const counts = await importMemories(
      target,
      new FakeEmbedder(),
      [
        line({ id: "a" }),
        "{not json",
        line({ id: "b", score: 0.9 }),
        line({ id: "c", user_id: undefined }),
        line({ id: "d", metadata: { data: "x" } }),
        line({ id: "e", created_at: "yesterday" }),
        line({ id: "f", vector: [1, 0], model: "m", dimension: 3 }),
        line({ id: "g" }),
      ],
      { skipInvalid: true, onSkipped: (error) => skipped.push(error.message) },
    );
    expect(counts).toMatchObject({ added: 2, skipped: 6 });
    expect(await allIds(target)).toEqual(["a", "g"]);
    expect(skipped[0]).toMatch(/^line 2: the line is not valid JSON/);
    expect(skipped[1]).toMatch(/^line 3: unknown key "score"/);
    expect(skipped[2]).toMatch(/^line 4: .*user_id, agent_id or run_id/);
    expect(skipped[3]).toMatch(/^line 5: metadata\.data is reserved/);
    expect(skipped[4]).toMatch(/^line 6: created_at must be an ISO 8601 date/);
    expect(skipped[5]).toMatch(/^line 7: dimension \(3\) does not match the vector's length 2/);
  });

  it("reads an async iterable of parsed objects", async () => {
    async function* objects() {
      yield { id: "o1", memory: "from a generator", agent_id: "helper" };
    }
    const target = new InMemoryVectorStore();
    expect((await importMemories(target, new FakeEmbedder(), objects())).added).toBe(1);
    expect((await target.get("o1"))?.payload["agent_id"]).toBe("helper");
  });
});
