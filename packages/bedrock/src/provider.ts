import { type EmbedderProvider, withVectorCache } from "@bedrock-embeddings/core";
import { BedrockEmbedder } from "./bedrock-embedder.js";

/**
 * The `aws_bedrock` provider for core's registry: builds a BedrockEmbedder from validated
 * options and the environment given to `createEmbedder`, behind a `CachedEmbedder` when the
 * options have a `cache` block.
 *
 * @example
 * const embedder = createEmbedder(config.embedder, { providers: [bedrockProvider], environment: processEnvironment() });
 */
export const bedrockProvider: EmbedderProvider = {
  name: "aws_bedrock",
  create: ({ cache, ...options }, { environment }) =>
    withVectorCache(new BedrockEmbedder({ ...options, environment }), cache),
};
