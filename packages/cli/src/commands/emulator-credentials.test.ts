import { EMULATOR_DEFAULT_BEARER_TOKEN, EMULATOR_DEFAULT_CREDENTIALS } from "@bedrock-embeddings/emulator";
import { describe, expect, it } from "vitest";
import { describeEmulatorAccess } from "./emulator-credentials.js";

describe("describeEmulatorAccess", () => {
  it("prints the keys and API key the emulator accepts, and the environment lines for its URL", () => {
    const text = describeEmulatorAccess("http://127.0.0.1:4010");
    expect(text).toContain(EMULATOR_DEFAULT_CREDENTIALS.accessKeyId);
    expect(text).toContain(EMULATOR_DEFAULT_CREDENTIALS.secretAccessKey);
    expect(text).toContain(`AWS_BEARER_TOKEN_BEDROCK=${EMULATOR_DEFAULT_BEARER_TOKEN}`);
    expect(text).toContain("export AWS_ENDPOINT_URL_BEDROCK_RUNTIME=http://127.0.0.1:4010\n");
    expect(text).toContain("  endpoint: http://127.0.0.1:4010\n");
  });
});
