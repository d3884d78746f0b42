import { BedrockEmbedder } from "@bedrock-embeddings/bedrock";
import { EMULATOR_DEFAULT_CREDENTIALS, startEmulator } from "@bedrock-embeddings/emulator";
import { describe, expect, it } from "vitest";

describe("a body cut off mid-response", () => {
  it("is retried over HTTP/2 like any dropped connection, and nothing is lost", async () => {
    const emulator = await startEmulator({
      port: 0,
      traffic: { seed: 3, defaults: { faults: { truncatedBody: 0.3 } } },
    });
    try {
      const embedder = new BedrockEmbedder({
        model: "amazon.titan-embed-text-v2:0",
        region: "us-east-1",
        endpoint: emulator.url,
        credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
        maxAttempts: 8,
      });
      const texts = Array.from({ length: 30 }, (_, index) => `text number ${index}`);
      const { vectors, usage } = await embedder.embedBatchDetailed(texts);
      expect(vectors.filter((vector) => vector?.length === 1024)).toHaveLength(30);
      expect(emulator.stats().faults["truncatedBody"] ?? 0).toBeGreaterThan(0);
      expect(usage.retries).toBeGreaterThan(0);
    } finally {
      await emulator.close();
    }
  });
});
