import type { EmbedderProvider } from "@bedrock-embeddings/core";
import { BedrockEmbedder } from "./bedrock-embedder.js";

/**
 * The `aws_bedrock` provider for core's registry: builds a BedrockEmbedder from validated
 * options and the environment given to `createEmbedder`.
 *
 * @example
 * const embedder = createEmbedder(config.embedder, { providers: [bedrockProvider], environment: processEnvironment() });
 */
export const bedrockProvider: EmbedderProvider = {
  name: "aws_bedrock",
  create: (options, { environment }) => new BedrockEmbedder({ ...options, environment }),
};
