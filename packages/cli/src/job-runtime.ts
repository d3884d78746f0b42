import type { ClientOptions, S3Settings } from "@bedrock-embeddings/bedrock";
import {
  type AppConfig,
  type BedrockEmbedderOptions,
  type Environment,
  loadConfig,
} from "@bedrock-embeddings/core";
import {
  EMULATOR_DEFAULT_CREDENTIALS,
  type RunningEmulator,
  startEmulator,
} from "@bedrock-embeddings/emulator";

/** What the async and batch commands need from one config file. */
export interface JobRuntime {
  config: AppConfig;
  /** The embedder options, pointed at the embedded emulator when the config asks for it. */
  embedderOptions: BedrockEmbedderOptions;
  /** Region, endpoint and auth for the runtime and control-plane clients. */
  clientOptions: ClientOptions;
  s3: S3Settings;
  environment: Environment;
  close(): Promise<void>;
}

/**
 * Loads the config for async invocations and batch jobs. With `emulator.embedded: true` it
 * starts the emulator with the config's `s3` endpoint as its storage (the emulator writes job
 * outputs there), and talks to it with the emulator's keys; otherwise it uses the config as is.
 */
export async function openJobRuntime(configFile: string, environment: Environment): Promise<JobRuntime> {
  const config = await loadConfig(configFile, { environment });
  const options = config.embedder.config;
  const s3: S3Settings = config.s3;
  if (!config.emulator.embedded) {
    return {
      config,
      embedderOptions: options,
      clientOptions: options,
      s3,
      environment,
      close: async () => {},
    };
  }
  const emulator: RunningEmulator = await startEmulator({
    port: config.emulator.port,
    ...(s3.endpoint
      ? {
          s3: {
            endpoint: s3.endpoint,
            ...(s3.region ? { region: s3.region } : {}),
            ...(s3.credentials ? { credentials: s3.credentials } : {}),
            ...(s3.forcePathStyle === undefined ? {} : { forcePathStyle: s3.forcePathStyle }),
          },
        }
      : {}),
  });
  const { profile: _profile, apiKey: _apiKey, ...rest } = options;
  const embedderOptions: BedrockEmbedderOptions = {
    ...rest,
    endpoint: emulator.url,
    region: rest.region ?? "us-east-1",
    credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
  };
  // A real Bedrock API key in the environment must not be sent to the local emulator.
  const { AWS_BEARER_TOKEN_BEDROCK: _token, ...localEnvironment } = environment;
  return {
    config,
    embedderOptions,
    clientOptions: embedderOptions,
    s3,
    environment: localEnvironment,
    close: () => emulator.close(),
  };
}

/** Opens the job runtime, runs `work`, and always closes it. */
export async function withJobRuntime<Result>(
  configFile: string,
  environment: Environment,
  work: (runtime: JobRuntime) => Promise<Result>,
): Promise<Result> {
  const runtime = await openJobRuntime(configFile, environment);
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}
