/**
 * The access key pair the emulator accepts when `startEmulator` is given no `credentials`.
 *
 * @example
 * const client = new BedrockRuntimeClient({
 *   region: "us-east-1",
 *   endpoint: emulator.url,
 *   credentials: EMULATOR_DEFAULT_CREDENTIALS,
 * });
 */
// Deliberately not frozen: the SDK writes a `$source` marker onto the credentials object it is given and
// throws a TypeError when that object is frozen.
export const EMULATOR_DEFAULT_CREDENTIALS: {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
} = {
  accessKeyId: "AKIDEMULATOR",
  secretAccessKey: "emulator-secret",
};

/**
 * The Bedrock API key (bearer token) the emulator accepts when `startEmulator` is given no `bearerTokens`.
 *
 * @example
 * await fetch(`${emulator.url}/model/amazon.titan-embed-text-v2%3A0/invoke`, {
 *   method: "POST",
 *   headers: { authorization: `Bearer ${EMULATOR_DEFAULT_BEARER_TOKEN}`, "content-type": "application/json" },
 *   body: JSON.stringify({ inputText: "hello" }),
 * });
 */
export const EMULATOR_DEFAULT_BEARER_TOKEN = "emulator-api-key";
