import { ConfigurationError } from "@bedrock-embeddings/core";

/** Lowercase, so the name means the same quoted or not; short enough for PostgreSQL's 63-byte names. */
const TABLE_NAME = /^[a-z_][a-z0-9_]{0,50}$/;

/**
 * The tables of one pgvector store, as quoted SQL identifiers, and how messages name them.
 *
 * @example
 * const names = tableNames("memories");
 * `SELECT count(*) FROM ${names.memories}`; // SELECT count(*) FROM "memories"
 */
export interface TableNames {
  /** The name as configured, e.g. `memories`. */
  table: string;
  /** One row per memory: id, seq, scope columns, payload, embedding. */
  memories: string;
  /** One row per recorded change, in the same transaction as the change. */
  history: string;
  /** One row: the model id and dimension the table is bound to. */
  binding: string;
  /** e.g. `The pgvector table "memories"`, for messages (never the connection string). */
  description: string;
}

/**
 * Checks a table name (`[a-z_][a-z0-9_]{0,50}`) and derives the store's three table names from it.
 *
 * @example
 * tableNames("team_memories").history; // "\"team_memories_history\""
 */
export function tableNames(table: string): TableNames {
  if (typeof table !== "string" || !TABLE_NAME.test(table)) {
    throw new ConfigurationError(
      `the pgvector table name must be a lowercase SQL identifier of at most 51 characters ` +
        `(letters a-z, digits and "_", not starting with a digit), got ${JSON.stringify(table) ?? String(table)}.`,
      { path: "table", fix: 'Use e.g. table: "memories".' },
    );
  }
  return {
    table,
    memories: quoteIdentifier(table),
    history: quoteIdentifier(`${table}_history`),
    binding: quoteIdentifier(`${table}_binding`),
    description: `The pgvector table "${table}"`,
  };
}

/**
 * An identifier in double quotes (inner quotes doubled), so SQL reads it exactly as written.
 *
 * @example
 * quoteIdentifier("user_id"); // "\"user_id\""
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
