import type { ClientOptions } from "@bedrock-embeddings/bedrock";
import type { S3Settings } from "@bedrock-embeddings/bedrock/jobs";
import {
  type AppConfig,
  type BedrockEmbedderOptions,
  type Environment,
  loadConfig,
} from "@bedrock-embeddings/core";
import {
  pointAtEmulator,
  startEmbeddedEmulator,
  withOpened,
  withoutBearerToken,
} from "./embedded-emulator.js";

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
  const emulator = await startEmbeddedEmulator(config);
  const embedderOptions = pointAtEmulator(options, emulator.url);
  return {
    config,
    embedderOptions,
    clientOptions: embedderOptions,
    s3,
    environment: withoutBearerToken(environment),
    close: () => emulator.close(),
  };
}

/** Opens the job runtime, runs `work`, and always closes it. */
export function withJobRuntime<Result>(
  configFile: string,
  environment: Environment,
  work: (runtime: JobRuntime) => Promise<Result>,
): Promise<Result> {
  return withOpened(() => openJobRuntime(configFile, environment), work);
}
