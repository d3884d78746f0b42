import { ConfigurationError, InputError } from "@bedrock-embeddings/core";
import type pg from "pg";
import { assertValidBinding } from "../binding-check.js";
import type { FilterExpression } from "../filter/filter-expression.js";
import type { JsonObject } from "../json-value.js";
import type { MemoryHistoryEntry } from "../memory-types.js";
import { assertLimit, checkQueryVector, checkRecords, requireBinding } from "../record-checks.js";
import { decodeSequenceCursor, encodeSequenceCursor } from "../sequence-cursor.js";
import type {
  HistoryOptions,
  VectorListOptions,
  VectorListPage,
  VectorSearchOptions,
  VectorStore,
  VectorStoreBinding,
  VectorStoreEntry,
  VectorStoreHit,
  VectorStoreRecord,
} from "../vector-store.js";
import { compileFilter, type FilterDialect } from "./compile-filter.js";
import { openPool, type PoolOptions } from "./connection-pool.js";
import { appendHistory, readHistory } from "./history-rows.js";
import { type ErrorContext, toStoreError } from "./pg-errors.js";
import { writeRecords } from "./record-rows.js";
import { dropTables, type OpenedTables, openTables, SCOPE_COLUMNS } from "./schema.js";
import { searchQuery } from "./search-query.js";
import { SqlParameters } from "./sql-parameters.js";
import { type TableNames, tableNames } from "./table-names.js";
import { inTransaction } from "./transaction.js";
import { parseVectorText, toVectorText } from "./vector-text.js";

/**
 * Options of `PgVectorStore`: where to connect (see `PoolOptions`) and which table to use.
 *
 * @example
 * const options: PgVectorStoreOptions = { connectionString: process.env.DATABASE_URL, table: "memories" };
 */
export interface PgVectorStoreOptions extends PoolOptions {
  /**
   * Name of the memories table (`[a-z_][a-z0-9_]{0,50}`, default `memories`); the store also uses
   * `<table>_history` and `<table>_binding`, in the connection's default schema.
   */
  table?: string;
}

/** A row of the memories table as the store reads it: payload as JSON text, independent of type parsers. */
interface EntryRow {
  id: string;
  payload: string;
}

/**
 * A `VectorStore` on PostgreSQL with pgvector (Aurora PostgreSQL, RDS, or any server with the
 * `vector` extension), through a `pg` pool, so many processes and machines share one store safely.
 *
 * - `initialize` creates the tables if missing (and the `vector` extension, when the user may),
 *   records the model id and dimension and refuses another; several processes may start at once.
 * - Every write is one transaction together with its history rows: all or nothing.
 * - Payloads are jsonb; `user_id`, `agent_id` and `run_id` are also indexed columns, so a scoped
 *   search or page reads only that scope. mem0 filters compile to parameterised SQL.
 * - A filtered search is an exact ranking of the matching rows; an unfiltered one uses the HNSW
 *   index when there is one (up to 4,000 dimensions, see `openTables`).
 * - Vectors are float32 (`vector(d)`); scores are 1 - cosine distance.
 *
 * @example
 * const store = new PgVectorStore({ connectionString: process.env.DATABASE_URL });
 * const memory = new Memory({ embedder, vectorStore: store });
 * // ... later
 * await memory.close();
 */
export class PgVectorStore implements VectorStore {
  private readonly names: TableNames;
  private readonly pool: pg.Pool;
  private readonly ownsPool: boolean;
  private readonly context: ErrorContext;
  /** e.g. `the pgvector table "memories"`, for the shared record checks. */
  private readonly where: string;
  private opened: OpenedTables | undefined;
  private closed = false;

  constructor(options: PgVectorStoreOptions = {}) {
    this.names = tableNames(options.table ?? "memories");
    const { pool, owned, server } = openPool(options);
    this.pool = pool;
    this.ownsPool = owned;
    this.context = { server, description: this.names.description };
    this.where = `the pgvector table "${this.names.table}"`;
  }

  get dimension(): number | undefined {
    return this.opened?.binding.dimension;
  }

