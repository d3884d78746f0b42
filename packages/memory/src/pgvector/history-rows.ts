import { InputError } from "@bedrock-embeddings/core";
import type pg from "pg";
import type { MemoryEvent, MemoryHistoryEntry } from "../memory-types.js";
import type { TableNames } from "./table-names.js";

const EVENTS: readonly MemoryEvent[] = ["ADD", "UPDATE", "DELETE"];

/**
 * Appends history entries in their order, inside the caller's transaction (so with the change they
 * record). A malformed entry or an entry id already recorded is an InputError, and the caller's
 * transaction then rolls the change back too.
 *
 * @example
 * await appendHistory(client, names, [{ id: "h1", memoryId: "m1", event: "ADD", ... }]);
 */
export async function appendHistory(
  client: pg.PoolClient,
  names: TableNames,
  entries: readonly MemoryHistoryEntry[] | undefined,
): Promise<void> {
  if (!entries || entries.length === 0) return;
  entries.forEach(assertHistoryEntry);
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO ${names.history} (id, memory_id, previous_value, new_value, event, created_at) ` +
      "SELECT input.id, input.memory_id, input.previous_value, input.new_value, input.event, input.created_at " +
      "FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY " +
      "AS input(id, memory_id, previous_value, new_value, event, created_at, position) " +
      "ORDER BY input.position ON CONFLICT (id) DO NOTHING RETURNING id",
    [
      entries.map((entry) => entry.id),
      entries.map((entry) => entry.memoryId),
      entries.map((entry) => entry.previousValue),
      entries.map((entry) => entry.newValue),
      entries.map((entry) => entry.event),
      entries.map((entry) => entry.createdAt),
    ],
  );
  if (rows.length < entries.length) {
    const written = new Set(rows.map((row) => row.id));
    const index = entries.findIndex((entry) => !written.has(entry.id));
    throw new InputError(
      `a history entry with id ${JSON.stringify(entries[index]?.id)} already exists (or repeats).`,
      {
        index,
        fix: "Give every history entry a fresh id.",
      },
    );
  }
}

/**
 * Every recorded change of one memory, oldest first.
 *
 * @example
 * const entries = await readHistory(pool, names, "m1");
 */
export async function readHistory(
  queryable: pg.Pool | pg.PoolClient,
  names: TableNames,
  memoryId: string,
): Promise<MemoryHistoryEntry[]> {
  const { rows } = await queryable.query<{
    id: string;
    memory_id: string;
    previous_value: string | null;
    new_value: string | null;
    event: MemoryEvent;
    created_at: string;
  }>(
    `SELECT id, memory_id, previous_value, new_value, event, created_at FROM ${names.history} ` +
      "WHERE memory_id = $1 ORDER BY seq",
    [memoryId],
  );
  return rows.map((row) => ({
    id: row.id,
    memoryId: row.memory_id,
    previousValue: row.previous_value,
    newValue: row.new_value,
    event: row.event,
    createdAt: row.created_at,
  }));
}

function assertHistoryEntry(entry: MemoryHistoryEntry, index: number): void {
  const texts = [entry?.id, entry?.memoryId, entry?.createdAt];
  const values = [entry?.previousValue, entry?.newValue];
  if (
    texts.some((text) => typeof text !== "string" || text === "") ||
    values.some((value) => value !== null && typeof value !== "string") ||
    !EVENTS.includes(entry.event)
  ) {
    throw new InputError(
      "a history entry needs string id, memoryId and createdAt, an event, and texts or null.",
      {
        index,
        fix: 'Pass e.g. { id, memoryId, event: "ADD", previousValue: null, newValue: "text", createdAt }.',
      },
    );
  }
}
