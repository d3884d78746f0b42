import {
  type AppConfig,
  createEmbedder,
  type EmbedderConfig,
  type EmbeddingBase,
  type Environment,
  embedderConfigSchema,
  loadConfig,
  parseWithSchema,
} from "@bedrock-embeddings/core";
import {
  pointAtEmulator,
  startEmbeddedEmulator,
  withOpened,
  withoutBearerToken,
} from "../embedded-emulator.js";
import { EMBEDDER_PROVIDERS } from "../embedder-providers.js";
import { withRuntime } from "../runtime.js";

/** Where `embed` finds its model: a config file, flags, or flags over a config file. */
export interface EmbedderSource {
  config?: string;
  model?: string;
  region?: string;
  endpoint?: string;
}

/**
 * Runs `work` with the embedder the flags describe and always closes what was opened. With only
 * `--config`, this is the command's usual runtime. `--model`, `--region` and `--endpoint` replace
 * the file's `embedder.config` keys, or stand alone without a file (the Bedrock provider and the
 * default AWS credential chain). `--endpoint` also wins over `emulator.embedded: true`.
 *
 * @example
 * await withEmbedder({ model: "amazon.titan-embed-text-v2:0", region: "us-east-1" }, environment, (embedder) => run(embedder));
 */
export async function withEmbedder<Result>(
  source: EmbedderSource,
  environment: Environment,
  work: (embedder: EmbeddingBase) => Promise<Result>,
): Promise<Result> {
  const overrides = definedOnly({ model: source.model, region: source.region, endpoint: source.endpoint });
  if (source.config !== undefined && Object.keys(overrides).length === 0) {
    return withRuntime(source.config, environment, ({ embedder }) => work(embedder));
  }
  const file = source.config === undefined ? undefined : await loadConfig(source.config, { environment });
  const embedderConfig = parseWithSchema(embedderConfigSchema, {
    provider: file?.embedder.provider ?? "aws_bedrock",
    config: { ...file?.embedder.config, ...overrides },
  });
  if (file?.emulator.embedded && source.endpoint === undefined) {
    return withOpened(
      () => startEmbeddedEmulator(file),
      (emulator) =>
        work(
          createEmbedder(withEmulatorEndpoint(embedderConfig, emulator.url), {
            providers: EMBEDDER_PROVIDERS,
            environment: withoutBearerToken(environment),
          }),
        ),
    );
  }
  return work(createEmbedder(embedderConfig, { providers: EMBEDDER_PROVIDERS, environment }));
}

function withEmulatorEndpoint(embedder: EmbedderConfig, url: string): EmbedderConfig {
  return { ...embedder, config: pointAtEmulator(embedder.config, url) };
}

function definedOnly(values: Record<string, string | undefined>): Partial<AppConfig["embedder"]["config"]> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}
