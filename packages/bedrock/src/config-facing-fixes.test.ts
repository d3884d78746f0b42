import { ConfigurationError, classifyError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { resolveAsyncModel } from "./async-invoke/async-model.js";
import { checkBatchFamily } from "./batch-jobs/batch-records.js";
import { BedrockEmbedder } from "./bedrock-embedder.js";
import { toBedrockApiError } from "./call/api-error.js";
import { MODEL_FAMILIES } from "./families/catalog.js";

// These errors reach CLI users, who set config keys, never call library methods.
const LIBRARY_ADVICE = /embedBatch|embedInputs|\(embed \/|use embed\(/;

function configurationError(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a ConfigurationError");
}

describe("fixes of errors a config file can cause", () => {
  it("async invoke of a text model points at ordinary calls, not embedBatch", () => {
    const error = configurationError(() => resolveAsyncModel("amazon.titan-embed-text-v2:0"));
    expect(error.fix).not.toMatch(LIBRARY_ADVICE);
    expect(error.fix).toContain("ordinary (synchronous) calls");
  });

  it("batch jobs of a family without them point at ordinary calls", () => {
    const error = configurationError(() => checkBatchFamily(MODEL_FAMILIES["cohere-v3"]));
    expect(error.fix).not.toMatch(LIBRARY_ADVICE);
  });

  it("embedding_types without float names the config key", async () => {
    const embedder = new BedrockEmbedder({
      model: "cohere.embed-v4:0",
      region: "us-east-1",
      credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
      embeddingTypes: ["int8"],
    });
    const error = await embedder.embed("hello").then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as ConfigurationError).fix).toBe(
      'Add "float" to embedding_types (embeddingTypes in code).',
    );
  });

  it("throttling names the config keys beside the option names", () => {
    const throttled = Object.assign(new Error("Too many requests"), {
      name: "ThrottlingException",
      $metadata: { httpStatusCode: 429 },
    });
    const error = toBedrockApiError(classifyError(throttled), {
      modelId: "amazon.titan-embed-text-v2:0",
      failedIndexes: [0],
      attempts: 4,
      cause: throttled,
      secrets: [],
    });
    expect(error.fix).toContain("max_concurrency");
    expect(error.fix).toContain("max_attempts");
  });
});
