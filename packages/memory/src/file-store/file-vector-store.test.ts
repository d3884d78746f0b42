import { mkdtemp, open, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError, InputError } from "@bedrock-embeddings/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { matchesFilter } from "../filter/matches-filter.js";
import { parseFilter } from "../filter/parse-filter.js";
import type { MemoryHistoryEntry } from "../memory-types.js";
import type { VectorStoreRecord } from "../vector-store.js";
import { FileVectorStore } from "./file-vector-store.js";
import { decodeFrame, LOG_FILE_HEADER } from "./log-frame.js";
import { readRecords } from "./log-reader.js";

let directory: string;
const opened: FileVectorStore[] = [];

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "file-vector-store-"));
});

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  await rm(directory, { recursive: true, force: true });
});

async function openStore(dimension = 2, where = directory): Promise<FileVectorStore> {
  const store = new FileVectorStore({ directory: where });
  opened.push(store);
  await store.initialize({ dimension, modelId: "model-a" });
  return store;
}

const record = (
  id: string,
  vector: number[],
  payload: Record<string, string | number> = {},
): VectorStoreRecord => ({
  id,
  vector,
  payload,
});

const added = (memoryId: string): MemoryHistoryEntry => ({
  id: `h-${memoryId}`,
  memoryId,
  previousValue: null,
  newValue: memoryId,
  event: "ADD",
  createdAt: "2026-12-07T12:00:00.000Z",
});

// Pseudo-random but repeatable vectors.
function vectors(count: number, dimension: number, seed = 1): number[][] {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  };
  return Array.from({ length: count }, () => Array.from({ length: dimension }, next));
}

function cosine(left: readonly number[], right: readonly number[]): number {
  let dot = 0;
  let leftSquares = 0;
  let rightSquares = 0;
  left.forEach((value, index) => {
    dot += value * right[index]!;
    leftSquares += value * value;
    rightSquares += right[index]! * right[index]!;
  });
  return dot / Math.sqrt(leftSquares * rightSquares);
}

