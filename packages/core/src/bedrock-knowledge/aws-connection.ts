import type { Environment } from "../environment.js";

/**
 * The connection settings that decide region and authentication (never logged: they hold secrets).
 *
 * @example
 * const settings: ConnectionSettings = { region: "us-east-1", profile: "dev" };
 */
export interface ConnectionSettings {
  region?: string | undefined;
  apiKey?: string | undefined;
  credentials?: object | undefined;
  profile?: string | undefined;
}

/**
 * The region in effect: the `region` setting, then `AWS_REGION`, then `AWS_DEFAULT_REGION` from the
 * given environment; empty values count as unset. Undefined when none is set: each caller says
 * what to do about that in its own words.
 *
 * @example
 * configuredRegion({}, { AWS_REGION: "eu-west-1" }); // "eu-west-1"
 */
export function configuredRegion(
  settings: Pick<ConnectionSettings, "region">,
  environment: Environment,
): string | undefined {
  return settings.region || environment["AWS_REGION"] || environment["AWS_DEFAULT_REGION"] || undefined;
}

/**
 * Which authentication applies (never the secret itself).
 *
 * @example
 * const mode: AuthMode = authModeFor({ apiKey: "ABSK..." }, {}); // "api-key"
 */
export type AuthMode = "api-key" | "credentials" | "profile" | "default-chain";

/**
 * Which credentials apply: the `apiKey` setting first; then explicit `credentials` or a `profile`
 * (explicit configuration beats the environment); then `AWS_BEARER_TOKEN_BEDROCK`; else the SDK's
 * default credential chain.
 *
 * @example
 * authModeFor({ profile: "dev" }, { AWS_BEARER_TOKEN_BEDROCK: "ABSK..." }); // "profile"
 */
export function authModeFor(settings: ConnectionSettings, environment: Environment): AuthMode {
  if (settings.apiKey) return "api-key";
  if (settings.credentials) return "credentials";
  if (settings.profile) return "profile";
  if (environment["AWS_BEARER_TOKEN_BEDROCK"]) return "api-key";
  return "default-chain";
}

/**
 * The Bedrock API key (bearer token) to send, when `authModeFor` chooses one; else undefined.
 *
 * @example
 * bearerTokenFor({}, { AWS_BEARER_TOKEN_BEDROCK: "ABSK-env" }); // "ABSK-env"
 * bearerTokenFor({ profile: "dev" }, { AWS_BEARER_TOKEN_BEDROCK: "ABSK-env" }); // undefined
 */
export function bearerTokenFor(settings: ConnectionSettings, environment: Environment): string | undefined {
  if (authModeFor(settings, environment) !== "api-key") return undefined;
  return settings.apiKey || environment["AWS_BEARER_TOKEN_BEDROCK"];
}
