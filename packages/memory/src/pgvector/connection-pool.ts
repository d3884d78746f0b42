import { ConfigurationError } from "@bedrock-embeddings/core";
import pg from "pg";

/**
 * Where a `PgVectorStore` connects: a connection string (the store opens and closes its own pool)
 * or a pool you own, plus the limits of the pool it opens.
 *
 * @example
 * const options: PoolOptions = { connectionString: process.env.DATABASE_URL, maxConnections: 5 };
 */
export interface PoolOptions {
  /** `postgresql://user:password@host:5432/database`; give this or `pool`. */
  connectionString?: string;
  /** A pool you manage (its settings are yours; `close()` leaves it open); give this or `connectionString`. */
  pool?: pg.Pool;
  /** Size of the pool the store opens; default 10. */
  maxConnections?: number;
  /** How long to wait for a connection (new, or free in a full pool) before failing; default 10,000 ms. */
  connectionTimeoutMillis?: number;
  /** Longest a statement may run (server side, `statement_timeout`) before failing; default 30,000 ms. */
  statementTimeoutMillis?: number;
}

/**
 * The pool a store uses, whether it must end it, and a name of the server safe for messages.
 *
 * @example
 * const { pool, owned, server } = openPool({ connectionString });
 */
export interface OpenedPool {
  pool: pg.Pool;
  /** True when the store created the pool, so `close()` ends it. */
  owned: boolean;
  /** `host:port/database`, never the user's password. */
  server: string;
}

const DEFAULT_MAX_CONNECTIONS = 10;
const DEFAULT_CONNECTION_TIMEOUT_MILLIS = 10_000;
const DEFAULT_STATEMENT_TIMEOUT_MILLIS = 30_000;
/** Past the server's own timeout, so the client gives up only when the server no longer answers. */
const CLIENT_GRACE_MILLIS = 5_000;

/**
 * Checks the options and opens (lazily: no connection is made yet) a pool with timeouts everywhere,
 * so no call waits forever on an unreachable or stuck server.
 *
 * @example
 * const { pool } = openPool({ connectionString: "postgresql://app:secret@db:5432/app" });
 */
export function openPool(options: PoolOptions): OpenedPool {
  const maxConnections = positiveInteger(options.maxConnections, "maxConnections", DEFAULT_MAX_CONNECTIONS);
  const connectionTimeoutMillis = positiveInteger(
    options.connectionTimeoutMillis,
    "connectionTimeoutMillis",
    DEFAULT_CONNECTION_TIMEOUT_MILLIS,
  );
  const statementTimeoutMillis = positiveInteger(
    options.statementTimeoutMillis,
    "statementTimeoutMillis",
    DEFAULT_STATEMENT_TIMEOUT_MILLIS,
  );
  if (options.pool !== undefined) {
    if (options.connectionString !== undefined) {
      throw new ConfigurationError("the pgvector store got both a connection string and a pool.", {
        fix: "Give one of them.",
      });
    }
    return { pool: options.pool, owned: false, server: describePoolServer(options.pool) };
  }
  const server = describeConnectionString(options.connectionString);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: maxConnections,
    connectionTimeoutMillis,
    statement_timeout: statementTimeoutMillis,
    query_timeout: statementTimeoutMillis + CLIENT_GRACE_MILLIS,
    idleTimeoutMillis: 10_000,
    keepAlive: true,
    application_name: "bedrock-embeddings",
    // Idle connections must not keep a CLI or a script alive after its last query.
    allowExitOnIdle: true,
  });
  // An idle connection that breaks (server restart, network) is dropped by the pool and the next
  // query opens a new one; without a listener its error would crash the process. The error belongs
  // to no call, so there is no caller to hand it to.
  pool.on("error", () => {});
  return { pool, owned: true, server };
}

/**
 * `host:port/database` of a connection string; a ConfigurationError when it is not a PostgreSQL URL.
 *
 * @example
 * describeConnectionString("postgresql://app:secret@db.internal/app"); // "db.internal:5432/app"
 */
export function describeConnectionString(connectionString: unknown): string {
  if (typeof connectionString !== "string" || connectionString.trim() === "") {
    throw new ConfigurationError("the pgvector store needs a connection string (or a pool).", {
      path: "connection_string",
      fix: "Set connection_string: ${DATABASE_URL}, e.g. postgresql://user:password@host:5432/database.",
    });
  }
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    // No cause on purpose: the parser's error holds the whole string, password included.
    throw notPostgresUrl();
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") throw notPostgresUrl();
  const host = url.hostname || url.searchParams.get("host") || "localhost";
  const database = decodeURIComponent(url.pathname.replace(/^\//, "")) || "(default database)";
  return `${host}:${url.port || "5432"}/${database}`;
}

function describePoolServer(pool: pg.Pool): string {
  const options = pool.options as {
    connectionString?: string;
    host?: string;
    port?: number;
    database?: string;
  };
  if (options.connectionString) {
    try {
      return describeConnectionString(options.connectionString);
    } catch {
      return "the given pool's server";
    }
  }
  return `${options.host ?? "localhost"}:${options.port ?? 5432}/${options.database ?? "(default database)"}`;
}

function notPostgresUrl(): ConfigurationError {
  return new ConfigurationError("the pgvector connection string is not a postgresql:// URL.", {
    path: "connection_string",
    fix:
      "Use postgresql://user:password@host:5432/database (percent-encode special characters in the password, " +
      "e.g. @ as %40).",
  });
}

function positiveInteger(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigurationError(`${name} must be a positive integer, got ${String(value)}.`, {
      path: name,
      fix: `Omit it for the default (${fallback}) or pass e.g. ${fallback}.`,
    });
  }
  return value;
}
