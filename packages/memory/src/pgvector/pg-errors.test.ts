import { ConfigurationError, InputError } from "@bedrock-embeddings/core";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { toStoreError } from "./pg-errors.js";

const context = { server: "db.internal:5432/app", description: 'The pgvector table "memories"' };

/** The `pg` driver's error for a PostgreSQL ErrorResponse with this SQLSTATE. */
function databaseError(code: string, message: string): Error {
  return Object.assign(new pg.DatabaseError(message, message.length, "error"), { code, severity: "ERROR" });
}

describe("toStoreError", () => {
  it.each([
    ["28P01", 'password authentication failed for user "app"', /refused the login/, /user and password/],
    ["3D000", 'database "app" does not exist', /database "app" does not exist/, /CREATE DATABASE/],
    ["57014", "canceling statement due to statement timeout", /timed out/, /statementTimeoutMillis/],
    ["42501", "permission denied for table memories", /may not do this/, /Grant/],
    ["53300", "sorry, too many clients already", /did not accept a connection/, /maxConnections/],
    ["XX000", "internal error", /failed: internal error \(SQLSTATE XX000\)/, undefined],
  ])("maps SQLSTATE %s to a ConfigurationError naming the server", (code, message, problem, fix) => {
    const original = databaseError(code, message);
    const mapped = toStoreError(original, context) as Error;
    expect(mapped).toBeInstanceOf(ConfigurationError);
    expect(mapped.message).toMatch(problem);
    expect(mapped.message).toContain("db.internal:5432/app");
    if (fix) expect((mapped as ConfigurationError).fix).toMatch(fix);
    expect(mapped.cause).toBe(original);
  });

  it("maps a value PostgreSQL cannot store to an InputError", () => {
    const mapped = toStoreError(databaseError("22P05", "unsupported Unicode escape sequence"), context);
    expect(mapped).toBeInstanceOf(InputError);
  });

  it("passes the library's own errors and a caller's errors through unchanged", () => {
    const own = new InputError("bad");
    expect(toStoreError(own, context)).toBe(own);
    const callers = new Error("history builder failed");
    expect(toStoreError(callers, context)).toBe(callers);
  });
});
