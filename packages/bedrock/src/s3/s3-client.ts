import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import type { Environment, S3Config } from "@bedrock-embeddings/core";
import { DEFAULT_TIMEOUTS } from "../call/timeouts.js";
import { httpHandlerOptions } from "../client/client-timeouts.js";
import { type ClientOptions, resolveRegion } from "../client/create-client.js";

/**
 * How S3 is reached, when it differs from the Bedrock settings (the `s3` config section).
 *
 * @example
 * const settings: S3Settings = { endpoint: "http://127.0.0.1:4568", credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } };
 */
export type S3Settings = Partial<S3Config>;

/**
 * The S3 client configuration: the `s3` settings first, then the Bedrock options (region,
 * credentials, profile). A Bedrock API key cannot sign S3 requests, so with one alone S3 uses
 * the SDK's default credential chain. A custom endpoint gets path-style addressing (what
 * S3-compatible servers expect) and checksums only where S3 requires them.
 *
 * @example
 * buildS3ClientConfig({ region: "us-east-1" }, { endpoint: "http://127.0.0.1:4568" }, {});
 * // { region: "us-east-1", endpoint: "http://127.0.0.1:4568", forcePathStyle: true, ... }
 */
export function buildS3ClientConfig(
  options: ClientOptions,
  s3: S3Settings,
  environment: Environment,
): S3ClientConfig {
  const config: S3ClientConfig = { region: s3.region ?? resolveRegion(options, environment) };
  if (s3.endpoint) {
    config.endpoint = s3.endpoint;
    config.forcePathStyle = s3.forcePathStyle ?? true;
    config.requestChecksumCalculation = "WHEN_REQUIRED";
    config.responseChecksumValidation = "WHEN_REQUIRED";
  } else if (s3.forcePathStyle !== undefined) {
    config.forcePathStyle = s3.forcePathStyle;
  }
  const credentials = s3.credentials ?? (s3.profile ? undefined : options.credentials);
  const profile = s3.profile ?? (s3.credentials ? undefined : options.profile);
  if (credentials) {
    const { accessKeyId, secretAccessKey, sessionToken } = credentials;
    config.credentials = sessionToken
      ? { accessKeyId, secretAccessKey, sessionToken }
      : { accessKeyId, secretAccessKey };
  } else if (profile) {
    config.profile = profile;
  }
  return config;
}

/**
 * An `S3Client` for these settings; a connection must open within 10 s, and a request without
 * traffic for 60 s fails.
 *
 * @example
 * const s3 = createS3Client({ region: "us-east-1", profile: "dev" }, {}, processEnvironment());
 */
export function createS3Client(options: ClientOptions, s3: S3Settings, environment: Environment): S3Client {
  return new S3Client({
    ...buildS3ClientConfig(options, s3, environment),
    requestHandler: httpHandlerOptions(DEFAULT_TIMEOUTS.objectStoreIdleMs),
  });
}
