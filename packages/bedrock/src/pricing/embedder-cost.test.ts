import { describe, expect, it } from "vitest";
import { BedrockEmbedder } from "../bedrock-embedder.js";
import type { BedrockCallEvent } from "../events.js";
import { awsError, cohereReply, fakeClient, instantRuntime, vectorOf } from "../fake-bedrock.test-helpers.js";

describe("cost estimates in usage and events", () => {
  it("prices each answered call from its tokens and sums them in the batch usage", async () => {
    const fake = fakeClient((request) => ({
      embedding: vectorOf(1536),
      inputTextTokenCount: (request.body["inputText"] as string).length * 1000,
    }));
    const events: BedrockCallEvent[] = [];
    const embedder = new BedrockEmbedder({
      model: "us.amazon.titan-embed-text-v1",
      client: fake.client,
      onCall: (event) => events.push(event),
    });
    const { usage } = await embedder.embedBatchDetailed(["ab", "c"]);
    // Titan v1 lists at $0.10 per 1M tokens: 2,000 and 1,000 tokens.
    expect(events.map((event) => event.estimatedCostUsd)).toEqual([0.0002, 0.0001]);
    expect(usage.estimatedCostUsd).toBeCloseTo(0.0003, 12);
  });

  it("prices a Cohere batch from the header token count", async () => {
    const fake = fakeClient((request) => cohereReply(request));
    const embedder = new BedrockEmbedder({ model: "cohere.embed-english-v3", client: fake.client });
    const { usage } = await embedder.embedBatchDetailed(["a", "b"]);
    // The fake sends no token header, so there is nothing to price.
    expect(usage.inputTokens).toBe(0);
    expect(usage.estimatedCostUsd).toBeUndefined();
  });

  it("does not price a call that got no answer, and gives no estimate for unpriced models", async () => {
    const { runtime } = instantRuntime();
    const failing = fakeClient(() => {
      throw awsError("ValidationException", 400, "bad");
    });
    const events: BedrockCallEvent[] = [];
    const embedder = new BedrockEmbedder(
      {
        model: "amazon.titan-embed-text-v2:0",
        client: failing.client,
        onCall: (event) => events.push(event),
      },
      runtime,
    );
    await expect(embedder.embed("a")).rejects.toMatchObject({ code: "BEDROCK_API" });
    expect(events[0]).not.toHaveProperty("estimatedCostUsd");

    const provisioned = fakeClient(() => ({ embeddings: [vectorOf(1024)] }));
    const custom = new BedrockEmbedder({
      model: "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc",
      family: "cohere-v3",
      client: provisioned.client,
    });
    const { usage } = await custom.embedBatchDetailed(["a"]);
    expect(usage).not.toHaveProperty("estimatedCostUsd");
  });
});
