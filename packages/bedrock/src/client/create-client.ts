import { BedrockRuntimeClient, type BedrockRuntimeClientConfig } from "@aws-sdk/client-bedrock-runtime";
import {
  authModeFor,
  type BedrockEmbedderOptions,
  bearerTokenFor,
  ConfigurationError,
  configuredRegion,
  type Environment,
} from "@bedrock-embeddings/core";
import { http2HandlerOptions, runtimeIdleTimeoutMs } from "./client-timeouts.js";
import { nameProfileInCredentialErrors } from "./profile-credentials-error.js";

/**
 * The options that shape the SDK client.
 *
 * @example
 * const options: ClientOptions = { region: "us-east-1", profile: "dev" };
 */
export type ClientOptions = Pick<
  BedrockEmbedderOptions,
  "region" | "endpoint" | "credentials" | "profile" | "apiKey"
>;

export { type AuthMode, authModeFor } from "@bedrock-embeddings/core";

/**
 * The region: the `region` option, then `AWS_REGION`, then `AWS_DEFAULT_REGION` from the given
 * environment. Throws ConfigurationError when none is set.
 *
 * @example
 * resolveRegion({}, { AWS_REGION: "eu-west-1" }); // "eu-west-1"
 */
export function resolveRegion(options: Pick<ClientOptions, "region">, environment: Environment): string {
  const region = configuredRegion(options, environment);
  if (region) return region;
  throw new ConfigurationError("no AWS region is configured.", {
    path: "region",
    fix: "Set region in config or AWS_REGION in the environment (e.g. us-east-1).",
  });
}

/**
 * The SDK client configuration for these options. `maxAttempts` is 1 because the embedder
 * owns the only retry layer; stacking the SDK's retries on top would multiply attempts.
 *
 * @example
 * buildClientConfig({ region: "us-east-1", apiKey: "ABSK..." }, {});
 * // { region: "us-east-1", maxAttempts: 1, token: { token: "ABSK..." }, authSchemePreference: ["httpBearerAuth"] }
 */
export function buildClientConfig(
  options: ClientOptions,
  environment: Environment,
): BedrockRuntimeClientConfig {
  const config: BedrockRuntimeClientConfig = { region: resolveRegion(options, environment), maxAttempts: 1 };
  if (options.endpoint) config.endpoint = options.endpoint;
  if (options.profile) config.profile = options.profile;
  if (options.credentials) {
    const { accessKeyId, secretAccessKey, sessionToken } = options.credentials;
    config.credentials = sessionToken
      ? { accessKeyId, secretAccessKey, sessionToken }
      : { accessKeyId, secretAccessKey };
  }
  const mode = authModeFor(options, environment);
  const token = bearerTokenFor(options, environment);
  if (token !== undefined) {
    config.token = { token };
    config.authSchemePreference = ["httpBearerAuth"];
  } else if (mode === "credentials" || mode === "profile") {
    // The SDK prefers bearer auth on its own whenever process.env has AWS_BEARER_TOKEN_BEDROCK;
    // explicit keys or a profile must win over that.
    config.authSchemePreference = ["sigv4"];
  }
  return config;
}

/**
 * A `BedrockRuntimeClient` for these options (region, endpoint, credentials, profile or API key),
 * whose transport closes a stream without traffic a second after the longest attempt
 * (`requestTimeoutMs`, else the media default), so no request can wait forever.
 *
 * @example
 * const client = createBedrockClient({ region: "us-east-1", profile: "dev" }, processEnvironment());
 */
export function createBedrockClient(
  options: ClientOptions,
  environment: Environment,
  requestTimeoutMs?: number,
): BedrockRuntimeClient {
  const client = new BedrockRuntimeClient({
    ...buildClientConfig(options, environment),
    requestHandler: http2HandlerOptions(runtimeIdleTimeoutMs(requestTimeoutMs)),
  });
  if (options.profile && authModeFor(options, environment) === "profile") {
    nameProfileInCredentialErrors(client, options.profile, environment);
  }
  return client;
}
