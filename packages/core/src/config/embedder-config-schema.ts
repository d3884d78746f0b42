import { z } from "zod";
import { bedrockEmbedderOptionsSchema } from "./bedrock-embedder-options.js";

export const EMBEDDER_PROVIDERS = ["aws_bedrock", "langchain_aws"] as const;
export type EmbedderProviderName = (typeof EMBEDDER_PROVIDERS)[number];

/** mem0/embedchain shape: `embedder: { provider, config }`. */
export const embedderConfigSchema = z.strictObject({
  provider: z.enum(EMBEDDER_PROVIDERS),
  config: bedrockEmbedderOptionsSchema.default(bedrockEmbedderOptionsSchema.parse({})),
});

export type EmbedderConfig = z.output<typeof embedderConfigSchema>;
