import { ConfigurationError } from "@bedrock-embeddings/core";
import type pg from "pg";
import { assertSameBinding } from "../binding-check.js";
import type { VectorStoreBinding } from "../vector-store.js";
import type { TableNames } from "./table-names.js";

/**
 * The approximate-nearest-neighbour index of a table: HNSW on the vectors (up to 2,000
 * dimensions), HNSW on their half-precision cast (2,001 to 4,000), or none (exact scans only).
 *
 * @example
 * const index: AnnIndex = "halfvec";
 */
export type AnnIndex = "vector" | "halfvec" | "none";

/**
 * What `openTables` found or created: the binding and what the server and the table offer.
 *
 * @example
 * const { binding, annIndex } = await openTables(client, names, requested);
 */
export interface OpenedTables {
  binding: VectorStoreBinding;
  annIndex: AnnIndex;
  /** `pg_unicode_fast` (PostgreSQL 18), `pg_c_utf8` (17) or undefined (the database's locale). */
  caseFoldCollation: string | undefined;
}

/** pgvector's limits: columns of `vector` hold at most 16,000 dimensions; HNSW indexes 2,000 (halfvec 4,000). */
const MAX_DIMENSION = 16_000;
const MAX_HNSW_DIMENSION = 2_000;
const MAX_HALFVEC_HNSW_DIMENSION = 4_000;
/** The first pgvector versions with HNSW and with halfvec. */
const HNSW_VERSION = [0, 5, 0];
const HALFVEC_VERSION = [0, 7, 0];
/** Keys of `pg_advisory_xact_lock(namespace, table)`: DDL of one table by one process at a time. */
const LOCK_NAMESPACE = 0x62_65_6d_73;

/**
 * Scope keys copied into indexed columns (`user_id` text = the payload's value when it is a string).
 *
 * @example
 * SCOPE_COLUMNS.has("user_id"); // true
 */
export const SCOPE_COLUMNS: ReadonlySet<string> = new Set(["user_id", "agent_id", "run_id"]);

/**
 * Creates the store's tables if missing and binds them, or checks the binding they hold (a
 * ConfigurationError for another model or dimension). Runs inside the caller's transaction and
 * takes a transaction-scoped advisory lock first, so processes starting at once create the tables
 * once. Creates the `vector` extension when it is missing. Never drops anything: a table of that
 * name without the store's binding is refused.
 *
 * Index choice (pgvector caps HNSW at 2,000 dimensions): up to 2,000 an HNSW index with
 * `vector_cosine_ops`; 2,001 to 4,000 an HNSW index on `embedding::halfvec(d)` with
 * `halfvec_cosine_ops` (search re-ranks its candidates at full precision); above 4,000 no
 * approximate index: every search is an exact scan.
 *
 * @example
 * const opened = await openTables(client, tableNames("memories"), { dimension: 1024, modelId });
 */
export async function openTables(
  client: pg.PoolClient,
  names: TableNames,
  requested: VectorStoreBinding,
): Promise<OpenedTables> {
  await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [LOCK_NAMESPACE, names.table]);
  const pgvectorVersion = await ensureExtension(client);
  const caseFoldCollation = await findCaseFoldCollation(client);
  const stored = await readBinding(client, names);
  if (stored) {
    assertSameBinding(stored, requested, { description: names.description });
    if (!(await exists(client, names.memories))) await createTables(client, names, stored, pgvectorVersion);
    return { binding: stored, annIndex: await findAnnIndex(client, names), caseFoldCollation };
  }
  if ((await exists(client, names.memories)) || (await exists(client, names.history))) {
    throw new ConfigurationError(
      `${names.description} (or its history table) exists but holds no binding (model id and dimension) of this store.`,
      {
        path: "table",
        fix: "Point the store at another table name, or drop that table if it is not needed.",
      },
    );
  }
  assertStorableDimension(requested.dimension);
  const binding = { dimension: requested.dimension, modelId: requested.modelId };
  await createTables(client, names, binding, pgvectorVersion);
  return { binding, annIndex: await findAnnIndex(client, names), caseFoldCollation };
}

/**
 * Drops the store's three tables (rows, history, binding), so the next `openTables` may bind
 * another model or dimension. Inside the caller's transaction, under the same lock as `openTables`.
 *
 * @example
 * await dropTables(client, tableNames("memories"));
 */
export async function dropTables(client: pg.PoolClient, names: TableNames): Promise<void> {
  await client.query("SELECT pg_advisory_xact_lock($1, hashtext($2))", [LOCK_NAMESPACE, names.table]);
  await client.query(`DROP TABLE IF EXISTS ${names.memories}, ${names.history}, ${names.binding}`);
}

async function ensureExtension(client: pg.PoolClient): Promise<number[]> {
  const installed = await extensionVersion(client);
  if (installed) return installed;
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS vector");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "42501") {
      throw new ConfigurationError(
        "the pgvector extension is not enabled and this database user may not enable it.",
        {
          cause: error,
          fix:
            "Run CREATE EXTENSION vector; once as an administrator (on RDS/Aurora: a user with the rds_superuser " +
            "role, in this database), then start again.",
        },
      );
    }
    if (code === "0A000" || code === "58P01" || code === "22023") {
      throw new ConfigurationError("this PostgreSQL server has no pgvector extension to enable.", {
        cause: error,
        fix: "Install pgvector on the server (RDS and Aurora PostgreSQL include it), or use another server.",
      });
    }
    throw error;
  }
  return (await extensionVersion(client)) ?? [0, 0, 0];
}

