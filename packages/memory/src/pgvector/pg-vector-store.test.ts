import { ConfigurationError, InputError, VectorError } from "@bedrock-embeddings/core";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { parseFilter } from "../filter/parse-filter.js";
import type { MemoryHistoryEntry } from "../memory-types.js";
import type { VectorStoreRecord } from "../vector-store.js";
import { PgVectorStore } from "./pg-vector-store.js";
import { startTestPostgres, type TestPostgres } from "./testing/postgres-fixture.js";

// PGlite is PostgreSQL in WebAssembly: on 2 busy cores a test may take seconds.
vi.setConfig({ testTimeout: 30_000 });

let postgres: TestPostgres;
let admin: pg.Pool;
const opened: PgVectorStore[] = [];

beforeAll(async () => {
  postgres = await startTestPostgres();
  admin = new pg.Pool({ connectionString: postgres.connectionString, max: 2 });
}, 60_000);
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});
afterAll(async () => {
  await admin?.end();
  await postgres?.close();
});

function open(table: string, extra: { pool?: pg.Pool } = {}): PgVectorStore {
  const store = extra.pool
    ? new PgVectorStore({ pool: extra.pool, table })
    : new PgVectorStore({ connectionString: postgres.connectionString, table });
  opened.push(store);
  return store;
}

async function indexDefinitions(table: string): Promise<string[]> {
  const { rows } = await admin.query<{ definition: string }>(
    "SELECT indexdef AS definition FROM pg_indexes WHERE tablename = $1 ORDER BY indexname",
    [table],
  );
  return rows.map((row) => row.definition);
}

function unit(dimension: number, position: number, weight = 1): number[] {
  const vector = new Array<number>(dimension).fill(0.001);
  vector[position] = weight;
  return vector;
}

function historyEntry(id: string, memoryId: string): MemoryHistoryEntry {
  return {
    id,
    memoryId,
    event: "ADD",
    previousValue: null,
    newValue: "text",
    createdAt: "2026-12-07T12:00:00.000Z",
  };
}

