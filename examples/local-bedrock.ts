import type { BedrockEmbedderOptionsInput } from "@bedrock-embeddings/core";
import { EMULATOR_DEFAULT_CREDENTIALS, startEmulator } from "@bedrock-embeddings/emulator";

// Under Node 20 the AWS SDK warns, once per process, that its 2027 releases need Node 22. The SDK reads
// this variable when the first client is built, which happens after this module has run.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

/**
 * Where the examples send their requests: real Bedrock when USE_AWS=1 (credentials from the
 * default AWS chain), otherwise a local emulator started here, so the examples run offline.
 */
export async function bedrockConnection(
  environment: NodeJS.ProcessEnv,
): Promise<{ options: Partial<BedrockEmbedderOptionsInput>; close: () => Promise<void> }> {
  if (environment["USE_AWS"] === "1") {
    return { options: { region: environment["AWS_REGION"] ?? "us-east-1" }, close: async () => {} };
  }
  const emulator = await startEmulator({ port: 0 });
  return {
    options: {
      region: "us-east-1",
      endpoint: emulator.url,
      credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
    },
    close: () => emulator.close(),
  };
}
