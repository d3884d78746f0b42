import { resolve } from "node:path";
import type { VectorStoreConfig } from "@bedrock-embeddings/core";

const DEFAULT_NAME = "memories";
const DEFAULT_POSTGRES_PORT = "5432";

/**
 * True when two store configs point at the same stored memories: the same folder and collection,
 * or the same Postgres server, database and table (whoever logs in). Re-embedding uses it to refuse
 * writing into the store it reads.
 *
 * @example
 * sameStoreLocation(
 *   { provider: "file", config: { path: "/data" } },
 *   { provider: "file", config: { path: "/data/", collection: "memories" } },
 * ); // true
 */
export function sameStoreLocation(first: VectorStoreConfig, second: VectorStoreConfig): boolean {
  return locationOf(first) === locationOf(second);
}

/**
 * Where a store config points, without secrets: for messages and comparisons.
 *
 * @example
 * describeStoreLocation({ provider: "pgvector", config: { connectionString: "postgresql://u:p@db/app" } });
 * // "pgvector postgresql://db:5432/app table memories"
 */
export function describeStoreLocation(config: VectorStoreConfig): string {
  return locationOf(config);
}

function locationOf(config: VectorStoreConfig): string {
  if (config.provider === "file") {
    return `file ${resolve(config.config.path)} collection ${config.config.collection ?? DEFAULT_NAME}`;
  }
  return `pgvector ${serverOf(config.config.connectionString)} table ${config.config.table ?? DEFAULT_NAME}`;
}

// The user and password do not change which database is meant, and must never be printed.
function serverOf(connectionString: string): string {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    // A keyword/value string ("host=db dbname=app password=..."): compare it without the password.
    return connectionString
      .replace(/password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/gi, "")
      .split(/\s+/)
      .filter(Boolean)
      .sort()
      .join(" ");
  }
  const port = url.port === "" ? DEFAULT_POSTGRES_PORT : url.port;
  const database = decodeURIComponent(url.pathname.replace(/^\//, "")) || decodeURIComponent(url.username);
  return `postgresql://${url.hostname.toLowerCase()}:${port}/${database}`;
}
