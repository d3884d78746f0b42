import { BedrockEmbedder } from "@bedrock-embeddings/bedrock";
import { BatchEmbeddingError, BedrockApiError, InputError } from "@bedrock-embeddings/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type EmulatorFixture, invokeBodies, startEmulatorFixture } from "./support/emulator-fixture.js";

let fixture: EmulatorFixture;
beforeAll(async () => {
  fixture = await startEmulatorFixture();
});
afterAll(async () => {
  await fixture.emulator.close();
});
beforeEach(() => fixture.emulator.clearRequests());

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

describe("errors over real HTTP", () => {
  it("turns a wrong secret into a typed auth error without leaking the secret", async () => {
    const embedder = new BedrockEmbedder({
      model: "amazon.titan-embed-text-v2:0",
      region: "us-east-1",
      endpoint: fixture.emulator.url,
      credentials: { accessKeyId: "AKIDEMULATOR", secretAccessKey: "definitely-the-wrong-secret" },
    });
    const error = await caught(embedder.embed("hello"));
    expect(BedrockApiError.isInstance(error)).toBe(true);
    const apiError = error as BedrockApiError;
    expect(apiError.awsErrorName).toBe("InvalidSignatureException");
    expect(apiError.httpStatus).toBe(403);
    expect(apiError.retryable).toBe(false);
    expect(apiError.cause).toBeInstanceOf(Error);
    expect(JSON.stringify({ message: apiError.message, stack: apiError.stack })).not.toContain(
      "definitely-the-wrong-secret",
    );
    expect(invokeBodies(fixture.emulator)).toHaveLength(1);
  });

  it("retries a 429 and then succeeds", async () => {
    fixture.emulator.injectFaults([{ errorType: "ThrottlingException", status: 429, times: 1 }]);
    const embedder = fixture.embedder({ model: "amazon.titan-embed-text-v2:0" });
    const { vectors, usage } = await embedder.embedBatchDetailed(["after a throttle"]);
    expect(vectors).toHaveLength(1);
    expect(usage.retries).toBe(1);
    expect(usage.throttles).toBe(1);
    expect(fixture.emulator.requests.map((request) => request.status)).toEqual([429, 200]);
  });

  it("does not retry a 400 and keeps the service error as the cause", async () => {
    fixture.emulator.injectFaults([
      {
        errorType: "ValidationException",
        status: 400,
        message: "Malformed input request: injected",
        times: 1,
      },
    ]);
    const embedder = fixture.embedder({ model: "amazon.titan-embed-text-v2:0" });
    const error = await caught(embedder.embed("rejected once"));
    expect(BedrockApiError.isInstance(error)).toBe(true);
    const apiError = error as BedrockApiError;
    expect(apiError.awsErrorName).toBe("ValidationException");
    expect(apiError.httpStatus).toBe(400);
    expect((apiError.cause as Error).name).toBe("ValidationException");
    expect((apiError.cause as Error).message).toContain("injected");
    expect(apiError.message).toContain("injected");
    expect(fixture.emulator.requests).toHaveLength(1);
  });

  it("keeps the vectors that succeeded when one call of a batch fails", async () => {
    const embedder = fixture.embedder({ model: "amazon.titan-embed-text-v2:0", maxConcurrency: 1 });
    fixture.emulator.injectFaults([
      {
        errorType: "ValidationException",
        status: 400,
        message: "Malformed input request: one bad",
        times: 1,
      },
    ]);
    const error = await caught(embedder.embedBatch(["alpha", "beta", "gamma"]));
    expect(BatchEmbeddingError.isInstance(error)).toBe(true);
    const batchError = error as BatchEmbeddingError;
    expect(batchError.failures.map((failure) => failure.index)).toEqual([0]);
    expect(batchError.vectors[1]).toHaveLength(1024);
    expect(batchError.vectors[2]).toHaveLength(1024);
  });

  it("rejects bad input before sending anything, naming the index", async () => {
    const embedder = fixture.embedder({ model: "cohere.embed-english-v3" });
    const error = await caught(embedder.embedBatch(["fine", "   ", "also fine"]));
    expect(InputError.isInstance(error)).toBe(true);
    expect((error as InputError).index).toBe(1);
    const tooLong = await caught(embedder.embedBatch(["ok", "x".repeat(3000)]));
    expect((tooLong as InputError).index).toBe(1);
    expect((tooLong as InputError).limit).toBe(2048);
    expect(fixture.emulator.requests).toHaveLength(0);
  });

  it("surfaces an id the service does not know as a typed error", async () => {
    const embedder = fixture.embedder({
      model: "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/unknown01",
      family: "titan-text-v2",
    });
    const error = await caught(embedder.embed("hello"));
    expect(BedrockApiError.isInstance(error)).toBe(true);
    expect((error as BedrockApiError).awsErrorName).toBe("ValidationException");
    expect((error as BedrockApiError).message).toMatch(/model identifier is invalid/);
  });
});
