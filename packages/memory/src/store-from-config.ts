import { resolve } from "node:path";
import type { VectorStoreConfig } from "@bedrock-embeddings/core";
import { FileVectorStore } from "./file-store/file-vector-store.js";
import type { VectorStore } from "./vector-store.js";

/**
 * Opens the store a configuration names (`config.vectorStore` from `loadConfig`): the embedded file
 * store, or PostgreSQL with pgvector (its driver is loaded only when asked for). A relative file store
 * path resolves against the working directory here; `loadConfig` has already made it absolute
 * against the config file's folder. The store is not initialized: `Memory` binds it to its embedder.
 *
 * @example
 * const store = await openVectorStore({ provider: "file", config: { path: "/var/lib/memory" } });
 */
export async function openVectorStore(config: VectorStoreConfig): Promise<VectorStore> {
  if (config.provider === "file") {
    return new FileVectorStore({
      directory: resolve(config.config.path),
      ...(config.config.collection === undefined ? {} : { collection: config.config.collection }),
    });
  }
  const { PgVectorStore } = await import("./pgvector/pg-vector-store.js");
  return new PgVectorStore({
    connectionString: config.config.connectionString,
    ...(config.config.table === undefined ? {} : { table: config.config.table }),
    ...(config.config.maxConnections === undefined ? {} : { maxConnections: config.config.maxConnections }),
  });
}
