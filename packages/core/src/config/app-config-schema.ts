import { z } from "zod";
import { embedderConfigSchema } from "./embedder-config-schema.js";
import { asyncConfigSchema, batchConfigSchema, s3ConfigSchema } from "./job-config-schema.js";
import { serverConfigSchema } from "./server-config-schema.js";
import {
  DEFAULT_MEMORY_DIRECTORY,
  type VectorStoreConfig,
  vectorStoreConfigSchema,
} from "./vector-store-config-schema.js";

export {
  EMBEDDER_PROVIDERS,
  type EmbedderConfig,
  type EmbedderProviderName,
  embedderConfigSchema,
} from "./embedder-config-schema.js";

/** Starts the local Bedrock emulator in-process and points the embedder at it. */
export const emulatorConfigSchema = z.strictObject({
  embedded: z.boolean().default(false),
  port: z.int().min(0).max(65535).default(0),
});

export const memoryConfigSchema = z.strictObject({
  /**
   * The file store's folder when there is no `vector_store` section (the older spelling of
   * `vector_store: { provider: file, config: { path } }`).
   */
  dataDirectory: z.string().min(1).optional(),
  /** Minimum similarity for a search hit. */
  threshold: z.number().min(-1).max(1).default(0),
  topK: z.int().positive().default(5),
});

/**
 * The whole configuration file. `vectorStore` is always set in the result: the `vector_store`
 * section, else a file store at `memory.data_directory`, else at `.data/memory`. Giving both
 * `vector_store` and `memory.data_directory` is an error, so the store is never silently elsewhere.
 */
export const appConfigSchema = z
  .preprocess(
    withServerDefaultEmbedder,
    z.strictObject({
      version: z.literal(1).default(1),
      embedder: embedderConfigSchema,
      emulator: emulatorConfigSchema.default(emulatorConfigSchema.parse({})),
      vectorStore: vectorStoreConfigSchema.optional(),
      memory: memoryConfigSchema.default(memoryConfigSchema.parse({})),
      s3: s3ConfigSchema.default(s3ConfigSchema.parse({})),
      async: asyncConfigSchema.default(asyncConfigSchema.parse({})),
      batch: batchConfigSchema.default(batchConfigSchema.parse({})),
      /** The OpenAI-compatible embeddings server (`bedrock-embeddings serve`). */
      server: serverConfigSchema.optional(),
    }),
  )
  .superRefine((config, context) => {
    if (config.vectorStore !== undefined && config.memory.dataDirectory !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["memory", "dataDirectory"],
        message:
          "memory.data_directory and vector_store both say where memories are stored; " +
          "remove memory.data_directory (vector_store.config.path replaces it)",
      });
    }
  })
  .transform(({ vectorStore, ...config }) => ({
    ...config,
    vectorStore: vectorStore ?? fileStoreAt(config.memory.dataDirectory ?? DEFAULT_MEMORY_DIRECTORY),
  }));

/**
 * A file for the server alone names its embedders under `server.models`; the top-level `embedder`
 * (used by the other commands) then defaults to the Bedrock provider's defaults.
 */
function withServerDefaultEmbedder(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return raw;
  const fields = raw as Record<string, unknown>;
  if (fields["server"] === undefined || fields["embedder"] !== undefined) return raw;
  return { ...fields, embedder: { provider: "aws_bedrock" } };
}

function fileStoreAt(path: string): VectorStoreConfig {
  return { provider: "file", config: { path } };
}

export type EmulatorConfig = z.output<typeof emulatorConfigSchema>;
export type MemoryConfig = z.output<typeof memoryConfigSchema>;
export type AppConfig = z.output<typeof appConfigSchema>;
export type AppConfigInput = z.input<typeof appConfigSchema>;