describe("PgVectorStore tables", () => {
  it("creates the memories, history and binding tables with scope and HNSW cosine indexes", async () => {
    const store = open("layout");
    await store.initialize({ dimension: 3, modelId: "model-a" });
    const { rows } = await admin.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_name LIKE 'layout%' ORDER BY 1",
    );
    expect(rows.map((row) => row.name)).toEqual(["layout", "layout_binding", "layout_history"]);
    const definitions = (await indexDefinitions("layout")).join("\n");
    expect(definitions).toMatch(/USING hnsw \(embedding vector_cosine_ops\)/);
    for (const scope of ["user_id", "agent_id", "run_id"]) expect(definitions).toContain(`(${scope}, seq)`);
    const binding = await admin.query("SELECT model_id, dimension FROM layout_binding");
    expect(binding.rows).toEqual([{ model_id: "model-a", dimension: 3 }]);
    expect((await indexDefinitions("layout_history")).join("\n")).toContain("(memory_id, seq)");
  });

  it("indexes 2,001 to 4,000 dimensions as halfvec, more with no approximate index, and refuses over 16,000", async () => {
    await open("dimension_2000").initialize({ dimension: 2000, modelId: "m" });
    await open("dimension_2001").initialize({ dimension: 2001, modelId: "m" });
    await open("dimension_4001").initialize({ dimension: 4001, modelId: "m" });
    expect((await indexDefinitions("dimension_2000")).join()).toMatch(/hnsw \(embedding vector_cosine_ops\)/);
    expect((await indexDefinitions("dimension_2001")).join()).toMatch(
      /hnsw \(\(\(embedding\)::halfvec\(2001\)\) halfvec_cosine_ops\)/,
    );
    expect((await indexDefinitions("dimension_4001")).join()).not.toMatch(/hnsw/);
    const tooLarge = open("dimension_16001").initialize({ dimension: 16_001, modelId: "m" });
    await expect(tooLarge).rejects.toThrowError(ConfigurationError);
    await expect(tooLarge).rejects.toThrow(/at most 16000 dimensions/);
  });

  it("ranks exactly with the halfvec index and without any index", async () => {
    for (const [table, dimension] of [
      ["ranking_2500", 2500],
      ["ranking_4100", 4100],
    ] as const) {
      const store = open(table);
      await store.initialize({ dimension, modelId: "m" });
      await store.insert([
        { id: "x", vector: unit(dimension, 0), payload: { user_id: "u" } },
        { id: "y", vector: unit(dimension, 1), payload: { user_id: "u" } },
        {
          id: "xy",
          vector: unit(dimension, 0, 0.5).map((value, index) => (index === 1 ? 0.5 : value)),
          payload: {},
        },
      ]);
      for (const filter of [undefined, parseFilter({ user_id: "u" })]) {
        const hits = await store.search(unit(dimension, 1), { filter, limit: 3 });
        expect(hits.map((hit) => hit.id)).toEqual(filter ? ["y", "x"] : ["y", "xy", "x"]);
        expect(hits[0]!.score).toBeCloseTo(1, 5);
      }
    }
  });

  it("refuses a table of that name it did not create, and leaves it alone", async () => {
    await admin.query("CREATE TABLE foreign_rows (id text, note text)");
    await admin.query("INSERT INTO foreign_rows VALUES ('1', 'keep me')");
    const initialize = open("foreign_rows").initialize({ dimension: 2, modelId: "m" });
    await expect(initialize).rejects.toThrowError(ConfigurationError);
    await expect(initialize).rejects.toThrow(/"foreign_rows".*no binding/);
    expect((await admin.query("SELECT note FROM foreign_rows")).rows).toEqual([{ note: "keep me" }]);
  });

  it("names the table, never the password, when it refuses another model", async () => {
    const withPassword = postgres.connectionString.replace("postgres@", "postgres:hunter2-secret@");
    const first = new PgVectorStore({ connectionString: withPassword, table: "bound" });
    opened.push(first);
    await first.initialize({ dimension: 2, modelId: "model-a" });
    const error = await first
      .initialize({ dimension: 2, modelId: "model-b" })
      .catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain('The pgvector table "bound"');
    expect((error as Error).message).not.toContain("hunter2");
  });

  it("accepts table names up to 51 characters and refuses names that are not lowercase identifiers", async () => {
    const longest = `t${"a".repeat(50)}`;
    await open(longest).initialize({ dimension: 2, modelId: "m" });
    expect((await indexDefinitions(`${longest}_history`)).join()).toContain(`${longest}_history_by`);
    for (const name of ["Memories", "1memories", "my-memories", `t${"a".repeat(51)}`, "", 'a"b']) {
      expect(
        () => new PgVectorStore({ connectionString: postgres.connectionString, table: name }),
        name,
      ).toThrowError(ConfigurationError);
    }
  });

  it("resets by dropping its tables, then binds another dimension", async () => {
    const store = open("resettable");
    await store.initialize({ dimension: 2, modelId: "m" });
    await store.insert([{ id: "a", vector: [1, 0], payload: {} }], [historyEntry("h1", "a")]);
    await store.reset();
    const { rows } = await admin.query("SELECT to_regclass('resettable') AS found");
    expect(rows).toEqual([{ found: null }]);
    await store.initialize({ dimension: 3, modelId: "m" });
    await store.insert([{ id: "a", vector: [1, 0, 0], payload: {} }], [historyEntry("h1", "a")]);
    expect((await store.get("a"))?.vector).toEqual([1, 0, 0]);
  });
});

