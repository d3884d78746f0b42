import { EMULATOR_DEFAULT_BEARER_TOKEN, EMULATOR_DEFAULT_CREDENTIALS } from "@bedrock-embeddings/emulator";

/**
 * What `bedrock-embeddings emulator` prints after its URL: the fixed local test credentials and API
 * key it accepts (the emulator's defaults, not anybody's secrets) and how to point a client at it.
 *
 * @example
 * io.stdout.write(describeEmulatorAccess("http://127.0.0.1:4010"));
 */
export function describeEmulatorAccess(url: string): string {
  const { accessKeyId, secretAccessKey } = EMULATOR_DEFAULT_CREDENTIALS;
  return [
    "It accepts these fixed local test credentials (the emulator's own, not secrets):",
    `  access key id      ${accessKeyId}`,
    `  secret access key  ${secretAccessKey}`,
    `  API key            ${EMULATOR_DEFAULT_BEARER_TOKEN}`,
    "Point the AWS SDK, the AWS CLI or bedrock-embeddings at it from a shell:",
    `  export AWS_ENDPOINT_URL_BEDROCK_RUNTIME=${url}`,
    `  export AWS_ACCESS_KEY_ID=${accessKeyId} AWS_SECRET_ACCESS_KEY=${secretAccessKey} AWS_REGION=us-east-1`,
    `  # or with the API key instead: export AWS_BEARER_TOKEN_BEDROCK=${EMULATOR_DEFAULT_BEARER_TOKEN}`,
    "or in a config file's embedder.config:",
    `  endpoint: ${url}`,
    `  credentials: { access_key_id: ${accessKeyId}, secret_access_key: ${secretAccessKey} }`,
    "",
  ].join("\n");
}