  get modelId(): string | undefined {
    return this.opened?.binding.modelId;
  }

  async initialize(binding: VectorStoreBinding): Promise<void> {
    this.assertOpen();
    assertValidBinding(binding);
    this.opened = await this.transaction((client) => openTables(client, this.names, binding));
  }

  async insert(
    records: readonly VectorStoreRecord[],
    history?: readonly MemoryHistoryEntry[],
  ): Promise<void> {
    this.assertOpen();
    const checked = checkRecords(records, this.binding(), this.where);
    await this.transaction(async (client) => {
      const written = await writeRecords(client, this.names, checked, "insert");
      const index = checked.findIndex((record) => !written.has(record.id));
      if (index >= 0) {
        throw new InputError(`a record with id ${JSON.stringify(checked[index]!.id)} already exists.`, {
          index,
          fix: "Use fresh ids for new records (or upsert to replace).",
        });
      }
      await appendHistory(client, this.names, history);
    });
  }

  async upsert(
    records: readonly VectorStoreRecord[],
    history?: readonly MemoryHistoryEntry[],
  ): Promise<void> {
    this.assertOpen();
    const checked = checkRecords(records, this.binding(), this.where);
    await this.transaction(async (client) => {
      await writeRecords(client, this.names, checked, "upsert");
      await appendHistory(client, this.names, history);
    });
  }

  async update(
    record: VectorStoreRecord,
    options: HistoryOptions<VectorStoreEntry> = {},
  ): Promise<VectorStoreEntry | null> {
    this.assertOpen();
    const [checked] = checkRecords([record], this.binding(), this.where);
    return this.transaction(async (client) => {
      // The sub-select locks the row and yields the payload as it was before this update.
      const { rows } = await client.query<EntryRow>(
        `UPDATE ${this.names.memories} AS target SET payload = $2::jsonb, embedding = $3::vector ` +
          `FROM (SELECT id, payload FROM ${this.names.memories} WHERE id = $1 FOR UPDATE) AS previous ` +
          "WHERE target.id = previous.id RETURNING previous.id, previous.payload::text AS payload",
        [checked!.id, JSON.stringify(checked!.payload), toVectorText(checked!.vector)],
      );
      const row = rows[0];
      if (!row) return null;
      await appendHistory(client, this.names, options.history?.(toEntry(row)));
      return toEntry(row);
    });
  }

  async search(vector: readonly number[], options: VectorSearchOptions): Promise<VectorStoreHit[]> {
    this.assertOpen();
    assertLimit(options?.limit, "limit");
    const opened = this.requireOpened();
    const query = checkQueryVector(vector, opened.binding, this.where);
    const { sql, values, efSearch } = searchQuery({
      names: this.names,
      annIndex: opened.annIndex,
      dimension: opened.binding.dimension,
      dialect: this.dialect(opened),
      vectorText: toVectorText(query.vector, "the query vector"),
      filter: options.filter,
      limit: options.limit,
    });
    type HitRow = EntryRow & { score: number | string };
    const { rows } =
      efSearch === undefined
        ? await this.query<HitRow>(sql, values)
        : await this.transaction(async (client) => {
            // Transaction-local, so the setting never leaks to other users of a pooled connection.
            await client.query("SELECT set_config('hnsw.ef_search', $1, true)", [String(efSearch)]);
            return client.query<HitRow>(sql, values);
          });
    return rows.map((row) => ({ ...toEntry(row), score: Number(row.score) }));
  }

