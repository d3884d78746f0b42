import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BedrockEmbedder } from "@bedrock-embeddings/bedrock";
import { BedrockApiError } from "@bedrock-embeddings/core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type EmulatorFixture, invokeBodies, startEmulatorFixture } from "./support/emulator-fixture.js";

let fixture: EmulatorFixture;
let directory: string;
beforeAll(async () => {
  fixture = await startEmulatorFixture();
  directory = await mkdtemp(join(tmpdir(), "credential-errors-"));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await fixture.emulator.close();
  await rm(directory, { recursive: true, force: true });
});

async function apiError(promise: Promise<unknown>): Promise<BedrockApiError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (reason: unknown) => reason,
  );
  expect(BedrockApiError.isInstance(error)).toBe(true);
  return error as BedrockApiError;
}

describe("credential errors over real HTTP", () => {
  it("tells a wrong API key to check the key, not to enable model access", async () => {
    const embedder = fixture.embedder({
      model: "amazon.titan-embed-text-v2:0",
      credentials: undefined,
      apiKey: "not-the-emulator-key",
    });
    const error = await apiError(embedder.embed("hello"));
    expect(error.awsErrorName).toBe("AccessDeniedException");
    expect(error.message).toContain("the API key was not accepted");
    expect(error.fix).toMatch(
      /^Check the API key \(api_key in the configuration, or AWS_BEARER_TOKEN_BEDROCK\)/,
    );
    expect(error.fix).not.toContain("Model access");
    expect(error.message).not.toContain("not-the-emulator-key");
  });

  it("names a profile that does not exist and the files searched, before any request", async () => {
    const configFile = join(directory, "config");
    const credentialsFile = join(directory, "credentials");
    await writeFile(configFile, "[profile other]\nregion = us-east-1\n");
    await writeFile(
      credentialsFile,
      "[other]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = other\n",
    );
    // The SDK reads these from process.env; the embedder's environment names them in the message.
    const environment = { AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile };
    for (const [name, value] of Object.entries(environment)) vi.stubEnv(name, value);
    for (const name of [
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_PROFILE",
      "AWS_BEARER_TOKEN_BEDROCK",
    ]) {
      vi.stubEnv(name, undefined);
    }
    fixture.emulator.clearRequests();
    const embedder = new BedrockEmbedder({
      model: "amazon.titan-embed-text-v2:0",
      region: "us-east-1",
      endpoint: fixture.emulator.url,
      profile: "nosuch",
      maxAttempts: 1,
      environment,
    });
    const error = await apiError(embedder.embed("hello"));
    expect(error.awsErrorName).toBe("CredentialsProviderError");
    expect(error.message).toContain(
      `could not load credentials for profile "nosuch" from ${configFile} or ${credentialsFile}`,
    );
    expect(error.fix).toContain("aws configure list-profiles");
    expect(invokeBodies(fixture.emulator)).toHaveLength(0);
    vi.unstubAllEnvs();
  });
});
