import { ConfigurationError } from "@bedrock-embeddings/core";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { parseFilter } from "../filter/parse-filter.js";
import type { MemoryHistoryEntry } from "../memory-types.js";
import { PgVectorStore } from "./pg-vector-store.js";
import { startTestPostgres, type TestPostgres } from "./testing/postgres-fixture.js";

// PGlite is PostgreSQL in WebAssembly: on 2 busy cores a test may take seconds.
vi.setConfig({ testTimeout: 30_000 });

let postgres: TestPostgres;
const opened: PgVectorStore[] = [];

beforeAll(async () => {
  postgres = await startTestPostgres();
}, 60_000);
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});
afterAll(() => postgres?.close());

/** A store with a pool of its own, as another process would have. */
function open(table: string, maxConnections = 4): PgVectorStore {
  const store = new PgVectorStore({ connectionString: postgres.connectionString, table, maxConnections });
  opened.push(store);
  return store;
}

function event(id: string, memoryId: string, kind: MemoryHistoryEntry["event"]): MemoryHistoryEntry {
  return {
    id,
    memoryId,
    event: kind,
    previousValue: null,
    newValue: null,
    createdAt: "2026-12-07T12:00:00.000Z",
  };
}

describe("PgVectorStore shared by several pools (processes)", () => {
  it("creates a new table once when many stores initialize it at the same time", async () => {
    const stores = Array.from({ length: 8 }, () => open("started_together", 2));
    await Promise.all(stores.map((store) => store.initialize({ dimension: 2, modelId: "m" })));
    const check = new pg.Client({ connectionString: postgres.connectionString });
    await check.connect();
    try {
      expect((await check.query("SELECT count(*)::int AS rows FROM started_together_binding")).rows).toEqual([
        { rows: 1 },
      ]);
    } finally {
      await check.end();
    }
    expect(stores.every((store) => store.dimension === 2)).toBe(true);
  });

  it("loses nothing when two stores write, update and delete at once, and keeps each history with its memory", async () => {
    const first = open("shared");
    const second = open("shared");
    await Promise.all([first, second].map((store) => store.initialize({ dimension: 2, modelId: "m" })));
    const writers = [first, second];
    await Promise.all(
      Array.from({ length: 80 }, (_, index) =>
        writers[index % 2]!.insert(
          [{ id: `m${index}`, vector: [1, index + 1], payload: { user_id: "u", writer: index % 2 } }],
          [event(`add-${index}`, `m${index}`, "ADD")],
        ),
      ),
    );
    await Promise.all(
      Array.from({ length: 40 }, (_, index) => {
        const other = writers[(index + 1) % 2]!;
        if (index % 4 === 0) {
          return other.delete(`m${index}`, {
            history: () => [event(`delete-${index}`, `m${index}`, "DELETE")],
          });
        }
        return other.update(
          { id: `m${index}`, vector: [0, 1], payload: { user_id: "u", updated: true } },
          { history: () => [event(`update-${index}`, `m${index}`, "UPDATE")] },
        );
      }),
    );
    const removedByFilter = await second.deleteWhere(parseFilter({ writer: 1 }), {
      history: (removed) => removed.map((entry) => event(`sweep-${entry.id}`, entry.id, "DELETE")),
    });
    for (const store of writers) {
      const listed = (await store.list({ filter: parseFilter({ user_id: "u" }) })).entries;
      const expectedIds = Array.from({ length: 80 }, (_, index) => index)
        .filter((index) => !(index < 40 && index % 4 === 0))
        .filter((index) => !(index >= 40 && index % 2 === 1))
        .map((index) => `m${index}`);
      expect(listed.map((entry) => entry.id).sort()).toEqual(expectedIds.sort());
    }
    expect(removedByFilter.map((entry) => entry.id)).toEqual(
      Array.from({ length: 20 }, (_, offset) => `m${41 + 2 * offset}`),
    );
    expect((await first.history("m4")).map((entry) => entry.event)).toEqual(["ADD", "DELETE"]);
    expect((await first.history("m5")).map((entry) => entry.event)).toEqual(["ADD", "UPDATE"]);
    expect((await second.history("m41")).map((entry) => entry.event)).toEqual(["ADD", "DELETE"]);
    expect((await second.history("m42")).map((entry) => entry.event)).toEqual(["ADD"]);
  });

  it("queues calls beyond its pool size without losing any", async () => {
    const store = open("narrow_pool", 2);
    await store.initialize({ dimension: 2, modelId: "m" });
    await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        index % 3 === 0
          ? store.search([1, 0], { filter: parseFilter({ user_id: "u" }), limit: 5 })
          : store.insert([{ id: `q${index}`, vector: [1, index], payload: { user_id: "u" } }]),
      ),
    );
    expect((await store.list()).entries).toHaveLength(20);
  });

  it("tells a store whose table another store reset, and recreates it on initialize", async () => {
    const first = open("reset_elsewhere");
    const second = open("reset_elsewhere");
    await first.initialize({ dimension: 2, modelId: "m" });
    await second.initialize({ dimension: 2, modelId: "m" });
    await first.reset();
    const stale = second.insert([{ id: "a", vector: [1, 0], payload: {} }]);
    await expect(stale).rejects.toThrowError(ConfigurationError);
    await expect(stale).rejects.toThrow(/"reset_elsewhere" no longer exists/);
    await first.initialize({ dimension: 3, modelId: "m" });
    await expect(second.initialize({ dimension: 2, modelId: "m" })).rejects.toThrow(/3-dimensional/);
  });
});