  async get(id: string): Promise<VectorStoreRecord | null> {
    this.assertOpen();
    this.binding();
    const { rows } = await this.query<EntryRow & { embedding: string }>(
      `SELECT id, payload::text AS payload, embedding::text AS embedding FROM ${this.names.memories} WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    return row ? { ...toEntry(row), vector: parseVectorText(row.embedding) } : null;
  }

  async list(options: VectorListOptions = {}): Promise<VectorListPage> {
    this.assertOpen();
    const opened = this.requireOpened();
    if (options.limit !== undefined) assertLimit(options.limit, "limit");
    const after = options.cursor === undefined ? 0 : decodeSequenceCursor(options.cursor);
    const parameters = new SqlParameters();
    const where = compileFilter(options.filter, parameters, this.dialect(opened));
    // One row more than the page tells whether another page follows.
    const limit = options.limit === undefined ? "" : ` LIMIT ${parameters.add(options.limit + 1)}`;
    // Named apart from `seq`, which ORDER BY must read as the bigint column.
    const { rows } = await this.query<EntryRow & { sequence: string }>(
      `SELECT id, seq::text AS sequence, payload::text AS payload FROM ${this.names.memories} ` +
        `WHERE seq > ${parameters.add(after)}::bigint AND ${where} ORDER BY seq${limit}`,
      parameters.values,
    );
    if (options.limit === undefined || rows.length <= options.limit) return { entries: rows.map(toEntry) };
    const page = rows.slice(0, options.limit);
    return { entries: page.map(toEntry), nextCursor: encodeSequenceCursor(Number(page.at(-1)!.sequence)) };
  }

  async delete(id: string, options: HistoryOptions<VectorStoreEntry> = {}): Promise<VectorStoreEntry | null> {
    this.assertOpen();
    this.binding();
    return this.transaction(async (client) => {
      const { rows } = await client.query<EntryRow>(
        `DELETE FROM ${this.names.memories} WHERE id = $1 RETURNING id, payload::text AS payload`,
        [id],
      );
      const row = rows[0];
      if (!row) return null;
      await appendHistory(client, this.names, options.history?.(toEntry(row)));
      return toEntry(row);
    });
  }

  async deleteWhere(
    filter: FilterExpression,
    options: HistoryOptions<readonly VectorStoreEntry[]> = {},
  ): Promise<VectorStoreEntry[]> {
    this.assertOpen();
    const opened = this.requireOpened();
    const parameters = new SqlParameters();
    const where = compileFilter(filter, parameters, this.dialect(opened));
    return this.transaction(async (client) => {
      const { rows } = await client.query<EntryRow & { seq: string }>(
        `DELETE FROM ${this.names.memories} WHERE ${where} RETURNING id, seq::text AS seq, payload::text AS payload`,
        parameters.values,
      );
      // RETURNING has no order: put the removed entries back in insertion order.
      const removed = rows.sort((left, right) => Number(left.seq) - Number(right.seq)).map(toEntry);
      if (removed.length > 0)
        await appendHistory(client, this.names, options.history?.(structuredClone(removed)));
      return removed;
    });
  }

  async history(memoryId: string): Promise<MemoryHistoryEntry[]> {
    this.assertOpen();
    this.binding();
    return this.run(() => readHistory(this.pool, this.names, memoryId));
  }

  async reset(): Promise<void> {
    this.assertOpen();
    await this.transaction((client) => dropTables(client, this.names));
    this.opened = undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsPool) await this.pool.end();
  }

  private binding(): VectorStoreBinding {
    return this.requireOpened().binding;
  }

  private requireOpened(): OpenedTables {
    requireBinding(this.opened?.binding, this.where);
    return this.opened!;
  }

  private dialect(opened: OpenedTables): FilterDialect {
    return { textColumns: SCOPE_COLUMNS, caseFoldCollation: opened.caseFoldCollation };
  }

  private transaction<Result>(work: (client: pg.PoolClient) => Promise<Result>): Promise<Result> {
    return this.run(() => inTransaction(this.pool, work));
  }

  private query<Row extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<pg.QueryResult<Row>> {
    return this.run(() => this.pool.query<Row>(sql, values));
  }

  private async run<Result>(operation: () => Promise<Result>): Promise<Result> {
    try {
      return await operation();
    } catch (error) {
      throw toStoreError(error, this.context);
    }
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new ConfigurationError(`this pgvector store (table "${this.names.table}") was closed.`, {
        fix: "Create a new store (or Memory) to go on.",
      });
    }
  }
}

function toEntry(row: EntryRow): VectorStoreEntry {
  return { id: row.id, payload: JSON.parse(row.payload) as JsonObject };
}