describe("PgVectorStore writes", () => {
  it("keeps float32 values exactly, subnormals included, and refuses values beyond float32", async () => {
    const store = open("floats");
    await store.initialize({ dimension: 4, modelId: "m" });
    const vector = [1e-40, -3.4e38, 0.1, 1 / 3].map((value) => Math.fround(value));
    await store.insert([{ id: "a", vector, payload: {} }]);
    expect((await store.get("a"))?.vector).toEqual(vector);
    await expect(store.insert([{ id: "b", vector: [1e39, 0, 0, 1], payload: {} }])).rejects.toThrowError(
      VectorError,
    );
    expect(await store.get("b")).toBeNull();
  });

  it("refuses a payload PostgreSQL cannot store with an InputError, writing nothing", async () => {
    const store = open("nul_payload");
    await store.initialize({ dimension: 2, modelId: "m" });
    const write = store.insert(
      [{ id: "a", vector: [1, 0], payload: { data: "a\u0000b" } }],
      [historyEntry("h", "a")],
    );
    await expect(write).rejects.toThrowError(InputError);
    expect(await store.get("a")).toBeNull();
    expect(await store.history("a")).toEqual([]);
  });

  it("rolls the change back when its history cannot be written", async () => {
    const store = open("history_rollback");
    await store.initialize({ dimension: 2, modelId: "m" });
    await store.insert([{ id: "a", vector: [1, 0], payload: { n: 1 } }], [historyEntry("h1", "a")]);
    const reused = store.insert([{ id: "b", vector: [0, 1], payload: {} }], [historyEntry("h1", "b")]);
    await expect(reused).rejects.toThrowError(InputError);
    await expect(reused).rejects.toThrow(/"h1"/);
    expect(await store.get("b")).toBeNull();
    const failingUpdate = store.update(
      { id: "a", vector: [0, 1], payload: { n: 2 } },
      {
        history: () => {
          throw new Error("history builder failed");
        },
      },
    );
    await expect(failingUpdate).rejects.toThrow(/^history builder failed$/);
    expect((await store.get("a"))?.payload).toEqual({ n: 1 });
    const removal = store.deleteWhere(parseFilter({ n: 1 }), { history: () => [historyEntry("h1", "a")] });
    await expect(removal).rejects.toThrowError(InputError);
    expect(await store.get("a")).not.toBeNull();
    expect((await store.history("a")).map((entry) => entry.id)).toEqual(["h1"]);
  });

  it("keeps an upserted record's place and writes history with it", async () => {
    const store = open("upserts");
    await store.initialize({ dimension: 2, modelId: "m" });
    await store.insert([
      { id: "a", vector: [1, 0], payload: {} },
      { id: "b", vector: [0, 1], payload: {} },
    ]);
    await store.upsert(
      [
        { id: "c", vector: [1, 1], payload: {} },
        { id: "a", vector: [0, 1], payload: { replaced: true } },
      ],
      [historyEntry("h-a", "a")],
    );
    expect((await store.list()).entries.map((entry) => entry.id)).toEqual(["a", "b", "c"]);
    expect((await store.get("a"))?.payload).toEqual({ replaced: true });
    expect((await store.history("a")).map((entry) => entry.id)).toEqual(["h-a"]);
  });

  it("writes a large batch in several statements, all or none", async () => {
    // 4,001 dimensions (no HNSW index to maintain): about 60 rows per statement, so 150 take three.
    const store = open("large_batch");
    await store.initialize({ dimension: 4001, modelId: "m" });
    const records: VectorStoreRecord[] = Array.from({ length: 150 }, (_, index) => ({
      id: `r${index}`,
      vector: unit(4001, index),
      payload: { user_id: "u", index },
    }));
    await store.insert([{ id: "existing", vector: unit(4001, 0), payload: {} }]);
    // The clash is found only after the first statements inserted their rows: they roll back too.
    const clashing = store.insert([...records, { id: "existing", vector: unit(4001, 1), payload: {} }]);
    await expect(clashing).rejects.toThrowError(InputError);
    await expect(clashing).rejects.toThrow(/"existing" already exists/);
    expect((await store.list()).entries.map((entry) => entry.id)).toEqual(["existing"]);
    await store.delete("existing");
    await store.insert(records);
    const page = await store.list({ filter: parseFilter({ user_id: "u" }), limit: 150 });
    expect(page.entries.map((entry) => entry.payload["index"])).toEqual(records.map((_, index) => index));
    await expect(store.insert([records[149]!])).rejects.toThrow(/"r149" already exists/);
    expect((await store.get("r149"))?.vector).toEqual(
      records[149]!.vector.map((value) => Math.fround(value)),
    );
  });
});

