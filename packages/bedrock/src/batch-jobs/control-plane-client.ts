import { BedrockClient, type BedrockClientConfig } from "@aws-sdk/client-bedrock";
import type { Environment } from "@bedrock-embeddings/core";
import { DEFAULT_TIMEOUTS } from "../call/timeouts.js";
import { httpHandlerOptions } from "../client/client-timeouts.js";
import { buildClientConfig, type ClientOptions } from "../client/create-client.js";

/**
 * The Bedrock control-plane client configuration (CreateModelInvocationJob and friends): the
 * same region, endpoint and auth as the runtime client. A custom endpoint (the emulator) serves
 * both planes. The SDK's own retries stay on: these calls are few and carry idempotency tokens.
 * Connections must open within 10 s and an attempt without traffic fails after 30 s.
 *
 * @example
 * buildControlPlaneConfig({ region: "us-east-1", profile: "dev" }, {}); // { region: "us-east-1", profile: "dev", maxAttempts: 3, ... }
 */
export function buildControlPlaneConfig(
  options: ClientOptions,
  environment: Environment,
): BedrockClientConfig {
  const { region, endpoint, profile, credentials, token, authSchemePreference } = buildClientConfig(
    options,
    environment,
  );
  const config: BedrockClientConfig = {
    region,
    maxAttempts: 3,
    requestHandler: httpHandlerOptions(DEFAULT_TIMEOUTS.controlPlaneAttemptMs),
  };
  if (endpoint) config.endpoint = endpoint;
  if (profile) config.profile = profile;
  if (credentials) config.credentials = credentials;
  if (token) config.token = token;
  if (authSchemePreference) config.authSchemePreference = authSchemePreference;
  return config;
}

/**
 * A `BedrockClient` (control plane) for these options.
 *
 * @example
 * const controlPlane = createControlPlaneClient({ region: "us-east-1" }, processEnvironment());
 */
export function createControlPlaneClient(options: ClientOptions, environment: Environment): BedrockClient {
  return new BedrockClient(buildControlPlaneConfig(options, environment));
}
