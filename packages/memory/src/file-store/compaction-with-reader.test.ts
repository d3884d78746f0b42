import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseFilter } from "../filter/parse-filter.js";
import { FileVectorStore } from "./file-vector-store.js";
import { StoreChild } from "./store-child.test-helpers.js";

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "compaction-with-reader-"));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const count = (child: StoreChild) => child.ask({ op: "count" }, (message) => "count" in message);

describe("FileVectorStore compaction with another live process", () => {
  it("lets the other process go on reading and writing the compacted log", async () => {
    const store = new FileVectorStore({ directory });
    await store.initialize({ dimension: 8, modelId: "test-model" });
    await store.insert(
      Array.from({ length: 300 }, (_, index) => ({
        id: `c${index}`,
        vector: [1, 2, 3, 4, 5, 6, 7, index + 1],
        payload: { user_id: index < 100 ? "kept" : "gone" },
      })),
      Array.from({ length: 300 }, (_, index) => ({
        id: `h-c${index}`,
        memoryId: `c${index}`,
        previousValue: null,
        newValue: "x",
        event: "ADD" as const,
        createdAt: "2026-12-07",
      })),
    );
    await store.deleteWhere(parseFilter({ user_id: "gone" }), {
      history: (removed) =>
        removed.map((entry) => ({
          id: `d-${entry.id}`,
          memoryId: entry.id,
          previousValue: "x",
          newValue: null,
          event: "DELETE" as const,
          createdAt: "2026-12-07",
        })),
    });
    const child = await StoreChild.start(directory);
    expect((await count(child))["count"]).toBe(100);

    const before = await stat(store.file);
    await store.compact();
    const after = await stat(store.file);
    expect(after.ino).not.toBe(before.ino);
    expect(after.size).toBeLessThan(before.size);

    expect((await count(child))["count"]).toBe(100);
    expect(
      (await child.ask({ op: "history", id: "c150" }, (message) => "history" in message))["history"],
    ).toEqual(["ADD", "DELETE"]);
    await child.ask(
      { op: "add", id: "from-child", user: "kept" },
      (message) => message["added"] === "from-child",
    );
    expect((await store.get("from-child"))?.payload).toEqual({ data: "memory from-child", user_id: "kept" });

    await child.ask({ op: "compact" }, (message) => message["compacted"] === true);
    await store.insert([
      { id: "from-parent", vector: [1, 0, 0, 0, 0, 0, 0, 0], payload: { user_id: "kept" } },
    ]);
    expect((await count(child))["count"]).toBe(102);
    expect((await store.list()).entries).toHaveLength(102);
    expect((await store.history("c150")).map((entry) => entry.event)).toEqual(["ADD", "DELETE"]);
    await child.close();
    await store.close();
  }, 60_000);
});
