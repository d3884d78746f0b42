import {
  BedrockEmbeddingsError,
  ConfigurationError,
  InputError,
  NETWORK_ERROR_CODES,
} from "@bedrock-embeddings/core";
import pg from "pg";

/**
 * What an error message may say about the store: the server (`host:port/database`, never the
 * password) and the table's description.
 *
 * @example
 * const context: ErrorContext = { server: "db:5432/app", description: 'The pgvector table "memories"' };
 */
export interface ErrorContext {
  server: string;
  description: string;
}

/** How the pool and the driver report a connection they could not make or lost (no code). */
const CONNECTION_MESSAGES = [
  "timeout exceeded when trying to connect",
  "Connection terminated",
  "connection timeout",
  "Connection ended unexpectedly",
];
/** Every message-only error of the driver this store maps. */
const DRIVER_MESSAGES = [...CONNECTION_MESSAGES, "Query read timeout"];

/** SQLSTATE codes (PostgreSQL appendix A) this store tells apart. */
const SQLSTATE = {
  invalidPassword: "28P01",
  invalidAuthorization: "28000",
  unknownDatabase: "3D000",
  queryCanceled: "57014",
  insufficientPrivilege: "42501",
  undefinedTable: "42P01",
  untranslatableCharacter: "22P05",
  tooManyConnections: "53300",
  cannotConnectNow: "57P03",
  adminShutdown: "57P01",
} as const;

/**
 * The typed error for a failure of the `pg` driver or of PostgreSQL, with the original as `cause`:
 * unreachable server, refused login, missing database, timeout, missing privilege, table dropped
 * by another process. Any other error (this library's, or one thrown by a caller's history
 * callback) passes through unchanged.
 *
 * @example
 * try { await pool.query(sql) } catch (error) { throw toStoreError(error, context) }
 */
export function toStoreError(error: unknown, context: ErrorContext): unknown {
  if (BedrockEmbeddingsError.isInstance(error) || !isDriverError(error)) return error;
  const { code, message } = describeDriverError(error);
  const at = `PostgreSQL at ${context.server}`;
  if (code === SQLSTATE.invalidPassword || code === SQLSTATE.invalidAuthorization) {
    return new ConfigurationError(`${at} refused the login: ${message}`, {
      path: "connection_string",
      cause: error,
      fix: "Check the user and password in the connection string (keep them in an environment variable).",
    });
  }
  if (code === SQLSTATE.unknownDatabase) {
    return new ConfigurationError(`${at}: ${message}`, {
      path: "connection_string",
      cause: error,
      fix: "Create the database (CREATE DATABASE ...) or name an existing one in the connection string.",
    });
  }
  if (
    code === SQLSTATE.tooManyConnections ||
    code === SQLSTATE.cannotConnectNow ||
    code === SQLSTATE.adminShutdown
  ) {
    return new ConfigurationError(`${at} did not accept a connection: ${message}`, {
      cause: error,
      fix: "Retry later, or lower maxConnections (each process opens up to that many).",
    });
  }
  if (isUnreachable(code, message)) {
    return new ConfigurationError(`cannot reach ${at} (${code ?? message}).`, {
      path: "connection_string",
      cause: error,
      fix: "Check that the server runs and that host, port and network access (security group, firewall) are right.",
    });
  }
  if (code === SQLSTATE.queryCanceled || message.includes("Query read timeout")) {
    return new ConfigurationError(`a statement on ${at} timed out: ${message}`, {
      cause: error,
      fix: "Check the server's load and locks, or raise statementTimeoutMillis.",
    });
  }
  if (code === SQLSTATE.insufficientPrivilege) {
    return new ConfigurationError(`the database user may not do this on ${at}: ${message}`, {
      cause: error,
      fix: "Grant the user CREATE on the schema and SELECT, INSERT, UPDATE, DELETE on the store's tables.",
    });
  }
  if (code === SQLSTATE.undefinedTable) {
    return new ConfigurationError(
      `${context.description} no longer exists on ${at} (reset by another process?).`,
      {
        cause: error,
        fix: "Call initialize again (a new Memory does) to recreate it.",
      },
    );
  }
  if (code === SQLSTATE.untranslatableCharacter) {
    return new InputError(`PostgreSQL cannot store a value: ${message}`, {
      cause: error,
      fix: 'Remove NUL characters ("\\u0000") and unpaired surrogates from texts and metadata.',
    });
  }
  return new ConfigurationError(`${at} failed: ${message}${code ? ` (SQLSTATE ${code})` : ""}`, {
    cause: error,
  });
}

/** PostgreSQL's errors, the system's network errors, and the driver's own messages. */
function isDriverError(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return true;
  const { code, message } = describeDriverError(error);
  return (
    (code !== undefined && NETWORK_ERROR_CODES.has(code)) ||
    DRIVER_MESSAGES.some((text) => message.includes(text))
  );
}

function describeDriverError(error: unknown): { code: string | undefined; message: string } {
  if (typeof error !== "object" || error === null) return { code: undefined, message: String(error) };
  const { code, message } = error as { code?: unknown; message?: unknown };
  return {
    code: typeof code === "string" ? code : undefined,
    message: typeof message === "string" && message !== "" ? message : String(error),
  };
}

function isUnreachable(code: string | undefined, message: string): boolean {
  if (code !== undefined && NETWORK_ERROR_CODES.has(code)) return true;
  return CONNECTION_MESSAGES.some((text) => message.includes(text));
}
