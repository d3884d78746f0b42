import { bedrockProvider } from "@bedrock-embeddings/bedrock";
import type { EmbedderProvider } from "@bedrock-embeddings/core";
import { langchainAwsProvider } from "@bedrock-embeddings/langchain/aws";

/** The embedder providers a config file may name (`embedder.provider`), for every command. */
export const EMBEDDER_PROVIDERS: readonly EmbedderProvider[] = [bedrockProvider, langchainAwsProvider];
