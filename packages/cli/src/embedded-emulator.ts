import type { AppConfig, BedrockEmbedderOptions, Environment } from "@bedrock-embeddings/core";
import {
  EMULATOR_DEFAULT_CREDENTIALS,
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from "@bedrock-embeddings/emulator";
import { listenErrorForUser } from "./commands/emulator-listen-error.js";

/**
 * Starts the emulator a config asks for (`emulator.embedded: true`), with the config's `s3`
 * endpoint as its storage when one is given (async and batch jobs write their outputs there).
 */
export function startEmbeddedEmulator(config: AppConfig): Promise<RunningEmulator> {
  const s3 = config.s3;
  const storage: Pick<EmulatorOptions, "s3"> = s3.endpoint
    ? {
        s3: {
          endpoint: s3.endpoint,
          ...(s3.region ? { region: s3.region } : {}),
          ...(s3.credentials ? { credentials: s3.credentials } : {}),
          ...(s3.forcePathStyle === undefined ? {} : { forcePathStyle: s3.forcePathStyle }),
        },
      }
    : {};
  return startEmulator({ port: config.emulator.port, ...storage }).catch((error: unknown) => {
    throw listenErrorForUser(error, { port: "emulator.port" });
  });
}

/** The embedder options pointed at the emulator, with the emulator's keys instead of the user's. */
export function pointAtEmulator(options: BedrockEmbedderOptions, url: string): BedrockEmbedderOptions {
  const { profile: _profile, apiKey: _apiKey, ...rest } = options;
  return {
    ...rest,
    endpoint: url,
    region: rest.region ?? "us-east-1",
    credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
  };
}

/** A real Bedrock API key in the environment must not be sent to the local emulator. */
export function withoutBearerToken(environment: Environment): Environment {
  const { AWS_BEARER_TOKEN_BEDROCK: _token, ...rest } = environment;
  return rest;
}

/** Opens a resource, runs `work` with it, and always closes it. */
export async function withOpened<Resource extends { close(): Promise<void> }, Result>(
  open: () => Promise<Resource>,
  work: (resource: Resource) => Promise<Result>,
): Promise<Result> {
  const resource = await open();
  try {
    return await work(resource);
  } finally {
    await resource.close();
  }
}
