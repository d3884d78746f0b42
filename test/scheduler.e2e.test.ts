import { BedrockEmbedder } from "@bedrock-embeddings/bedrock";
import { BatchEmbeddingError } from "@bedrock-embeddings/core";
import {
  EMULATOR_DEFAULT_CREDENTIALS,
  type RunningEmulator,
  startEmulator,
} from "@bedrock-embeddings/emulator";
import { afterEach, describe, expect, it } from "vitest";

// The real SDK over loopback HTTP to an emulator enforcing a quota the embedder is not told.
const model = "amazon.titan-embed-text-v2:0";
let emulator: RunningEmulator | undefined;

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(requestsPerMinute: number) {
  emulator = await startEmulator({ traffic: { defaults: { requestsPerMinute, latencyMs: 60 } } });
  const url = emulator.url;
  return () =>
    new BedrockEmbedder({
      model,
      region: "us-east-1",
      endpoint: url,
      credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
    });
}

describe("the adaptive scheduler against the emulator's quota", () => {
  it("embeds 300 texts at an untold 1,200 requests a minute: nothing lost, order kept, few throttles", async () => {
    const embedder = (await start(1200))();
    const texts = Array.from(
      { length: 300 },
      (_unused, index) => `note ${index} about subject ${index % 17}`,
    );
    let lastDone = 0;
    const { vectors, usage } = await embedder.embedBatchDetailed(texts, "add", {
      onProgress: ({ done }) => {
        lastDone = done;
      },
    });
    const stats = emulator!.stats();
    expect(vectors).toHaveLength(300);
    expect(vectors.every((vector) => vector.length === 1024)).toBe(true);
    expect(lastDone).toBe(300);
    // Each vector is its own text's: the same text embedded again alone gives the same vector.
    for (const index of [0, 151, 299]) {
      expect(await embedder.embed(texts[index]!)).toEqual(vectors[index]);
    }
    expect(stats.throttled / stats.requests).toBeLessThan(0.05);
    expect(usage.throttles).toBe(stats.throttled);
    expect(usage.calls).toBe(stats.requests);
  });

  it("duplicates are sent once; an abort keeps what is done and names the reason", async () => {
    const embedder = (await start(600))();
    const texts = Array.from({ length: 60 }, (_unused, index) => `repeated ${index % 20}`);
    const { vectors } = await embedder.embedBatchDetailed(texts);
    // Served once each; any extra requests were throttled ones, retried.
    expect(emulator!.stats().served).toBe(20);
    expect(vectors[40]).toEqual(vectors[0]);

    const controller = new AbortController();
    const reason = new Error("the user stopped the run");
    const many = Array.from({ length: 200 }, (_unused, index) => `fresh ${index}`);
    const running = embedder.embedBatchDetailed(many, "add", {
      signal: controller.signal,
      onProgress: ({ done }) => {
        if (done >= 5) controller.abort(reason);
      },
    });
    const error = (await running.catch((caught: unknown) => caught)) as BatchEmbeddingError;
    expect(BatchEmbeddingError.isInstance(error)).toBe(true);
    expect(error.aborted).toBe(true);
    expect(error.cause).toBe(reason);
    const embedded = error.vectors.filter((vector) => vector !== undefined).length;
    expect(embedded).toBeGreaterThanOrEqual(5);
    expect(embedded).toBeLessThan(200);
    const requestsAtAbort = emulator!.stats().requests;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(emulator!.stats().requests).toBe(requestsAtAbort);
  });
});
