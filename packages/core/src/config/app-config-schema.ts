import { z } from "zod";
import { bedrockEmbedderOptionsSchema } from "./bedrock-embedder-options.js";
import { asyncConfigSchema, batchConfigSchema, s3ConfigSchema } from "./job-config-schema.js";

export const EMBEDDER_PROVIDERS = ["aws_bedrock", "langchain_aws"] as const;
export type EmbedderProviderName = (typeof EMBEDDER_PROVIDERS)[number];

/** mem0/embedchain shape: `embedder: { provider, config }`. */
export const embedderConfigSchema = z.strictObject({
  provider: z.enum(EMBEDDER_PROVIDERS),
  config: bedrockEmbedderOptionsSchema.default(bedrockEmbedderOptionsSchema.parse({})),
});

/** Starts the local Bedrock emulator in-process and points the embedder at it. */
export const emulatorConfigSchema = z.strictObject({
  embedded: z.boolean().default(false),
  port: z.int().min(0).max(65535).default(0),
});

export const memoryConfigSchema = z.strictObject({
  /** Folder where memories and their history are persisted. */
  dataDirectory: z.string().min(1).default(".data/memory"),
  /** Minimum similarity for a search hit. */
  threshold: z.number().min(-1).max(1).default(0),
  topK: z.int().positive().default(5),
});

/** The whole configuration file. */
export const appConfigSchema = z.strictObject({
  version: z.literal(1).default(1),
  embedder: embedderConfigSchema,
  emulator: emulatorConfigSchema.default(emulatorConfigSchema.parse({})),
  memory: memoryConfigSchema.default(memoryConfigSchema.parse({})),
  s3: s3ConfigSchema.default(s3ConfigSchema.parse({})),
  async: asyncConfigSchema.default(asyncConfigSchema.parse({})),
  batch: batchConfigSchema.default(batchConfigSchema.parse({})),
});

export type EmbedderConfig = z.output<typeof embedderConfigSchema>;
export type EmulatorConfig = z.output<typeof emulatorConfigSchema>;
export type MemoryConfig = z.output<typeof memoryConfigSchema>;
export type AppConfig = z.output<typeof appConfigSchema>;
export type AppConfigInput = z.input<typeof appConfigSchema>;
