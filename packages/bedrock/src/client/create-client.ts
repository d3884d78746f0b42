import { BedrockRuntimeClient, type BedrockRuntimeClientConfig } from "@aws-sdk/client-bedrock-runtime";
import { type BedrockEmbedderOptions, ConfigurationError, type Environment } from "@bedrock-embeddings/core";
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

/**
 * Which authentication the client is configured with (never the secret itself).
 *
 * @example
 * authModeFor({ apiKey: "ABSK..." }, {}); // "api-key"
 */
export type AuthMode = "api-key" | "credentials" | "profile" | "default-chain";

/**
 * The region: the `region` option, then `AWS_REGION`, then `AWS_DEFAULT_REGION` from the given
 * environment. Throws ConfigurationError when none is set.
 *
 * @example
 * resolveRegion({}, { AWS_REGION: "eu-west-1" }); // "eu-west-1"
 */
export function resolveRegion(options: Pick<ClientOptions, "region">, environment: Environment): string {
  const region = options.region || environment["AWS_REGION"] || environment["AWS_DEFAULT_REGION"];
  if (region) return region;
  throw new ConfigurationError("no AWS region is configured.", {
    path: "region",
    fix: "Set region in config or AWS_REGION in the environment (e.g. us-east-1).",
  });
}

/**
 * Which credentials apply: the `apiKey` option first; then explicit `credentials` or a
 * `profile` (explicit configuration beats the environment); then `AWS_BEARER_TOKEN_BEDROCK`;
 * else the SDK's default credential chain.
 *
 * @example
 * authModeFor({ profile: "dev" }, { AWS_BEARER_TOKEN_BEDROCK: "ABSK..." }); // "profile"
 */
export function authModeFor(options: ClientOptions, environment: Environment): AuthMode {
  if (options.apiKey) return "api-key";
  if (options.credentials) return "credentials";
  if (options.profile) return "profile";
  if (environment["AWS_BEARER_TOKEN_BEDROCK"]) return "api-key";
  return "default-chain";
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
  if (mode === "api-key") {
    const token = options.apiKey || environment["AWS_BEARER_TOKEN_BEDROCK"]!;
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
