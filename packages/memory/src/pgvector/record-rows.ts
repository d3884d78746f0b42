import type pg from "pg";
import type { CheckedRecord } from "../record-checks.js";
import type { TableNames } from "./table-names.js";
import { toVectorText } from "./vector-text.js";

/** Characters of vector text per INSERT statement, so a large import is many moderate statements. */
const TEXT_PER_STATEMENT = 4_000_000;
/** Upper bound of the text of one component (`-1.23456789e-38`). */
const CHARACTERS_PER_COMPONENT = 16;

/**
 * How `writeRecords` treats an id that is already stored: `insert` leaves that row alone (the
 * caller sees it missing from the result and refuses the write), `upsert` replaces payload and
 * vector and keeps the row's place (`seq`).
 *
 * @example
 * const mode: WriteMode = "upsert";
 */
export type WriteMode = "insert" | "upsert";

/**
 * Writes checked records with one parameterised statement per few hundred rows (arrays unnested
 * in input order, so `seq` follows it) and returns the ids actually inserted or replaced.
 *
 * @example
 * const written = await writeRecords(client, names, checked, "insert");
 * const existing = checked.filter((record) => !written.has(record.id));
 */
export async function writeRecords(
  client: pg.PoolClient,
  names: TableNames,
  records: readonly CheckedRecord[],
  mode: WriteMode,
): Promise<Set<string>> {
  const written = new Set<string>();
  if (records.length === 0) return written;
  const conflict =
    mode === "insert"
      ? "ON CONFLICT (id) DO NOTHING"
      : "ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, embedding = EXCLUDED.embedding";
  const sql =
    `INSERT INTO ${names.memories} (id, payload, embedding) ` +
    "SELECT input.id, input.payload::jsonb, input.embedding::vector " +
    "FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS input(id, payload, embedding, position) " +
    `ORDER BY input.position ${conflict} RETURNING id`;
  const dimension = records[0]!.vector.length;
  const perStatement = Math.max(1, Math.floor(TEXT_PER_STATEMENT / (dimension * CHARACTERS_PER_COMPONENT)));
  for (let start = 0; start < records.length; start += perStatement) {
    const chunk = records.slice(start, start + perStatement);
    const { rows } = await client.query<{ id: string }>(sql, [
      chunk.map((record) => record.id),
      chunk.map((record) => JSON.stringify(record.payload)),
      chunk.map((record) => toVectorText(record.vector, `the vector of ${JSON.stringify(record.id)}`)),
    ]);
    for (const row of rows) written.add(row.id);
  }
  return written;
}