describe("FileVectorStore", () => {
  it("needs a directory and a valid collection name", () => {
    expect(() => new FileVectorStore({} as { directory: string })).toThrowError(ConfigurationError);
    expect(() => new FileVectorStore({ directory: " " })).toThrow(
      /never picks a temporary or working directory/,
    );
    expect(() => new FileVectorStore({ directory, collection: "../other" })).toThrowError(ConfigurationError);
    expect(new FileVectorStore({ directory, collection: "support-bot_2" }).file).toBe(
      join(directory, "support-bot_2.log"),
    );
  });

  it("creates nothing until the first write, then the directories and the log", async () => {
    const nested = join(directory, "a", "b");
    const store = new FileVectorStore({ directory: nested });
    opened.push(store);
    expect((await store.list()).entries).toEqual([]);
    expect(await store.get("x")).toBeNull();
    await expect(stat(nested)).rejects.toThrow(/ENOENT/);
    await store.initialize({ dimension: 2, modelId: "model-a" });
    expect((await readFile(join(nested, "memories.log"))).subarray(0, LOG_FILE_HEADER.length)).toEqual(
      LOG_FILE_HEADER,
    );
  });

  it("writes a memory and its history as one record", async () => {
    const store = await openStore();
    await store.insert([record("a", [1, 0], { data: "one" })], [added("a")]);
    const handle = await open(store.file, "r");
    const kinds: string[] = [];
    await readRecords(handle, LOG_FILE_HEADER.length, (buffer, at, bodyLength) => {
      const frame = decodeFrame(buffer, at, bodyLength);
      const history =
        frame.historyBytes > 0
          ? buffer.toString("utf8", frame.historyAt, frame.historyAt + frame.historyBytes)
          : "";
      kinds.push(`${frame.record.kind} ${JSON.parse(history || "[]").length} history`);
    });
    await handle.close();
    expect(kinds).toEqual(["bind 0 history", "put 1 history"]);
  });

  it("reopens with the same records, float32 vectors, order, cursors and history", async () => {
    const store = await openStore(3);
    const originals = vectors(6, 3);
    for (const [index, vector] of originals.entries()) {
      await store.insert(
        [record(`m${index}`, vector, { user_id: index % 2 ? "odd" : "even" })],
        [added(`m${index}`)],
      );
    }
    await store.update(record("m1", [1, 2, 3], { user_id: "odd", changed: 1 }), {
      history: (previous) => [
        {
          ...added("m1"),
          id: "h-m1-update",
          event: "UPDATE",
          previousValue: String(previous.payload["user_id"]),
        },
      ],
    });
    await store.delete("m2", { history: () => [{ ...added("m2"), id: "h-m2-delete", event: "DELETE" }] });
    const firstPage = await store.list({ limit: 2 });
    await store.close();

    const again = await openStore(3);
    expect((await again.list()).entries.map((entry) => entry.id)).toEqual(["m0", "m1", "m3", "m4", "m5"]);
    expect(await again.get("m1")).toEqual(record("m1", [1, 2, 3], { user_id: "odd", changed: 1 }));
    expect((await again.get("m4"))?.vector).toEqual(originals[4]!.map((value) => Math.fround(value)));
    const secondPage = await again.list({ limit: 2, cursor: firstPage.nextCursor });
    expect(secondPage.entries.map((entry) => entry.id)).toEqual(["m3", "m4"]);
    expect((await again.history("m1")).map((entry) => [entry.event, entry.previousValue])).toEqual([
      ["ADD", null],
      ["UPDATE", "odd"],
    ]);
    expect((await again.history("m2")).map((entry) => entry.event)).toEqual(["ADD", "DELETE"]);
    const query = [0.3, -0.2, 0.9];
    const live = {
      m0: originals[0]!,
      m1: [1, 2, 3],
      m3: originals[3]!,
      m4: originals[4]!,
      m5: originals[5]!,
    };
    const expected = Object.entries(live)
      .map(([id, vector]) => ({ id, score: cosine(query, vector) }))
      .sort((left, right) => right.score - left.score);
    expect((await again.search(query, { limit: 5 })).map((hit) => hit.id)).toEqual(
      expected.map((hit) => hit.id),
    );
  });

  it("keeps list cursors valid across compaction, which keeps all history and shrinks the log", async () => {
    const store = await openStore();
    const count = 60;
    await store.insert(
      Array.from({ length: count }, (_, index) =>
        record(`r${index}`, [1, index + 1], { keep: index % 4 === 0 ? "yes" : "no" }),
      ),
      Array.from({ length: count }, (_, index) => added(`r${index}`)),
    );
    const firstPage = await store.list({ limit: 5 });
    await store.deleteWhere(parseFilter({ keep: "no" }), {
      history: (removed) =>
        removed.map((entry) => ({ ...added(entry.id), id: `d-${entry.id}`, event: "DELETE" as const })),
    });
    const sizeBefore = (await stat(store.file)).size;
    const inodeBefore = (await stat(store.file)).ino;
    await store.compact();
    expect((await stat(store.file)).size).toBeLessThan(sizeBefore);
    expect((await stat(store.file)).ino).not.toBe(inodeBefore);

    const rest = await store.list({ cursor: firstPage.nextCursor });
    expect(rest.entries.map((entry) => entry.id)).toEqual(
      Array.from({ length: count }, (_, index) => index)
        .filter((index) => index >= 5 && index % 4 === 0)
        .map((index) => `r${index}`),
    );
    await store.close();
    const again = await openStore();
    expect((await again.list()).entries).toHaveLength(count / 4);
    expect((await again.history("r1")).map((entry) => entry.event)).toEqual(["ADD", "DELETE"]);
    await again.insert([record("after", [1, 1])]);
    expect((await again.list({ cursor: firstPage.nextCursor })).entries.at(-1)?.id).toBe("after");
  });

  it("compacts by itself on open when more than half of a log of several MB is dead", async () => {
    const store = await openStore(1024);
    const all = vectors(2500, 1024);
    for (let start = 0; start < all.length; start += 500) {
      await store.insert(
        all
          .slice(start, start + 500)
          .map((vector, index) =>
            record(`v${start + index}`, vector, { user_id: `u${(start + index) % 5}` }),
          ),
      );
    }
    await store.deleteWhere(parseFilter({ user_id: { ne: "u0" } }));
    await store.close();
    const sizeBefore = (await stat(store.file)).size;
    expect(sizeBefore).toBeGreaterThan(10_000_000);

    const again = new FileVectorStore({ directory });
    opened.push(again);
    expect((await again.list()).entries).toHaveLength(500);
    expect((await stat(again.file)).size).toBeLessThan(sizeBefore / 4);
    expect((await again.get("v5"))?.vector).toEqual(all[5]!.map((value) => Math.fround(value)));
  });

  it("reset leaves nothing for a reopen, and another instance sees it", async () => {
    const store = await openStore();
    await store.insert([record("a", [1, 0])], [added("a")]);
    const other = await openStore();
    expect(await other.get("a")).not.toBeNull();
    await store.reset();
    expect((await other.list()).entries).toEqual([]);
    expect(other.dimension).toBeUndefined();
    await store.close();
    const again = new FileVectorStore({ directory });
    opened.push(again);
    expect((await again.list()).entries).toEqual([]);
    expect(await again.history("a")).toEqual([]);
    expect(again.modelId).toBeUndefined();
    await again.initialize({ dimension: 3, modelId: "model-b" });
  });

  it("close waits for the writes already made, then refuses calls with a clear error", async () => {
    const store = new FileVectorStore({ directory });
    await store.initialize({ dimension: 2, modelId: "model-a" });
    const write = store.insert([record("a", [1, 0])], [added("a")]);
    await store.close();
    await write;
    await expect(store.list()).rejects.toThrow(/memories\.log was closed/);
    await expect(store.insert([record("b", [1, 0])])).rejects.toThrowError(ConfigurationError);
    await store.close();
    const again = await openStore();
    expect(await again.get("a")).not.toBeNull();
  });

  it("finds the same hits through the scope index as a full scan would", async () => {
    const store = await openStore(8);
    const all = vectors(400, 8, 7);
    await store.insert(
      all.map((vector, index) =>
        record(`s${index}`, vector, {
          user_id: `u${index % 10}`,
          agent_id: `a${index % 3}`,
          topic: index % 4,
        }),
      ),
    );
    for (const written of [
      { user_id: "u3" },
      { user_id: "u3", topic: 1 },
      { user_id: { in: ["u1", "u2"] }, agent_id: "a2" },
      { agent_id: "a1", OR: [{ topic: 0 }, { topic: 3 }] },
      { topic: { gte: 2 } },
    ]) {
      const filter = parseFilter(written);
      const query = vectors(1, 8, 99)[0]!;
      const expected = all
        .map((vector, index) => ({ id: `s${index}`, index, score: cosine(query, vector) }))
        .filter(({ index }) =>
          matchesFilter({ user_id: `u${index % 10}`, agent_id: `a${index % 3}`, topic: index % 4 }, filter),
        )
        .sort((left, right) => right.score - left.score)
        .slice(0, 7);
      const hits = await store.search(query, { filter, limit: 7 });
      expect(
        hits.map((hit) => hit.id),
        JSON.stringify(written),
      ).toEqual(expected.map((hit) => hit.id));
      for (const [index, hit] of hits.entries()) expect(hit.score).toBeCloseTo(expected[index]!.score, 5);
    }
  });

  it("scans every chunk of the arena (with a helper thread), reusing the slots of deleted vectors", async () => {
    const store = new FileVectorStore({ directory }, { minimumSlots: 0, helperCount: 1 });
    opened.push(store);
    await store.initialize({ dimension: 4, modelId: "model-a" });
    const all = vectors(5000, 4, 3);
    await store.insert(all.map((vector, index) => record(`c${index}`, vector)));
    for (let index = 0; index < 5000; index += 7) await store.delete(`c${index}`);
    const reused = vectors(300, 4, 5);
    await store.insert(reused.map((vector, index) => record(`n${index}`, vector)));
    const live = [
      ...all.map((vector, index) => ({ id: `c${index}`, vector })).filter((_, index) => index % 7 !== 0),
      ...reused.map((vector, index) => ({ id: `n${index}`, vector })),
    ];
    const query = [0.1, -0.7, 0.2, 0.4];
    const expected = live
      .map(({ id, vector }) => ({ id, score: cosine(query, vector) }))
      .sort((left, right) => right.score - left.score)
      .slice(0, 10);
    expect((await store.search(query, { limit: 10 })).map((hit) => hit.id)).toEqual(
      expected.map((hit) => hit.id),
    );
    expect((await store.list()).entries.at(-1)?.id).toBe("n299");
  });

  it("refuses payloads and history that are not plain JSON, writing nothing", async () => {
    const store = await openStore();
    await expect(
      store.insert([{ id: "a", vector: [1, 0], payload: { when: new Date() } as never }]),
    ).rejects.toThrowError(InputError);
    await expect(store.insert([record("b", [1, 0])], "not a list" as never)).rejects.toThrowError(InputError);
    await expect(store.insert([record("c", [1, 0])], [{ id: "x" } as never])).rejects.toThrow(/memoryId/);
    expect((await store.list()).entries).toEqual([]);
  });
});
