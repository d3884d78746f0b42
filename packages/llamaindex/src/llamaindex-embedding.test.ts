import { BedrockApiError, type MemoryAction } from "@bedrock-embeddings/core";
import { FakeEmbedder } from "@bedrock-embeddings/core/testing";
import { BaseEmbedding } from "@llamaindex/core/embeddings";
import { describe, expect, it } from "vitest";
import { LlamaIndexEmbedding } from "./llamaindex-embedding.js";

/** The fake embedder, slowed down, counting how many batches run at once. */
class ConcurrencyCountingFake extends FakeEmbedder {
  running = 0;
  mostRunning = 0;

  override async embedBatch(texts: readonly string[], memoryAction?: MemoryAction): Promise<number[][]> {
    this.running++;
    this.mostRunning = Math.max(this.mostRunning, this.running);
    try {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return await super.embedBatch(texts, memoryAction);
    } finally {
      this.running--;
    }
  }
}

/** An embedder whose every call fails with `error`. */
class FailingEmbedder extends FakeEmbedder {
  constructor(private readonly error: Error) {
    super();
  }
  override async embedBatch(): Promise<number[][]> {
    throw this.error;
  }
}

describe("LlamaIndexEmbedding", () => {
  it("is a LlamaIndex BaseEmbedding that knows the embedder's dimension", () => {
    const embedModel = new LlamaIndexEmbedding(new FakeEmbedder({ dimension: 12 }));
    expect(embedModel).toBeInstanceOf(BaseEmbedding);
    expect(embedModel.embedInfo).toEqual({ dimensions: 12 });
  });

  it("embeds texts as documents and queries as searches", async () => {
    const embedder = new FakeEmbedder({ dimension: 8 });
    const embedModel = new LlamaIndexEmbedding(embedder);
    const document = await embedModel.getTextEmbedding("Alice likes tea");
    const query = await embedModel.getQueryEmbedding({ type: "text", text: "what does Alice drink?" });
    expect(embedder.calls).toEqual([
      { texts: ["Alice likes tea"], memoryAction: "add" },
      { texts: ["what does Alice drink?"], memoryAction: "search" },
    ]);
    expect(document).toEqual(await new FakeEmbedder({ dimension: 8 }).embed("Alice likes tea"));
    expect(query).toHaveLength(8);
  });

  it("returns null for a query without text, without a call", async () => {
    const embedder = new FakeEmbedder();
    const embedModel = new LlamaIndexEmbedding(embedder);
    const imageOnly = { type: "image_url" as const, image_url: { url: "https://example.com/cat.png" } };
    await expect(embedModel.getQueryEmbedding(imageOnly)).resolves.toBeNull();
    expect(embedder.calls).toEqual([]);
  });

  it("embeds many texts through embedBatch in chunks of embedBatchSize, one chunk at a time", async () => {
    const embedder = new ConcurrencyCountingFake();
    const texts = Array.from({ length: 250 }, (_, index) => `node text ${index}`);
    const progress: number[] = [];
    const vectors = await new LlamaIndexEmbedding(embedder).getTextEmbeddingsBatch(texts, {
      progressCallback: (done) => progress.push(done),
    });
    expect(embedder.calls.map((call) => call.texts.length)).toEqual([100, 100, 50]);
    expect(embedder.calls.every((call) => call.memoryAction === "add")).toBe(true);
    expect(embedder.mostRunning).toBe(1);
    expect(progress).toEqual([100, 200, 250]);
    expect(vectors[249]).toEqual(await new FakeEmbedder().embed("node text 249"));
  });

  it("takes the chunk size and the document action as options", async () => {
    const embedder = new FakeEmbedder();
    const embedModel = new LlamaIndexEmbedding(embedder, { embedBatchSize: 2, documentAction: "update" });
    await embedModel.getTextEmbeddingsBatch(["a", "b", "c"]);
    expect(embedder.calls).toEqual([
      { texts: ["a", "b"], memoryAction: "update" },
      { texts: ["c"], memoryAction: "update" },
    ]);
  });

  it("makes no call for no texts", async () => {
    const embedder = new FakeEmbedder();
    await expect(new LlamaIndexEmbedding(embedder).getTextEmbeddings([])).resolves.toEqual([]);
    expect(embedder.calls).toEqual([]);
  });

  it("lets the embedder's typed errors through with their cause", async () => {
    const sdkError = Object.assign(new Error("no access"), { name: "AccessDeniedException" });
    const denied = new BedrockApiError("denied", {
      awsErrorName: "AccessDeniedException",
      httpStatus: 403,
      requestId: "request-1",
      modelId: "fake-embedding-model",
      retryable: false,
      cause: sdkError,
    });
    const failure = await new LlamaIndexEmbedding(new FailingEmbedder(denied))
      .getTextEmbeddingsBatch(["a"])
      .catch((error: unknown) => error);
    expect(failure).toBe(denied);
    expect((failure as BedrockApiError).cause).toBe(sdkError);
  });
});
