import type { EmbeddingBase } from "../embedding-base.js";
import type { Environment } from "../environment.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import { EMBEDDER_PROVIDERS, type EmbedderConfig } from "./app-config-schema.js";
import type { BedrockEmbedderOptions } from "./bedrock-embedder-options.js";

export interface ProviderContext {
  environment: Environment;
}

/**
 * Builds an embedder from validated options. Packages export one of these; core never
 * imports AWS code itself.
 *
 * @example
 * const embedder = createEmbedder(config.embedder, { providers: [bedrockProvider] });
 */
export interface EmbedderProvider {
  readonly name: string;
  create(options: BedrockEmbedderOptions, context: ProviderContext): EmbeddingBase;
}

export interface CreateEmbedderOptions {
  providers: readonly EmbedderProvider[];
  environment?: Environment;
}

/** Builds the embedder the configuration names, from the providers given. */
export function createEmbedder(config: EmbedderConfig, options: CreateEmbedderOptions): EmbeddingBase {
  const provider = options.providers.find((candidate) => candidate.name === config.provider);
  if (!provider) {
    throw new ConfigurationError(`no provider named "${config.provider}" was given to createEmbedder.`, {
      path: "embedder.provider",
      allowed:
        options.providers.length > 0
          ? options.providers.map((candidate) => candidate.name)
          : EMBEDDER_PROVIDERS,
      fix: "Pass the provider from its package, e.g. bedrockProvider from @bedrock-embeddings/bedrock.",
    });
  }
  try {
    return provider.create(config.config, { environment: options.environment ?? {} });
  } catch (error) {
    // Provider paths are relative to its options; make them point into the whole file.
    if (ConfigurationError.isInstance(error) && error.path && error.file === undefined) {
      throw error.relocated(`embedder.config.${error.path}`);
    }
    throw error;
  }
}
