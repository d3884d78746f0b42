import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestPostgres, type TestPostgres } from "./postgres-fixture.js";

// PGlite is PostgreSQL in WebAssembly: on 2 busy cores a test may take seconds.
vi.setConfig({ testTimeout: 30_000 });

describe("startTestPostgres", () => {
  let postgres: TestPostgres;

  beforeAll(async () => {
    postgres = await startTestPostgres({ maxConnections: 12 });
  }, 60_000);
  afterAll(() => postgres?.close());

  it("serves PostgreSQL with pgvector available over the wire protocol", async () => {
    const client = new pg.Client({ connectionString: postgres.connectionString });
    await client.connect();
    try {
      await client.query("CREATE EXTENSION IF NOT EXISTS vector");
      const { rows } = await client.query<{ distance: number }>(
        "SELECT '[1,0]'::vector <=> '[0,1]'::vector AS distance",
      );
      expect(rows[0]?.distance).toBe(1);
    } finally {
      await client.end();
    }
  });

  it("answers every statement of many connections correctly, large statements split across packets included", async () => {
    const pool = new pg.Pool({ connectionString: postgres.connectionString, max: 10 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 120 }, async (_, index) => {
          // Every other text is large, so its Bind message arrives in several TCP packets while
          // other connections' small statements are queued.
          const text = index % 2 === 0 ? "x".repeat(300_000 + index) : `t${index}`;
          const { rows } = await pool.query<Record<string, number>>(
            `SELECT $1::int + ${index} AS sum, length($2::text) AS length_${index % 7}`,
            [index, text],
          );
          return rows[0]?.sum === 2 * index && rows[0]?.[`length_${index % 7}`] === text.length;
        }),
      );
      expect(answers.filter((correct) => !correct)).toHaveLength(0);
      expect(pool.totalCount).toBeGreaterThan(1);
    } finally {
      await pool.end();
    }
  });

  it("refuses connections beyond maxConnections", async () => {
    const pool = new pg.Pool({ connectionString: postgres.connectionString, max: 13 });
    try {
      const clients = await Promise.allSettled(Array.from({ length: 13 }, () => pool.connect()));
      expect(clients.filter((result) => result.status === "rejected").length).toBeGreaterThan(0);
      for (const result of clients) if (result.status === "fulfilled") result.value.release();
    } finally {
      await pool.end();
    }
  });
});
