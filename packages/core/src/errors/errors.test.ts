import { describe, expect, it } from "vitest";
import { BedrockEmbeddingsError } from "./base-error.js";
import { BatchEmbeddingError } from "./batch-embedding-error.js";
import { BedrockApiError } from "./bedrock-api-error.js";
import { ConfigurationError } from "./configuration-error.js";
import { InputError } from "./input-error.js";

describe("error family", () => {
  it("recognizes each kind with isInstance, without instanceof", () => {
    const input = new InputError("text is empty.", { index: 3, fix: "Remove it." });
    expect(InputError.isInstance(input)).toBe(true);
    expect(BedrockEmbeddingsError.isInstance(input)).toBe(true);
    expect(ConfigurationError.isInstance(input)).toBe(false);
    expect(InputError.isInstance(new Error("plain"))).toBe(false);
    expect(InputError.isInstance({ code: "INPUT" })).toBe(false);
    expect(input.message).toBe("Input 3: text is empty. Remove it.");
    expect(input.name).toBe("InputError");
  });

  it("keeps the cause and the AWS fields", () => {
    const cause = Object.assign(new Error("Too many requests"), { name: "ThrottlingException" });
    const error = new BedrockApiError("Bedrock throttled the call.", {
      awsErrorName: "ThrottlingException",
      httpStatus: 429,
      requestId: "req-1",
      modelId: "amazon.titan-embed-text-v2:0",
      retryable: true,
      throttling: true,
      failedIndexes: [4, 5],
      cause,
    });
    expect(error.cause).toBe(cause);
    expect(error.failedIndexes).toEqual([4, 5]);
    expect(BedrockApiError.isInstance(error)).toBe(true);
  });

  it("rebuilds an error for other indexes without repeating prefix or fix", () => {
    const cause = new Error("Malformed input request");
    const apiError = new BedrockApiError("Bedrock rejected it.", {
      awsErrorName: "ValidationException",
      httpStatus: 400,
      requestId: "req-2",
      modelId: "m",
      retryable: false,
      failedIndexes: [0],
      cause,
      fix: "Check the input.",
    });
    const moved = apiError.withFailedIndexes([3, 4]);
    expect(moved.message).toBe("Bedrock rejected it. Check the input.");
    expect(moved.failedIndexes).toEqual([3, 4]);
    expect(moved.cause).toBe(cause);
    const input = new InputError("too long.", { index: 1, limit: 10, actual: 12, fix: "Shorten it." });
    const shifted = input.withIndex(7);
    expect(shifted.message).toBe("Input 7: too long. Shorten it.");
    expect(shifted).toMatchObject({ index: 7, limit: 10, actual: 12 });
    expect(shifted.cause).toBe(input);
  });

  it("keeps successful vectors on a batch error and summarizes failures", () => {
    const failure = new InputError("too long.", { index: 1 });
    const error = new BatchEmbeddingError([[1], undefined, [3]], [{ index: 1, error: failure }]);
    expect(error.vectors[0]).toEqual([1]);
    expect(error.vectors[2]).toEqual([3]);
    expect(error.cause).toBe(failure);
    expect(error.message).toContain("1 of 3 inputs failed (indexes 1)");
  });

  it("locates a configuration error without repeating its location", () => {
    const error = new ConfigurationError("bad value.", {
      path: "dimensions",
      allowed: [256],
      fix: "Pick one.",
    });
    const located = error.withLocation("app.yaml", 7, "embedder.config.dimensions");
    expect(located.message).toBe(
      "app.yaml:7: embedder.config.dimensions: bad value. Allowed: 256. Pick one.",
    );
    expect(located.cause).toBe(error);
  });

  it("ends the problem with a full stop before the fix, once", () => {
    expect(new BedrockEmbeddingsError("JOB", "the job failed", { fix: "Run it again." }).message).toBe(
      "the job failed. Run it again.",
    );
    expect(new BedrockEmbeddingsError("JOB", "is it done?", { fix: "Check it." }).message).toBe(
      "is it done? Check it.",
    );
    expect(new BedrockEmbeddingsError("JOB", "failed (twice.)", { fix: "Retry." }).message).toBe(
      "failed (twice.) Retry.",
    );
    expect(new BedrockEmbeddingsError("JOB", "no fix here").message).toBe("no fix here");
  });
});
