import { InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { InputError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { BedrockEmbedder } from "./bedrock-embedder.js";
import { cohereReply, fakeClient, vectorOf } from "./fake-bedrock.test-helpers.js";

const titanReply = (dimension: number) => ({ embedding: vectorOf(dimension), inputTextTokenCount: 5 });

describe("InvokeModel requests per family", () => {
  it("titan-text-v1: {inputText} only, JSON content type and accept, one call per text", async () => {
    const fake = fakeClient(() => titanReply(1536));
    const embedder = new BedrockEmbedder({ model: "amazon.titan-embed-text-v1", client: fake.client });
    await embedder.embedBatch(["first", "second"], "search");
    expect(fake.requests).toHaveLength(2);
    const [first, second] = fake.requests;
    expect(first?.command).toBeInstanceOf(InvokeModelCommand);
    expect(first).toMatchObject({
      modelId: "amazon.titan-embed-text-v1",
      contentType: "application/json",
      accept: "application/json",
    });
    expect(first?.body).toEqual({ inputText: "first" });
    expect(second?.body).toEqual({ inputText: "second" });
  });

  it("titan-text-v2: sends dimensions (default 1024) and normalize", async () => {
    const fake = fakeClient((request) => titanReply(request.body["dimensions"] as number));
    await new BedrockEmbedder({ model: "amazon.titan-embed-text-v2:0", client: fake.client }).embed("hello");
    await new BedrockEmbedder({
      model: "amazon.titan-embed-text-v2:0",
      client: fake.client,
      dimensions: 256,
      normalize: false,
    }).embed("hi");
    expect(fake.requests.map((request) => request.body)).toEqual([
      { inputText: "hello", dimensions: 1024, normalize: true },
      { inputText: "hi", dimensions: 256, normalize: false },
    ]);
  });

  it.each([
    [undefined, "search_document"],
    ["add", "search_document"],
    ["update", "search_document"],
    ["search", "search_query"],
  ] as const)("cohere-v3: memoryAction %s -> input_type %s", async (memoryAction, inputType) => {
    const fake = fakeClient((request) => cohereReply(request));
    const embedder = new BedrockEmbedder({ model: "cohere.embed-english-v3", client: fake.client });
    await embedder.embedBatch(["a", "b"], memoryAction);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({
      modelId: "cohere.embed-english-v3",
      contentType: "application/json",
    });
    expect(fake.requests[0]?.body).toEqual({ texts: ["a", "b"], input_type: inputType });
  });

  it("cohere-v3: inputType overrides the memory action; truncate is sent when set", async () => {
    const fake = fakeClient((request) => cohereReply(request));
    const embedder = new BedrockEmbedder({
      model: "cohere.embed-multilingual-v3",
      client: fake.client,
      inputType: "clustering",
      truncate: "END",
    });
    await embedder.embed("x", "search");
    expect(fake.requests[0]?.body).toEqual({ texts: ["x"], input_type: "clustering", truncate: "END" });
  });

  it("cohere-v3: truncate START sends over-long texts cut to their last 2048 characters", async () => {
    const fake = fakeClient((request) => cohereReply(request));
    const embedder = new BedrockEmbedder({
      model: "cohere.embed-english-v3",
      client: fake.client,
      truncate: "START",
    });
    await embedder.embed("a".repeat(100) + "b".repeat(2048));
    expect(fake.requests[0]?.body["texts"]).toEqual(["b".repeat(2048)]);
  });

  it("cohere-v4: output_dimension always sent (default 1536), float types, search_query for search", async () => {
    const fake = fakeClient((request) => cohereReply(request, request.body["output_dimension"] as number));
    await new BedrockEmbedder({ model: "us.cohere.embed-v4:0", client: fake.client }).embed("q", "search");
    await new BedrockEmbedder({
      model: "cohere.embed-v4:0",
      client: fake.client,
      dimensions: 256,
      truncate: "RIGHT",
    }).embed("d");
    expect(fake.requests[0]).toMatchObject({ modelId: "us.cohere.embed-v4:0" });
    expect(fake.requests[0]?.body).toEqual({
      texts: ["q"],
      input_type: "search_query",
      output_dimension: 1536,
      embedding_types: ["float"],
    });
    expect(fake.requests[1]?.body).toEqual({
      texts: ["d"],
      input_type: "search_document",
      output_dimension: 256,
      embedding_types: ["float"],
      truncate: "RIGHT",
    });
  });

  it("sends application inference profile ARNs as given, with the family's body", async () => {
    const arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123";
    const fake = fakeClient((request) => cohereReply(request, 512));
    const embedder = new BedrockEmbedder({
      model: arn,
      family: "cohere-v4",
      dimensions: 512,
      client: fake.client,
    });
    expect(embedder.family).toBe("cohere-v4");
    expect(embedder.dimension).toBe(512);
    await embedder.embed("x");
    expect(fake.requests[0]?.modelId).toBe(arn);
    expect(fake.requests[0]?.body["output_dimension"]).toBe(512);
  });

  it("200 Cohere texts make 3 calls of 96, 96 and 8, in order", async () => {
    const fake = fakeClient((request) => cohereReply(request));
    const embedder = new BedrockEmbedder({
      model: "cohere.embed-english-v3",
      client: fake.client,
      maxConcurrency: 1,
      normalize: false,
    });
    const texts = Array.from({ length: 200 }, (_u, index) => "t".repeat(index + 1));
    const vectors = await embedder.embedBatch(texts);
    expect(fake.requests.map((request) => (request.body["texts"] as string[]).length)).toEqual([96, 96, 8]);
    expect(fake.requests.flatMap((request) => request.body["texts"] as string[])).toEqual(texts);
    expect(vectors.map((vector) => vector[0])).toEqual(texts.map((text) => text.length));
  });

  it("an empty batch sends nothing", async () => {
    const fake = fakeClient((request) => cohereReply(request));
    const embedder = new BedrockEmbedder({ model: "cohere.embed-english-v3", client: fake.client });
    expect(await embedder.embedBatchDetailed([])).toEqual({
      vectors: [],
      usage: { inputTokens: 0, calls: 0, retries: 0, throttles: 0 },
    });
    expect(fake.send).not.toHaveBeenCalled();
  });
});

describe("input checks happen before anything is sent", () => {
  const cases: [string, unknown[], number, RegExp][] = [
    ["empty", ["ok", ""], 1, /empty/],
    ["whitespace", ["ok", "fine", "  \n "], 2, /only whitespace/],
    ["non-string", ["ok", 7], 1, /received a number/],
    ["over the limit", ["ok", "ok", "ok", "x".repeat(2049)], 3, /2049 characters.*at most 2048.*truncate/],
  ];

  it.each(cases)(
    "%s input -> InputError with its index, no request",
    async (_label, texts, index, message) => {
      const fake = fakeClient((request) => cohereReply(request));
      const embedder = new BedrockEmbedder({ model: "cohere.embed-english-v3", client: fake.client });
      const error = await embedder.embedBatch(texts as string[]).catch((caught: unknown) => caught);
      expect(InputError.isInstance(error)).toBe(true);
      expect((error as InputError).index).toBe(index);
      expect((error as InputError).message).toMatch(message);
      expect(fake.send).not.toHaveBeenCalled();
    },
  );

  it("a bad text late in a many-call batch still stops every call", async () => {
    const fake = fakeClient((request) => cohereReply(request));
    const embedder = new BedrockEmbedder({ model: "cohere.embed-english-v3", client: fake.client });
    const texts = Array.from({ length: 300 }, () => "fine");
    texts[250] = "";
    await expect(embedder.embedBatch(texts)).rejects.toMatchObject({ code: "INPUT", index: 250 });
    expect(fake.send).not.toHaveBeenCalled();
  });

  it("embed() throws the InputError directly", async () => {
    const fake = fakeClient(() => titanReply(1024));
    const embedder = new BedrockEmbedder({ model: "amazon.titan-embed-text-v2:0", client: fake.client });
    await expect(embedder.embed("   ")).rejects.toThrowError(InputError);
    await expect(embedder.embed("a".repeat(50_001))).rejects.toMatchObject({ limit: 50_000, actual: 50_001 });
    await expect(embedder.embed("x", "delete" as never)).rejects.toThrow(/unknown memory action "delete"/);
    expect(fake.send).not.toHaveBeenCalled();
  });
});
