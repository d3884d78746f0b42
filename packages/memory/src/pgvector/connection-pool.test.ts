import { createServer } from "node:net";
import { ConfigurationError } from "@bedrock-embeddings/core";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { describeConnectionString, openPool } from "./connection-pool.js";
import { PgVectorStore } from "./pg-vector-store.js";

/** A port nothing listens on: bound once by the system, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

describe("connection strings and pools", () => {
  it("names host, port and database, never user or password", () => {
    expect(describeConnectionString("postgresql://app:hunter2@db.internal/app")).toBe("db.internal:5432/app");
    expect(describeConnectionString("postgres://app:hunter2@10.0.0.5:6543/team%20db?sslmode=require")).toBe(
      "10.0.0.5:6543/team db",
    );
  });

  it("refuses what is not a postgresql:// URL without repeating it (it may hold a password)", () => {
    for (const text of [
      "db.internal:5432",
      "postgres://app:hunter2@[bad/x",
      "mysql://app:hunter2@db/app",
      " ",
    ]) {
      let caught: unknown;
      try {
        describeConnectionString(text);
      } catch (error) {
        caught = error;
      }
      expect(caught, text).toBeInstanceOf(ConfigurationError);
      expect(JSON.stringify(caught) + String(caught), text).not.toContain("hunter2");
    }
  });

  it("needs exactly one of a connection string and a pool, and positive limits", () => {
    expect(() => openPool({})).toThrowError(ConfigurationError);
    const pool = new pg.Pool();
    try {
      expect(() => openPool({ pool, connectionString: "postgresql://localhost/app" })).toThrow(/both/);
      expect(openPool({ pool }).owned).toBe(false);
    } finally {
      void pool.end();
    }
    for (const maxConnections of [0, -1, 1.5]) {
      expect(() => openPool({ connectionString: "postgresql://localhost/app", maxConnections })).toThrow(
        /maxConnections must be a positive integer/,
      );
    }
  });

  it("reports an unreachable server as a ConfigurationError with host and port, keeping the cause", async () => {
    const port = await closedPort();
    const store = new PgVectorStore({
      connectionString: `postgresql://app:hunter2-secret@127.0.0.1:${port}/app`,
      connectionTimeoutMillis: 2_000,
    });
    try {
      const error = await store.initialize({ dimension: 2, modelId: "m" }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toContain(`127.0.0.1:${port}/app`);
      expect((error as Error).message).toMatch(/ECONNREFUSED/);
      expect((error as Error).cause).toBeInstanceOf(Error);
      expect(`${(error as Error).message} ${JSON.stringify((error as Error).cause)}`).not.toContain(
        "hunter2",
      );
    } finally {
      await store.close();
    }
  });

  it("gives up on a server that accepts but never answers after connectionTimeoutMillis", async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const address = silent.address() as { port: number };
    const store = new PgVectorStore({
      connectionString: `postgresql://app@127.0.0.1:${address.port}/app`,
      connectionTimeoutMillis: 300,
    });
    try {
      const error = await store.initialize({ dimension: 2, modelId: "m" }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toMatch(/cannot reach PostgreSQL at 127\.0\.0\.1/);
    } finally {
      await store.close();
      silent.close();
    }
  });
});
