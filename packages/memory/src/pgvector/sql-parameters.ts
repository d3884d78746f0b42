/**
 * The parameters of one SQL statement: `add` keeps a value and returns its placeholder, so values
 * are never written into SQL text.
 *
 * @example
 * const parameters = new SqlParameters();
 * const sql = `SELECT * FROM t WHERE id = ${parameters.add("m1")}`; // ... WHERE id = $1
 * await client.query(sql, parameters.values);
 */
export class SqlParameters {
  readonly values: unknown[] = [];

  /** Keeps `value` and returns its placeholder (`$1`, `$2`, ...). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