describe("PgVectorStore search", () => {
  it("finds every match of a selective scope among many rows, exactly ranked", async () => {
    const store = open("selective");
    await store.initialize({ dimension: 8, modelId: "m" });
    const crowd: VectorStoreRecord[] = Array.from({ length: 600 }, (_, index) => ({
      id: `crowd${index}`,
      vector: unit(8, index % 8, 1 + index / 600),
      payload: { user_id: "crowd" },
    }));
    await store.insert(crowd);
    await store.insert([
      { id: "rare-far", vector: unit(8, 7), payload: { user_id: "rare" } },
      { id: "rare-near", vector: unit(8, 0), payload: { user_id: "rare" } },
      {
        id: "rare-mid",
        vector: unit(8, 0, 0.3).map((value, index) => (index === 3 ? 0.3 : value)),
        payload: { user_id: "rare" },
      },
    ]);
    const hits = await store.search(unit(8, 0), { filter: parseFilter({ user_id: "rare" }), limit: 10 });
    expect(hits.map((hit) => hit.id)).toEqual(["rare-near", "rare-mid", "rare-far"]);
  });

  it("returns more hits than the HNSW default candidate list when asked, best first", async () => {
    const store = open("wide");
    await store.initialize({ dimension: 2, modelId: "m" });
    await store.insert(
      Array.from({ length: 90 }, (_, index) => ({
        id: `w${index}`,
        vector: [Math.cos(index / 60), Math.sin(index / 60)],
        payload: {},
      })),
    );
    const hits = await store.search([1, 0], { limit: 80 });
    expect(hits.map((hit) => hit.id)).toEqual(Array.from({ length: 80 }, (_, index) => `w${index}`));
    expect(hits.every((hit, index) => index === 0 || hit.score <= hits[index - 1]!.score)).toBe(true);
  });

  it("takes enough candidates from the HNSW index for the limit", async () => {
    const store = open("through_index");
    await store.initialize({ dimension: 2, modelId: "m" });
    const records = Array.from({ length: 120 }, (_, index) => ({
      id: `i${index}`,
      vector: [Math.cos(index / 100), Math.sin(index / 100)],
      payload: {},
    }));
    await store.insert(records);
    // PGlite is one session shared by every connection, so this steers the store's statements to
    // the index, as the planner does on a large table.
    await admin.query("SET enable_seqscan = off");
    try {
      const plan = await admin.query<{ "QUERY PLAN": string }>(
        "EXPLAIN SELECT id FROM through_index ORDER BY embedding <=> '[1,0]' LIMIT 100",
      );
      expect(plan.rows.map((row) => row["QUERY PLAN"]).join("\n")).toMatch(
        /Index Scan using .*hnsw|through_index_embedding_idx/,
      );
      const hits = await store.search([1, 0], { limit: 50 });
      expect(hits.map((hit) => hit.id)).toEqual(records.slice(0, 50).map((record) => record.id));
    } finally {
      await admin.query("RESET enable_seqscan");
    }
  });

  it("scores opposite vectors -1 and keeps scores in [-1, 1]", async () => {
    const store = open("opposite");
    await store.initialize({ dimension: 2, modelId: "m" });
    await store.insert([
      { id: "same", vector: [0.6, 0.8], payload: {} },
      { id: "opposite", vector: [-3, -4], payload: {} },
    ]);
    const hits = await store.search([3, 4], { limit: 2 });
    expect(hits.map((hit) => hit.id)).toEqual(["same", "opposite"]);
    expect(hits[0]!.score).toBeLessThanOrEqual(1);
    expect(hits[1]!.score).toBeCloseTo(-1, 6);
    expect(hits[1]!.score).toBeGreaterThanOrEqual(-1);
  });
});

describe("PgVectorStore lifecycle", () => {
  it("ends the pool it created on close, but not a pool it was given", async () => {
    const pool = new pg.Pool({ connectionString: postgres.connectionString, max: 2 });
    try {
      const store = open("given_pool", { pool });
      await store.initialize({ dimension: 2, modelId: "m" });
      await store.close();
      expect((await pool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
      await expect(store.get("a")).rejects.toThrow(/was closed/);
    } finally {
      await pool.end();
    }
  });

  it("refuses reads before initialize, naming the table", async () => {
    const store = open("uninitialized");
    await expect(store.get("a")).rejects.toThrowError(ConfigurationError);
    await expect(store.list()).rejects.toThrow(/"uninitialized" is not initialized/);
  });
});
