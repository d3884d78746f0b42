import { BedrockApiError } from "@bedrock-embeddings/core";
import {
  EMULATOR_DEFAULT_CREDENTIALS,
  type RunningEmulator,
  startEmulator,
} from "@bedrock-embeddings/emulator";
import { LangChainAwsEmbedder } from "@bedrock-embeddings/langchain/aws";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emulator.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

function embedder(options: { apiKey?: string } = {}): LangChainAwsEmbedder {
  return new LangChainAwsEmbedder({
    model: "amazon.titan-embed-text-v2:0",
    region: "us-east-1",
    endpoint: emulator.url,
    maxAttempts: 1,
    ...(options.apiKey ? { apiKey: options.apiKey } : { credentials: { ...EMULATOR_DEFAULT_CREDENTIALS } }),
  });
}

describe("LangChainAwsEmbedder over real HTTP", () => {
  it("reports the calls and input tokens of a batch", async () => {
    const { vectors, usage } = await embedder().embedBatchDetailed(["first text", "second text"]);
    expect(vectors).toHaveLength(2);
    expect(usage).toMatchObject({ calls: 2, retries: 0, throttles: 0 });
    expect(usage.inputTokens).toBeGreaterThan(0);
  });

  it("fails with a typed error and writes nothing to the console", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = await embedder({ apiKey: "not-the-emulator-key" })
      .embed("hello")
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    expect(BedrockApiError.isInstance(error)).toBe(true);
    expect((error as BedrockApiError).awsErrorName).toBe("AccessDeniedException");
    expect(consoleError).not.toHaveBeenCalled();
  });
});
