import { BatchEmbeddingError, VectorError, vectorNorm } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { BedrockEmbedder } from "./bedrock-embedder.js";
import { fakeClient } from "./fake-bedrock.test-helpers.js";

const provisioned = "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/xyz";

describe("normalization", () => {
  it("Cohere vectors are L2-normalized client-side", async () => {
    const fake = fakeClient(() => ({ embeddings: [[3, 4, ...new Array<number>(1022).fill(0)]] }));
    const embedder = new BedrockEmbedder({ model: "cohere.embed-english-v3", client: fake.client });
    const vector = await embedder.embed("a");
    expect(embedder.normalized).toBe(true);
    expect(vector[0]).toBeCloseTo(0.6);
    expect(vector[1]).toBeCloseTo(0.8);
    expect(vectorNorm(vector)).toBeCloseTo(1, 12);
  });

  it("Titan v1 vectors are L2-normalized client-side", async () => {
    const fake = fakeClient(() => ({ embedding: new Array<number>(1536).fill(2) }));
    const vector = await new BedrockEmbedder({
      model: "amazon.titan-embed-text-v1",
      client: fake.client,
    }).embed("a");
    expect(vectorNorm(vector)).toBeCloseTo(1, 12);
  });

  it("Titan v2 is normalized by the server: the vector is returned as sent, not normalized again", async () => {
    const raw = [3, 4, ...new Array<number>(1022).fill(0)];
    const fake = fakeClient(() => ({ embedding: raw, inputTextTokenCount: 1 }));
    const embedder = new BedrockEmbedder({ model: "amazon.titan-embed-text-v2:0", client: fake.client });
    expect(await embedder.embed("a")).toEqual(raw);
    expect(fake.requests[0]?.body["normalize"]).toBe(true);
  });

  it("normalize: false returns raw vectors", async () => {
    const raw = [3, 4, ...new Array<number>(1022).fill(0)];
    const fake = fakeClient(() => ({ embeddings: [raw] }));
    const embedder = new BedrockEmbedder({
      model: "cohere.embed-english-v3",
      client: fake.client,
      normalize: false,
    });
    expect(embedder.normalized).toBe(false);
    expect(await embedder.embed("a")).toEqual(raw);
  });

  it("a zero vector is a VectorError naming the input", async () => {
    const fake = fakeClient((request) => ({
      embeddings: (request.body["texts"] as string[]).map((text) =>
        new Array<number>(1024).fill(text === "zero" ? 0 : 1),
      ),
    }));
    const embedder = new BedrockEmbedder({ model: "cohere.embed-english-v3", client: fake.client });
    const error = (await embedder
      .embedBatch(["a", "zero"])
      .catch((caught: unknown) => caught)) as BatchEmbeddingError;
    expect(BatchEmbeddingError.isInstance(error)).toBe(true);
    expect(error.failures[0]?.index).toBe(1);
    expect(VectorError.isInstance(error.failures[0]?.error)).toBe(true);
    expect(error.failures[0]?.error.message).toMatch(/input 1 is all zeros/);
    const titan = fakeClient(() => ({ embedding: new Array<number>(1024).fill(0) }));
    await expect(
      new BedrockEmbedder({ model: "amazon.titan-embed-text-v2:0", client: titan.client }).embed("a"),
    ).rejects.toThrowError(VectorError);
  });
});

describe("dimension", () => {
  it("is known synchronously for catalog models", () => {
    const { client } = fakeClient(() => ({}));
    expect(new BedrockEmbedder({ model: "amazon.titan-embed-text-v1", client }).dimension).toBe(1536);
    expect(
      new BedrockEmbedder({ model: "amazon.titan-embed-text-v2:0", client, dimensions: 512 }).dimension,
    ).toBe(512);
    expect(new BedrockEmbedder({ model: "eu.cohere.embed-v4:0", client }).dimension).toBe(1536);
    expect(new BedrockEmbedder({ model: provisioned, family: "cohere-v4", client }).dimension).toBe(1536);
  });

  it("is detected once, by one probe shared by concurrent callers, then enforced", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let size = 768;
    const fake = fakeClient(async (request) => {
      await gate;
      return { embeddings: (request.body["texts"] as string[]).map(() => new Array<number>(size).fill(1)) };
    });
    const embedder = new BedrockEmbedder({ model: provisioned, family: "cohere-v3", client: fake.client });
    expect(embedder.dimension).toBeUndefined();
    const first = embedder.detectDimension();
    const second = embedder.detectDimension();
    release();
    expect(await Promise.all([first, second])).toEqual([768, 768]);
    expect(fake.send).toHaveBeenCalledTimes(1);
    expect(fake.requests[0]?.body).toEqual({ texts: ["dimension probe"], input_type: "search_document" });
    expect(embedder.dimension).toBe(768);
    expect(await embedder.detectDimension()).toBe(768);
    expect(fake.send).toHaveBeenCalledTimes(1);

    size = 1024;
    await expect(embedder.embed("now different")).rejects.toThrow(/has 1024 dimensions, expected 768/);
  });

  it("a failed probe is not cached", async () => {
    let calls = 0;
    const fake = fakeClient(() => {
      calls++;
      if (calls === 1)
        throw Object.assign(new Error("bad"), {
          name: "ValidationException",
          $metadata: { httpStatusCode: 400 },
        });
      return { embedding: new Array<number>(1536).fill(1) };
    });
    const embedder = new BedrockEmbedder({
      model: provisioned,
      family: "titan-text-v1",
      client: fake.client,
    });
    await expect(embedder.detectDimension()).rejects.toMatchObject({ awsErrorName: "ValidationException" });
    expect(await embedder.detectDimension()).toBe(1536);
    expect(fake.send).toHaveBeenCalledTimes(2);
  });

  it("known dimensions need no probe", async () => {
    const fake = fakeClient(() => ({}));
    expect(
      await new BedrockEmbedder({ model: "cohere.embed-english-v3", client: fake.client }).detectDimension(),
    ).toBe(1024);
    expect(fake.send).not.toHaveBeenCalled();
  });

  it("an unknown dimension is learned from the first embedding, then enforced across the batch", async () => {
    const fake = fakeClient((request) => ({
      embeddings: (request.body["texts"] as string[]).map((text) =>
        new Array<number>(text === "odd" ? 300 : 384).fill(1),
      ),
    }));
    const embedder = new BedrockEmbedder({ model: provisioned, family: "cohere-v3", client: fake.client });
    const error = (await embedder
      .embedBatch(["a", "odd"])
      .catch((caught: unknown) => caught)) as BatchEmbeddingError;
    expect(error.failures.map((failure) => failure.index)).toEqual([1]);
    expect(embedder.dimension).toBe(384);
    expect(await embedder.detectDimension()).toBe(384);
    expect(fake.send).toHaveBeenCalledTimes(1);
  });
});
