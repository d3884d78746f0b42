import {
  type AppConfig,
  createEmbedder,
  type EmbedderConfig,
  type EmbeddingBase,
  type Environment,
  loadConfig,
} from "@bedrock-embeddings/core";
import type { RunningEmulator } from "@bedrock-embeddings/emulator";
import {
  pointAtEmulator,
  startEmbeddedEmulator,
  withOpened,
  withoutBearerToken,
} from "./embedded-emulator.js";
import { EMBEDDER_PROVIDERS } from "./embedder-providers.js";

/** Everything a command needs, opened from one config file. */
export interface Runtime {
  config: AppConfig;
  embedder: EmbeddingBase;
  /** Set when the config asked for the embedded emulator. */
  emulator: RunningEmulator | undefined;
  close(): Promise<void>;
}

/**
 * Loads the config, starts the embedded emulator only when the file says `emulator.embedded: true`
 * (never silently: a config without it talks to AWS), and builds the embedder.
 */
export async function openRuntime(configFile: string, environment: Environment): Promise<Runtime> {
  // Building the embedder is what checks model-specific settings, so do it while the file's
  // lines are known; the emulator's real address comes later.
  const config = await loadConfig(configFile, {
    environment,
    validate: (loaded) =>
      buildEmbedder(loaded, environment, loaded.emulator.embedded ? "http://127.0.0.1:1" : undefined),
  });
  if (!config.emulator.embedded) {
    return {
      config,
      embedder: buildEmbedder(config, environment, undefined),
      emulator: undefined,
      close: async () => {},
    };
  }
  const emulator = await startEmbeddedEmulator(config);
  try {
    const embedder = buildEmbedder(config, environment, emulator.url);
    return { config, embedder, emulator, close: () => emulator.close() };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

function buildEmbedder(
  config: AppConfig,
  environment: Environment,
  emulatorUrl: string | undefined,
): EmbeddingBase {
  if (emulatorUrl === undefined)
    return createEmbedder(config.embedder, { providers: EMBEDDER_PROVIDERS, environment });
  return createEmbedder(withEmulatorEndpoint(config.embedder, emulatorUrl), {
    providers: EMBEDDER_PROVIDERS,
    environment: withoutBearerToken(environment),
  });
}

function withEmulatorEndpoint(embedder: EmbedderConfig, url: string): EmbedderConfig {
  return { ...embedder, config: pointAtEmulator(embedder.config, url) };
}

/** Opens the runtime, runs `work`, and always closes it. */
export function withRuntime<Result>(
  configFile: string,
  environment: Environment,
  work: (runtime: Runtime) => Promise<Result>,
): Promise<Result> {
  return withOpened(() => openRuntime(configFile, environment), work);
}
