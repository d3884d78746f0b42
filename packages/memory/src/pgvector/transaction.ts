import type pg from "pg";

/**
 * Runs `work` on one pooled connection between BEGIN and COMMIT, and rolls back when it throws,
 * so a failed call changes nothing. A connection whose ROLLBACK fails (it broke) is discarded
 * instead of going back to the pool; the error of `work` is the one thrown.
 *
 * @example
 * const removed = await inTransaction(pool, async (client) => (await client.query(sql, values)).rows);
 */
export async function inTransaction<Result>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<Result>,
): Promise<Result> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    try {
      await client.query("ROLLBACK");
    } catch (rollbackError) {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    }
    throw error;
  } finally {
    client.release(broken);
  }
}
