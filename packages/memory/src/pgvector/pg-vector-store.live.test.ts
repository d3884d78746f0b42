import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { describeVectorStoreContract } from "../testing/vector-store-contract.js";
import { PgVectorStore } from "./pg-vector-store.js";

/**
 * Opt-in tier against a real PostgreSQL with pgvector (e.g. RDS, Aurora, or the pgvector/pgvector
 * container): `PGVECTOR_TEST_URL=postgresql://user:password@host:5432/db npm run test:live`. The live
 * project exists only when that variable is set, so the default run neither runs nor skips it.
 * Tables are named `bedrock_live_<random>_<n>` and dropped afterwards.
 */
const url = process.env["PGVECTOR_TEST_URL"];
if (!url) throw new Error("The live tier needs PGVECTOR_TEST_URL=postgresql://user:password@host:5432/db.");
const prefix = `bedrock_live_${randomBytes(4).toString("hex")}`;
const tables: string[] = [];
const tableOf = new WeakMap<PgVectorStore, string>();

function openStore(table: string): PgVectorStore {
  const store = new PgVectorStore({ connectionString: url, table });
  tableOf.set(store, table);
  return store;
}

function newTable(): string {
  const table = `${prefix}_${tables.length + 1}`;
  tables.push(table);
  return table;
}

describe("PgVectorStore on a real PostgreSQL (PGVECTOR_TEST_URL)", () => {
  afterAll(async () => {
    const admin = new pg.Pool({ connectionString: url, max: 1 });
    try {
      for (const table of tables) {
        await admin.query(`DROP TABLE IF EXISTS "${table}", "${table}_history", "${table}_binding"`);
      }
    } finally {
      await admin.end();
    }
  });

  describeVectorStoreContract("PgVectorStore", {
    open: async () => openStore(newTable()),
    openSameStorage: async (store) => openStore(tableOf.get(store as PgVectorStore)!),
  });

  it("creates a new table once when many processes initialize it at the same time", async () => {
    const table = newTable();
    const stores = Array.from(
      { length: 8 },
      () => new PgVectorStore({ connectionString: url, table, maxConnections: 1 }),
    );
    try {
      await Promise.all(stores.map((store) => store.initialize({ dimension: 3, modelId: "m" })));
      await Promise.all(
        stores.map((store, index) => store.insert([{ id: `s${index}`, vector: [1, index, 0], payload: {} }])),
      );
      expect((await stores[0]!.list()).entries).toHaveLength(8);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });
});
