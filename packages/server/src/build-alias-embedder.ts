import {
  type BedrockEmbedderOptions,
  CachedEmbedder,
  configuredRegion,
  createEmbedder,
  type DescribesVectors,
  type EmbedderConfig,
  type EmbedderProvider,
  type EmbeddingBase,
  type Environment,
  type VectorCache,
} from "@bedrock-embeddings/core";
import type { BuildEmbedder } from "./models/served-models.js";

export interface AliasEmbedderOptions {
  providers: readonly EmbedderProvider[];
  environment: Environment;
  /** Rewrites each alias's embedder options before it is built (e.g. to point it at the emulator). */
  adjustEmbedder?: ((options: BedrockEmbedderOptions) => BedrockEmbedderOptions) | undefined;
  /** A cache shared by every replica (Redis); replaces each alias's own `cache` setting. */
  sharedCache?: VectorCache | undefined;
}

/**
 * How the server builds an alias's embedder: through the provider registry, like every command,
 * with the alias's `cache`, or the shared cache in its place when one is configured.
 *
 * @example
 * const build = aliasEmbedderBuilder({ providers: [bedrockProvider], environment: {} });
 * const embedder = build({ provider: "aws_bedrock", config: { model: "cohere.embed-v4:0", ... } });
 */
export function aliasEmbedderBuilder(options: AliasEmbedderOptions): BuildEmbedder {
  return (config: EmbedderConfig): EmbeddingBase => {
    const adjusted = options.adjustEmbedder ? options.adjustEmbedder(config.config) : config.config;
    if (!options.sharedCache) {
      return createEmbedder({ ...config, config: adjusted }, options);
    }
    const { cache: _ownCache, ...withoutCache } = adjusted;
    const inner = createEmbedder({ ...config, config: withoutCache }, options);
    return new CachedEmbedder(inner as EmbeddingBase & DescribesVectors, options.sharedCache);
  };
}

/**
 * The Bedrock runtime base URL an embedder's options reach, for the readiness probe.
 *
 * @example
 * bedrockEndpointOf({ region: "eu-west-1" }, {}); // "https://bedrock-runtime.eu-west-1.amazonaws.com"
 */
export function bedrockEndpointOf(
  options: Pick<BedrockEmbedderOptions, "endpoint" | "region">,
  environment: Environment,
): string {
  if (options.endpoint) return options.endpoint;
  // An alias without a region never gets this far: building its embedder refuses it.
  const region = configuredRegion(options, environment) ?? "us-east-1";
  return `https://bedrock-runtime.${region}.amazonaws.com`;
}
