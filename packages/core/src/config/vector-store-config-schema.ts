import { isAbsolute, resolve } from "node:path";
import { z } from "zod";

/** Where memories are stored: the embedded file store, or PostgreSQL with pgvector. */
export const VECTOR_STORE_PROVIDERS = ["file", "pgvector"] as const;
export type VectorStoreProviderName = (typeof VECTOR_STORE_PROVIDERS)[number];

/** The file store's directory when the config names none (resolved against the config file's folder). */
export const DEFAULT_MEMORY_DIRECTORY = ".data/memory";

/** The embedded store: files in one directory, one collection per name. */
export const fileVectorStoreConfigSchema = z.strictObject({
  provider: z.literal("file"),
  config: z.strictObject({
    /** The store's directory; relative paths resolve against the config file's folder. */
    path: z.string().min(1),
    /** Names the store's files in the directory; default "memories". */
    collection: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,100}$/, "expected 1 to 100 letters, digits, '_' or '-'")
      .optional(),
  }),
});

/** PostgreSQL with the `vector` extension (Aurora, RDS, any Postgres). */
export const pgvectorVectorStoreConfigSchema = z.strictObject({
  provider: z.literal("pgvector"),
  config: z.strictObject({
    /** `postgresql://user:password@host:5432/database`, usually `${DATABASE_URL}`. */
    connectionString: z.string().min(1),
    /** The memories table (created if missing); default "memories". */
    table: z
      .string()
      .regex(
        /^[a-z_][a-z0-9_]{0,50}$/,
        "expected a lowercase SQL identifier of at most 51 characters (a-z, digits and '_', not starting with a digit)",
      )
      .optional(),
    /** Most connections the pool opens; default the driver's (10). */
    maxConnections: z.int().positive().optional(),
  }),
});

/**
 * `vector_store: { provider, config }` in mem0's shape.
 *
 * @example
 * vectorStoreConfigSchema.parse({ provider: "file", config: { path: ".data/memory" } });
 */
export const vectorStoreConfigSchema = z.discriminatedUnion("provider", [
  fileVectorStoreConfigSchema,
  pgvectorVectorStoreConfigSchema,
]);

/**
 * The store a `Memory` opens, as `loadConfig` returns it (`config.vectorStore`): always set, with
 * the file store's path made absolute against the config file's folder.
 *
 * @example
 * const store: VectorStoreConfig = { provider: "pgvector", config: { connectionString: url } };
 */
export type VectorStoreConfig = z.output<typeof vectorStoreConfigSchema>;
/** The `file` variant of `VectorStoreConfig`. */
export type FileVectorStoreConfig = z.output<typeof fileVectorStoreConfigSchema>;
/** The `pgvector` variant of `VectorStoreConfig`. */
export type PgvectorVectorStoreConfig = z.output<typeof pgvectorVectorStoreConfigSchema>;

/**
 * The store config with a relative file store path made absolute against `baseDirectory` (the
 * config file's folder), so a store does not move with the working directory.
 *
 * @example
 * resolveVectorStorePath({ provider: "file", config: { path: "data" } }, "/etc/app");
 * // { provider: "file", config: { path: "/etc/app/data" } }
 */
export function resolveVectorStorePath(store: VectorStoreConfig, baseDirectory: string): VectorStoreConfig {
  if (store.provider !== "file" || isAbsolute(store.config.path)) return store;
  return { ...store, config: { ...store.config, path: resolve(baseDirectory, store.config.path) } };
}
