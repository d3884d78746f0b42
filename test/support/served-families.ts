import { type AppConfig, type Environment, parseConfigText } from "@bedrock-embeddings/core";
import { EMULATOR_DEFAULT_CREDENTIALS, type RunningEmulator } from "@bedrock-embeddings/emulator";

/** One server alias per model family the emulator serves, with the Bedrock model behind it. */
export const SERVED_FAMILIES = [
  { alias: "titan-v1", model: "amazon.titan-embed-text-v1" },
  { alias: "titan-v2", model: "amazon.titan-embed-text-v2:0", dimensions: 512 },
  { alias: "cohere-v3", model: "cohere.embed-english-v3" },
  { alias: "cohere-v4", model: "cohere.embed-v4:0", dimensions: 256 },
  { alias: "nova", model: "amazon.nova-2-multimodal-embeddings-v1:0", dimensions: 1024 },
  { alias: "titan-multimodal", model: "amazon.titan-embed-image-v1" },
  { alias: "marengo-3", model: "twelvelabs.marengo-embed-3-0-v1:0" },
  { alias: "marengo-2-7", model: "us.twelvelabs.marengo-embed-2-7-v1:0" },
] as const;

/** The API key the test servers accept, read through `${EMBEDDINGS_API_KEY}` as a user would write it. */
export const TEST_API_KEY = "sk-test-server-clients";

/**
 * Options of `serverConfigText`.
 */
export interface ServerConfigTextOptions {
  /** `server.redis_url`, to share limits and the cache across replicas. */
  redisUrl?: string;
  /** Per-minute budgets of the one API key. */
  requestsPerMinute?: number;
  /** Only these aliases; defaults to every family. */
  aliases?: readonly string[];
}

/**
 * The YAML a user would write: a `server:` section on port 0 with one alias per family, each
 * embedder pointed at the emulator with the emulator's keys, and one API key from the environment.
 */
export function serverConfigText(emulator: RunningEmulator, options: ServerConfigTextOptions = {}): string {
  const families = SERVED_FAMILIES.filter(({ alias }) => options.aliases?.includes(alias) ?? true);
  const models = families.map(
    ({ alias, model, ...rest }) => `    - name: ${alias}
      embedder:
        provider: aws_bedrock
        config:
          model: ${model}
          region: us-east-1
          endpoint: ${emulator.url}
          credentials: { access_key_id: ${EMULATOR_DEFAULT_CREDENTIALS.accessKeyId}, secret_access_key: ${EMULATOR_DEFAULT_CREDENTIALS.secretAccessKey} }${"dimensions" in rest ? `\n          dimensions: ${rest.dimensions}` : ""}`,
  );
  const key =
    options.requestsPerMinute === undefined
      ? `"\${EMBEDDINGS_API_KEY}"`
      : `{ key: "\${EMBEDDINGS_API_KEY}", requests_per_minute: ${options.requestsPerMinute} }`;
  return [
    "server:",
    "  port: 0",
    `  api_keys: [${key}]`,
    ...(options.redisUrl === undefined ? [] : [`  redis_url: ${options.redisUrl}`]),
    "  models:",
    ...models,
    "",
  ].join("\n");
}

/** The environment the test configs read their key from. */
export const TEST_ENVIRONMENT: Environment = { EMBEDDINGS_API_KEY: TEST_API_KEY };

/** Parses `serverConfigText` as the CLI would and returns its `server:` section. */
export function serverConfig(emulator: RunningEmulator, options: ServerConfigTextOptions = {}) {
  const config: AppConfig = parseConfigText(serverConfigText(emulator, options), "server.yaml", {
    environment: TEST_ENVIRONMENT,
  });
  return config.server!;
}
