import {
  BedrockApiError,
  ConfigurationError,
  type DetailedEmbeddings,
  type MemoryAction,
  type ReportsUsage,
} from "@bedrock-embeddings/core";
import { FakeEmbedder } from "@bedrock-embeddings/core/testing";
import { embed, embedMany } from "ai";
import { describe, expect, it } from "vitest";
import { BedrockEmbeddingModel, bedrockEmbeddingModel } from "./bedrock-embedding-model.js";

/** The fake embedder plus usage reporting, recording the options each detailed call got. */
class UsageReportingFake extends FakeEmbedder implements ReportsUsage {
  readonly detailedOptions: unknown[] = [];

  async embedBatchDetailed(
    texts: readonly string[],
    memoryAction?: MemoryAction,
    options?: { signal?: AbortSignal },
  ): Promise<DetailedEmbeddings> {
    this.detailedOptions.push(options);
    const vectors = await this.embedBatch(texts, memoryAction);
    return { vectors, usage: { inputTokens: texts.length * 3, calls: 2, retries: 1, throttles: 1 } };
  }
}

/** A usage-reporting embedder whose every call fails with `error`. */
class FailingEmbedder extends UsageReportingFake {
  constructor(private readonly error: Error) {
    super();
  }
  override async embedBatchDetailed(): Promise<DetailedEmbeddings> {
    this.detailedOptions.push(undefined);
    throw this.error;
  }
}

const search = { bedrockEmbeddings: { memoryAction: "search" } };

describe("bedrockEmbeddingModel", () => {
  it("is a v4 embedding model named after the embedder", () => {
    const model = bedrockEmbeddingModel(new FakeEmbedder({ modelId: "fake-model" }));
    expect(model).toBeInstanceOf(BedrockEmbeddingModel);
    expect(model.specificationVersion).toBe("v4");
    expect(model.provider).toBe("bedrock-embeddings.fake");
    expect(model.modelId).toBe("fake-model");
  });

  it("embeds embedMany's values as documents, in order, in one batch", async () => {
    const embedder = new FakeEmbedder({ dimension: 8 });
    const values = Array.from({ length: 300 }, (_, index) => `text number ${index}`);
    const { embeddings } = await embedMany({ model: bedrockEmbeddingModel(embedder), values });
    expect(embedder.calls).toHaveLength(1);
    expect(embedder.calls[0]).toEqual({ texts: values, memoryAction: "add" });
    expect(embeddings[299]).toEqual(await new FakeEmbedder({ dimension: 8 }).embed("text number 299"));
  });

  it("embeds a query when providerOptions ask for the search action", async () => {
    const embedder = new FakeEmbedder();
    await embed({
      model: bedrockEmbeddingModel(embedder),
      value: "where is Alice?",
      providerOptions: search,
    });
    expect(embedder.calls).toEqual([{ texts: ["where is Alice?"], memoryAction: "search" }]);
  });

  it("uses the model's memory action unless a call names another", async () => {
    const embedder = new FakeEmbedder();
    const model = bedrockEmbeddingModel(embedder, { memoryAction: "search" });
    await embed({ model, value: "a query" });
    await embed({
      model,
      value: "changed",
      providerOptions: { bedrockEmbeddings: { memoryAction: "update" } },
    });
    expect(embedder.calls.map((call) => call.memoryAction)).toEqual(["search", "update"]);
  });

  it("rejects an unknown memory action or a misspelt key before any call", async () => {
    const embedder = new FakeEmbedder();
    const model = bedrockEmbeddingModel(embedder);
    const badAction = embed({
      model,
      value: "x",
      providerOptions: { bedrockEmbeddings: { memoryAction: "query" } },
    });
    await expect(badAction).rejects.toThrow(ConfigurationError);
    await expect(badAction).rejects.toThrow(
      /memoryAction "query" is not a memory action.*"add", "update", "search"/,
    );
    const misspelt = embed({
      model,
      value: "x",
      providerOptions: { bedrockEmbeddings: { memoryaction: "search" } },
    });
    await expect(misspelt).rejects.toThrow(/providerOptions\.bedrockEmbeddings\.memoryaction: unknown key/);
    expect(embedder.calls).toEqual([]);
  });

  it("reports the embedder's token usage, and its other counters as provider metadata", async () => {
    const { usage, providerMetadata } = await embedMany({
      model: bedrockEmbeddingModel(new UsageReportingFake()),
      values: ["one", "two"],
    });
    expect(usage).toEqual({ tokens: 6 });
    expect(providerMetadata).toEqual({ bedrockEmbeddings: { calls: 2, retries: 1, throttles: 1 } });
  });

  it("reports no usage for embedders that do not measure it", async () => {
    const result = await bedrockEmbeddingModel(new FakeEmbedder()).doEmbed({ values: ["one"] });
    expect(result.usage).toBeUndefined();
    expect(result.embeddings).toHaveLength(1);
  });

  it("passes the abort signal to the embedder, and stops before calling when it already fired", async () => {
    const embedder = new UsageReportingFake();
    const model = bedrockEmbeddingModel(embedder);
    const controller = new AbortController();
    await embed({ model, value: "one", abortSignal: controller.signal });
    expect(embedder.detailedOptions).toEqual([{ signal: controller.signal }]);
    controller.abort(new Error("user left"));
    await expect(embed({ model, value: "two", abortSignal: controller.signal })).rejects.toThrow("user left");
    expect(embedder.calls).toHaveLength(1);
  });

  it("throws the embedder's typed error with its cause, without retrying on top", async () => {
    const sdkError = Object.assign(new Error("Too many requests"), { name: "ThrottlingException" });
    const throttled = new BedrockApiError("throttled", {
      awsErrorName: "ThrottlingException",
      httpStatus: 429,
      requestId: "request-1",
      modelId: "fake-embedding-model",
      retryable: true,
      throttling: true,
      cause: sdkError,
    });
    const embedder = new FailingEmbedder(throttled);
    const failure = await embedMany({ model: bedrockEmbeddingModel(embedder), values: ["a", "b"] }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBe(throttled);
    expect((failure as BedrockApiError).cause).toBe(sdkError);
    expect(embedder.detailedOptions).toHaveLength(1);
  });

  it("accepts dimensions that match the embedder and rejects others", async () => {
    const embedder = new FakeEmbedder({ dimension: 8, dimensionKnown: false });
    const model = bedrockEmbeddingModel(embedder);
    const { embedding } = await embed({ model, value: "x", dimensions: 8 });
    expect(embedding).toHaveLength(8);
    await expect(embed({ model, value: "x", dimensions: 256 })).rejects.toThrow(
      /dimensions: dimensions 256 was requested, but model fake-embedding-model is configured for 8-dimensional vectors/,
    );
    expect(embedder.calls).toHaveLength(1);
  });

  it("makes no call for no values", async () => {
    const embedder = new FakeEmbedder();
    const { embeddings } = await embedMany({ model: bedrockEmbeddingModel(embedder), values: [] });
    expect(embeddings).toEqual([]);
    expect(embedder.calls).toEqual([]);
  });
});
