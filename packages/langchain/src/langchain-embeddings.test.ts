import { BedrockApiError, type EmbeddingBase, InputError, type MemoryAction } from "@bedrock-embeddings/core";
import { FakeEmbedder } from "@bedrock-embeddings/core/testing";
import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import { Embeddings } from "@langchain/core/embeddings";
import { describe, expect, it } from "vitest";
import { LangChainEmbeddings } from "./langchain-embeddings.js";

/** An embedder whose every call fails with one given error. */
class FailingEmbedder implements EmbeddingBase {
  readonly provider = "failing";
  readonly modelId = "failing-model";
  readonly normalized = true;
  readonly dimension = 4;
  calls = 0;
  constructor(private readonly error: Error) {}
  async detectDimension(): Promise<number> {
    return 4;
  }
  async embed(_text: string, _memoryAction?: MemoryAction): Promise<number[]> {
    this.calls++;
    throw this.error;
  }
  async embedBatch(_texts: readonly string[], _memoryAction?: MemoryAction): Promise<number[][]> {
    this.calls++;
    throw this.error;
  }
}

function throttled(): BedrockApiError {
  const sdkError = Object.assign(new Error("Too many requests"), { name: "ThrottlingException" });
  return new BedrockApiError("throttled", {
    awsErrorName: "ThrottlingException",
    httpStatus: 429,
    requestId: "req-1",
    modelId: "m",
    retryable: true,
    throttling: true,
    cause: sdkError,
  });
}

describe("LangChainEmbeddings", () => {
  it("is a LangChain Embeddings", () => {
    expect(new LangChainEmbeddings(new FakeEmbedder())).toBeInstanceOf(Embeddings);
  });

  it("embeds documents with the 'add' action and in order", async () => {
    const embedder = new FakeEmbedder({ dimension: 8 });
    const embeddings = new LangChainEmbeddings(embedder);
    const vectors = await embeddings.embedDocuments(["first text", "second text"]);
    expect(embedder.calls).toEqual([{ texts: ["first text", "second text"], memoryAction: "add" }]);
    expect(vectors).toEqual([await embedder.embed("first text"), await embedder.embed("second text")]);
  });

  it("embeds queries with the 'search' action", async () => {
    const embedder = new FakeEmbedder({ dimension: 8 });
    const vector = await new LangChainEmbeddings(embedder).embedQuery("where does Alice live?");
    expect(embedder.calls).toEqual([{ texts: ["where does Alice live?"], memoryAction: "search" }]);
    expect(vector).toHaveLength(8);
  });

  it("can embed documents as updates", async () => {
    const embedder = new FakeEmbedder();
    await new LangChainEmbeddings(embedder, { documentAction: "update" }).embedDocuments(["changed"]);
    expect(embedder.calls[0]?.memoryAction).toBe("update");
  });

  it("returns [] for no documents without calling the embedder", async () => {
    const embedder = new FailingEmbedder(new Error("must not be called"));
    await expect(new LangChainEmbeddings(embedder).embedDocuments([])).resolves.toEqual([]);
    expect(embedder.calls).toBe(0);
  });

  it("exposes the dimension, and detects it when it is not known yet", async () => {
    expect(new LangChainEmbeddings(new FakeEmbedder({ dimension: 12 })).embeddingDimension).toBe(12);
    const unknown = new LangChainEmbeddings(new FakeEmbedder({ dimension: 24, dimensionKnown: false }));
    expect(unknown.embeddingDimension).toBeUndefined();
    await expect(unknown.detectDimension()).resolves.toBe(24);
    expect(unknown.embeddingDimension).toBe(24);
  });

  it.each([
    ["embedDocuments", (embeddings: LangChainEmbeddings) => embeddings.embedDocuments(["a", "b"])],
    ["embedQuery", (embeddings: LangChainEmbeddings) => embeddings.embedQuery("a")],
  ])("%s passes typed errors through unchanged and does not retry", async (_name, call) => {
    const error = throttled();
    const embedder = new FailingEmbedder(error);
    const caught = await call(new LangChainEmbeddings(embedder)).catch((thrown: unknown) => thrown);
    expect(caught).toBe(error);
    expect((caught as BedrockApiError).cause).toBe(error.cause);
    expect(embedder.calls).toBe(1);
  });

  it("passes input errors of the wrapped embedder through", async () => {
    const caught = await new LangChainEmbeddings(new FakeEmbedder())
      .embedDocuments(["fine", "  "])
      .catch((thrown: unknown) => thrown);
    expect(InputError.isInstance(caught)).toBe(true);
    expect((caught as InputError).index).toBe(1);
  });

  it("serves a real MemoryVectorStore: the matching document ranks first", async () => {
    const embedder = new FakeEmbedder({ dimension: 64 });
    const embeddings = new LangChainEmbeddings(embedder);
    const store = await MemoryVectorStore.fromTexts(
      [
        "Alice drinks green tea every morning",
        "The train to Lyon leaves at noon",
        "Bob repairs old bicycles in his garage",
      ],
      [{ id: "tea" }, { id: "train" }, { id: "bikes" }],
      embeddings,
    );
    const hits = await store.similaritySearch("which tea does Alice drink", 3);
    expect(hits[0]?.metadata).toEqual({ id: "tea" });
    expect(hits[0]?.pageContent).toBe("Alice drinks green tea every morning");
    expect(embedder.calls.map((call) => call.memoryAction)).toEqual(["add", "search"]);
  });
});