async function extensionVersion(client: pg.PoolClient): Promise<number[] | undefined> {
  const { rows } = await client.query<{ version: string }>(
    "SELECT extversion AS version FROM pg_extension WHERE extname = 'vector'",
  );
  const version = rows[0]?.version;
  return version === undefined ? undefined : version.split(".").map((part) => Number.parseInt(part, 10) || 0);
}

async function findCaseFoldCollation(client: pg.PoolClient): Promise<string | undefined> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT collname AS name FROM pg_collation WHERE collname IN ('pg_unicode_fast', 'pg_c_utf8') " +
      "AND collencoding IN (-1, pg_char_to_encoding(getdatabaseencoding())) ORDER BY collname DESC",
  );
  return rows[0]?.name;
}

async function readBinding(
  client: pg.PoolClient,
  names: TableNames,
): Promise<VectorStoreBinding | undefined> {
  if (!(await exists(client, names.binding))) return undefined;
  const { rows } = await client.query<{ model_id: string; dimension: number }>(
    `SELECT model_id, dimension FROM ${names.binding}`,
  );
  const row = rows[0];
  return row ? { modelId: row.model_id, dimension: Number(row.dimension) } : undefined;
}

async function exists(client: pg.PoolClient, quotedName: string): Promise<boolean> {
  const { rows } = await client.query<{ found: boolean }>("SELECT to_regclass($1) IS NOT NULL AS found", [
    quotedName,
  ]);
  return rows[0]?.found === true;
}

async function createTables(
  client: pg.PoolClient,
  names: TableNames,
  binding: VectorStoreBinding,
  pgvectorVersion: readonly number[],
): Promise<void> {
  const dimension = binding.dimension;
  const scopeColumns = [...SCOPE_COLUMNS].map(
    (key) =>
      `${key} text GENERATED ALWAYS AS ` +
      `(CASE WHEN jsonb_typeof(payload -> '${key}') = 'string' THEN payload ->> '${key}' END) STORED`,
  );
  await client.query(
    `CREATE TABLE ${names.memories} (
       id text PRIMARY KEY,
       seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
       payload jsonb NOT NULL,
       embedding vector(${dimension}) NOT NULL,
       ${scopeColumns.join(",\n       ")}
     )`,
  );
  // A scope with its insertion order serves both scoped searches and scoped pages.
  for (const key of SCOPE_COLUMNS) await client.query(`CREATE INDEX ON ${names.memories} (${key}, seq)`);
  if (dimension <= MAX_HNSW_DIMENSION && atLeast(pgvectorVersion, HNSW_VERSION)) {
    await client.query(`CREATE INDEX ON ${names.memories} USING hnsw (embedding vector_cosine_ops)`);
  } else if (dimension <= MAX_HALFVEC_HNSW_DIMENSION && atLeast(pgvectorVersion, HALFVEC_VERSION)) {
    await client.query(
      `CREATE INDEX ON ${names.memories} USING hnsw ((embedding::halfvec(${dimension})) halfvec_cosine_ops)`,
    );
  }
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${names.history} (
       id text PRIMARY KEY,
       seq bigint GENERATED ALWAYS AS IDENTITY,
       memory_id text NOT NULL,
       previous_value text,
       new_value text,
       event text NOT NULL,
       created_at text NOT NULL
     )`,
  );
  await client.query(
    `CREATE INDEX IF NOT EXISTS ${historyIndexName(names)} ON ${names.history} (memory_id, seq)`,
  );
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${names.binding} (
       singleton boolean PRIMARY KEY DEFAULT TRUE CHECK (singleton),
       model_id text NOT NULL,
       dimension integer NOT NULL
     )`,
  );
  await client.query(
    `INSERT INTO ${names.binding} (model_id, dimension) VALUES ($1, $2) ON CONFLICT (singleton) DO NOTHING`,
    [binding.modelId, dimension],
  );
}

async function findAnnIndex(client: pg.PoolClient, names: TableNames): Promise<AnnIndex> {
  const { rows } = await client.query<{ definition: string }>(
    "SELECT pg_get_indexdef(indexrelid) AS definition FROM pg_index WHERE indrelid = to_regclass($1)",
    [names.memories],
  );
  const hnsw = rows.map((row) => row.definition).filter((definition) => /USING hnsw/i.test(definition));
  if (hnsw.some((definition) => /halfvec_cosine_ops/.test(definition))) return "halfvec";
  if (hnsw.some((definition) => /vector_cosine_ops/.test(definition))) return "vector";
  return "none";
}

function historyIndexName(names: TableNames): string {
  // Named so that IF NOT EXISTS works; a PostgreSQL name holds 63 bytes and table names at most 51.
  return `"${names.table}_history_by"`;
}

function assertStorableDimension(dimension: number): void {
  if (dimension > MAX_DIMENSION) {
    throw new ConfigurationError(
      `pgvector stores at most ${MAX_DIMENSION} dimensions per vector, but the embedder produces ${dimension}.`,
      { fix: "Configure the embedder for fewer dimensions (e.g. 1024)." },
    );
  }
}

function atLeast(version: readonly number[], minimum: readonly number[]): boolean {
  for (let position = 0; position < minimum.length; position++) {
    const part = version[position] ?? 0;
    if (part !== minimum[position]) return part > minimum[position]!;
  }
  return true;
}
