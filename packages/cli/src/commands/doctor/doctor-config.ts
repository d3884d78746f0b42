import {
  type AppConfig,
  createEmbedder,
  type EmbeddingBase,
  type Environment,
  loadConfig,
  parseConfigText,
} from "@bedrock-embeddings/core";
import { pointAtEmulator, withoutBearerToken } from "../../embedded-emulator.js";
import { EMBEDDER_PROVIDERS } from "../../embedder-providers.js";

/** The flags `doctor` takes besides `--config`; they override the file's embedder settings. */
export interface DoctorTargetFlags {
  config?: string | undefined;
  model?: string | undefined;
  region?: string | undefined;
  endpoint?: string | undefined;
}

/** Names the configuration in messages when only flags were given. */
export const FLAGS_ONLY = "the command-line flags";

// Only to check the settings: the embedded emulator's real address is known later.
const PLACEHOLDER_EMULATOR_URL = "http://127.0.0.1:1";

/** One attempt, cut short, and no cache: the model check must really call the service, and soon. */
const PROBE_SETTINGS = { maxAttempts: 1, requestTimeoutMs: 15_000, cache: undefined };

/**
 * The configuration `doctor` checks: the `--config` file with `--model`, `--region` and
 * `--endpoint` applied on top, or those flags alone. Throws the loader's ConfigurationError
 * (file, line, key) when the file or the resulting embedder settings are invalid.
 *
 * @example
 * const config = await loadDoctorConfig({ config: "app.yaml", region: "eu-west-1" }, process.env);
 */
export async function loadDoctorConfig(
  flags: DoctorTargetFlags,
  environment: Environment,
): Promise<AppConfig> {
  const check = (config: AppConfig) => {
    probeEmbedder(withSomeRegion(config, environment), environment, emulatorPlaceholder(config));
  };
  const hasFlags = flags.model !== undefined || flags.region !== undefined || flags.endpoint !== undefined;
  if (flags.config === undefined) {
    const config = withFlags(
      parseConfigText(JSON.stringify({ embedder: { provider: "aws_bedrock" } }), FLAGS_ONLY, { environment }),
      flags,
    );
    check(config);
    return config;
  }
  // Without flags, the loader checks the settings itself, so an error names the file's line.
  const loaded = await loadConfig(flags.config, { environment, ...(hasFlags ? {} : { validate: check }) });
  const config = withFlags(loaded, flags);
  if (hasFlags) check(config);
  return config;
}

function emulatorPlaceholder(config: AppConfig): string | undefined {
  return config.emulator.embedded ? PLACEHOLDER_EMULATOR_URL : undefined;
}

// A missing region is the region check's finding, reported with every way to set one; the
// config check looks at everything else.
function withSomeRegion(config: AppConfig, environment: Environment): AppConfig {
  const hasRegion =
    config.embedder.config.region || environment["AWS_REGION"] || environment["AWS_DEFAULT_REGION"];
  if (hasRegion) return config;
  return withFlags(config, { region: "us-east-1" });
}

/**
 * The embedder for the model access check: the config's settings with one short attempt and no
 * cache, pointed at the embedded emulator (with its keys) when `emulatorUrl` is given.
 *
 * @example
 * const embedder = probeEmbedder(config, process.env, emulator?.url);
 */
export function probeEmbedder(
  config: AppConfig,
  environment: Environment,
  emulatorUrl: string | undefined,
): EmbeddingBase {
  const options = { ...config.embedder.config, ...PROBE_SETTINGS };
  if (emulatorUrl === undefined) {
    return createEmbedder(
      { ...config.embedder, config: options },
      { providers: EMBEDDER_PROVIDERS, environment },
    );
  }
  return createEmbedder(
    { ...config.embedder, config: pointAtEmulator(options, emulatorUrl) },
    { providers: EMBEDDER_PROVIDERS, environment: withoutBearerToken(environment) },
  );
}

function withFlags(config: AppConfig, flags: DoctorTargetFlags): AppConfig {
  const overrides = {
    ...(flags.model === undefined ? {} : { model: flags.model }),
    ...(flags.region === undefined ? {} : { region: flags.region }),
    ...(flags.endpoint === undefined ? {} : { endpoint: flags.endpoint }),
  };
  return { ...config, embedder: { ...config.embedder, config: { ...config.embedder.config, ...overrides } } };
}
