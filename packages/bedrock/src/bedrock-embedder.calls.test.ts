import { BatchEmbeddingError, BedrockApiError, ResponseError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { BedrockEmbedder } from "./bedrock-embedder.js";
import type { BedrockCallEvent } from "./events.js";
import {
  awsError,
  cohereReply,
  fakeClient,
  instantRuntime,
  transportClient,
  vectorOf,
} from "./fake-bedrock.test-helpers.js";

const titanModel = "amazon.titan-embed-text-v1";
const titanReply = (first: number) => ({ embedding: vectorOf(1536, first), inputTextTokenCount: 4 });
const firstOf = (vectors: (number[] | undefined)[]) => vectors.map((vector) => vector?.[0]);

describe("ordering and concurrency", () => {
  it("keeps input order when calls finish out of order, with at most maxConcurrency in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const delays = [40, 5, 25, 0, 15, 10, 1, 30];
    const fake = fakeClient(async (request) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      const position = Number(request.body["inputText"]);
      await new Promise((resolve) => setTimeout(resolve, delays[position]));
      inFlight--;
      return titanReply(position + 1);
    });
    const embedder = new BedrockEmbedder({
      model: titanModel,
      client: fake.client,
      maxConcurrency: 3,
      normalize: false,
    });
    const vectors = await embedder.embedBatch(delays.map((_d, index) => String(index)));
    expect(firstOf(vectors)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(peak).toBe(3);
  });
});

it("bounds overlapping embed and embedBatch calls of one embedder together", async () => {
  let inFlight = 0;
  let peak = 0;
  const fake = fakeClient(async () => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 3));
    inFlight--;
    return titanReply(1);
  });
  const embedder = new BedrockEmbedder({ model: titanModel, client: fake.client, maxConcurrency: 2 });
  await Promise.all([
    ...Array.from({ length: 6 }, () => embedder.embed("q", "search")),
    embedder.embedBatch(["a", "b", "c", "d"]),
  ]);
  expect(fake.send).toHaveBeenCalledTimes(10);
  expect(peak).toBe(2);
});

describe("retries", () => {
  it("retries throttling with backoff, then succeeds, and counts it", async () => {
    const { runtime, delays } = instantRuntime();
    let calls = 0;
    const fake = fakeClient((request) => {
      calls++;
      if (calls <= 2)
        throw awsError("ThrottlingException", 429, "Too many requests, please wait before trying again.");
      return cohereReply(request);
    });
    const events: BedrockCallEvent[] = [];
    const embedder = new BedrockEmbedder(
      { model: "cohere.embed-english-v3", client: fake.client, onCall: (event) => events.push(event) },
      runtime,
    );
    const { vectors, usage } = await embedder.embedBatchDetailed(["a", "b"]);
    expect(vectors).toHaveLength(2);
    expect(fake.send).toHaveBeenCalledTimes(3);
    expect(delays).toEqual([100, 200]);
    expect(usage).toEqual({ inputTokens: 0, calls: 3, retries: 2, throttles: 2 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      ok: true,
      attempts: 3,
      retries: 2,
      throttles: 2,
      indexes: [0, 1],
      requestId: "req-3",
    });
  });

  it("honours retry-after on the error's response", async () => {
    const { runtime, delays } = instantRuntime();
    let calls = 0;
    const fake = fakeClient((request) => {
      calls++;
      if (calls === 1)
        throw awsError("ServiceUnavailableException", 503, "Service unavailable.", { "retry-after": "4" });
      return cohereReply(request);
    });
    await new BedrockEmbedder({ model: "cohere.embed-english-v3", client: fake.client }, runtime).embed("a");
    expect(delays).toEqual([4000]);
  });

  it("gives up after maxAttempts with a BedrockApiError that says what to do", async () => {
    const { runtime } = instantRuntime();
    const fake = fakeClient(() => {
      throw awsError("ThrottlingException", 429, "Too many requests");
    });
    const embedder = new BedrockEmbedder(
      { model: "cohere.embed-english-v3", client: fake.client, maxAttempts: 3 },
      runtime,
    );
    const error = (await embedder.embed("a").catch((caught: unknown) => caught)) as BedrockApiError;
    expect(BedrockApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      awsErrorName: "ThrottlingException",
      httpStatus: 429,
      attempts: 3,
      throttling: true,
      retryable: true,
    });
    expect(error.message).toMatch(/still throttled after 3 attempts.*Lower max_concurrency.*quota increase/);
    expect(fake.send).toHaveBeenCalledTimes(3);
  });

  it("does not retry a ValidationException and keeps the SDK error as cause", async () => {
    const { runtime, delays } = instantRuntime();
    const sdkError = awsError(
      "ValidationException",
      400,
      "Malformed input request: #/texts/0: expected maxLength: 2048",
    );
    const fake = fakeClient(() => {
      throw sdkError;
    });
    const embedder = new BedrockEmbedder({ model: "cohere.embed-english-v3", client: fake.client }, runtime);
    const error = (await embedder.embed("a").catch((caught: unknown) => caught)) as BedrockApiError;
    expect(fake.send).toHaveBeenCalledTimes(1);
    expect(delays).toEqual([]);
    expect(error.cause).toBe(sdkError);
    expect(error).toMatchObject({
      awsErrorName: "ValidationException",
      httpStatus: 400,
      requestId: "req-ValidationException",
      modelId: "cohere.embed-english-v3",
      retryable: false,
      failedIndexes: [0],
      attempts: 1,
    });
    expect(error.message).toContain("Malformed input request: #/texts/0: expected maxLength: 2048");
  });

  it("aborts a slow attempt after requestTimeoutMs and retries it", async () => {
    const { runtime } = instantRuntime();
    const signals: (AbortSignal | undefined)[] = [];
    let calls = 0;
    const fake = fakeClient(async (request) => {
      calls++;
      signals.push(request.abortSignal);
      if (calls === 1) await new Promise(() => {}); // never answers
      return cohereReply(request);
    });
    const embedder = new BedrockEmbedder(
      { model: "cohere.embed-english-v3", client: fake.client, requestTimeoutMs: 20 },
      runtime,
    );
    const { usage } = await embedder.embedBatchDetailed(["a"]);
    expect(fake.send).toHaveBeenCalledTimes(2);
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[1]?.aborted).toBe(false);
    expect(usage.retries).toBe(1);
  });

  it("reports a timeout that never recovers with the configured limit", async () => {
    const { runtime } = instantRuntime();
    const fake = fakeClient(() => new Promise(() => {}));
    const embedder = new BedrockEmbedder(
      { model: "cohere.embed-english-v3", client: fake.client, requestTimeoutMs: 5, maxAttempts: 2 },
      runtime,
    );
    await expect(embedder.embed("a")).rejects.toMatchObject({
      awsErrorName: "TimeoutError",
      retryable: true,
      attempts: 2,
      message: expect.stringMatching(
        /timed out after 2 attempts of 5 ms.*Raise request_timeout_ms \(requestTimeoutMs in code\)/,
      ),
    });
  });
});

describe("batch failures", () => {
  it("one failing call -> BatchEmbeddingError that keeps the other vectors", async () => {
    const { runtime } = instantRuntime();
    const fake = fakeClient((request) => {
      if (request.body["inputText"] === "bad")
        throw awsError("ValidationException", 400, "Too many input tokens.");
      return titanReply(Number(request.body["inputText"]));
    });
    const embedder = new BedrockEmbedder(
      { model: titanModel, client: fake.client, normalize: false },
      runtime,
    );
    const error = (await embedder
      .embedBatch(["1", "bad", "3"])
      .catch((caught: unknown) => caught)) as BatchEmbeddingError;
    expect(BatchEmbeddingError.isInstance(error)).toBe(true);
    expect(firstOf([...error.vectors])).toEqual([1, undefined, 3]);
    expect(error.failures.map((failure) => failure.index)).toEqual([1]);
    expect(error.failures[0]?.error).toMatchObject({
      awsErrorName: "ValidationException",
      failedIndexes: [1],
    });
    expect(fake.send).toHaveBeenCalledTimes(3);
  });

  it("an auth failure stops starting calls and fails every index not embedded", async () => {
    const { runtime } = instantRuntime();
    const fake = fakeClient((request) => {
      if (request.body["inputText"] === "2") {
        throw awsError(
          "UnrecognizedClientException",
          403,
          "The security token included in the request is invalid.",
        );
      }
      return titanReply(1);
    });
    const embedder = new BedrockEmbedder(
      { model: titanModel, client: fake.client, maxConcurrency: 1 },
      runtime,
    );
    const error = (await embedder
      .embedBatch(["0", "1", "2", "3", "4", "5"])
      .catch((caught: unknown) => caught)) as BedrockApiError;
    expect(BedrockApiError.isInstance(error)).toBe(true);
    expect(error.awsErrorName).toBe("UnrecognizedClientException");
    expect(error.failedIndexes).toEqual([2, 3, 4, 5]);
    expect(error.message).toMatch(/Check the credentials, profile or API key, and that the region/);
    expect(fake.send).toHaveBeenCalledTimes(3);
  });

  it.each([
    [
      "AccessDeniedException",
      403,
      "You don't have access to the model with the specified model ID.",
      /Enable access.*bedrock:InvokeModel/,
    ],
    [
      "ResourceNotFoundException",
      404,
      "This model version has reached the end of its life.",
      /Check the model id and that the model is offered in this region/,
    ],
    ["ValidationException", 400, "The provided model identifier is invalid.", /Check the model id/],
  ])("%s aborts the batch with advice", async (name, status, message, advice) => {
    const fake = fakeClient(() => {
      throw awsError(name, status, message);
    });
    const embedder = new BedrockEmbedder({
      model: "cohere.embed-english-v3",
      client: fake.client,
      maxConcurrency: 1,
    });
    const texts = Array.from({ length: 200 }, () => "x");
    const error = (await embedder.embedBatch(texts).catch((caught: unknown) => caught)) as BedrockApiError;
    expect(error.awsErrorName).toBe(name);
    expect(error.failedIndexes).toHaveLength(200);
    expect(error.message).toMatch(advice);
    expect(fake.send).toHaveBeenCalledTimes(1);
  });

  it("a wrong-length vector fails that input with a ResponseError naming it", async () => {
    const fake = fakeClient((request) => ({
      embeddings: (request.body["texts"] as string[]).map((text) => vectorOf(text === "short" ? 1000 : 1024)),
    }));
    const embedder = new BedrockEmbedder({ model: "cohere.embed-english-v3", client: fake.client });
    const error = (await embedder
      .embedBatch(["a", "short", "c"])
      .catch((caught: unknown) => caught)) as BatchEmbeddingError;
    expect(error.failures).toHaveLength(1);
    const failure = error.failures[0]!;
    expect(failure.index).toBe(1);
    expect(ResponseError.isInstance(failure.error)).toBe(true);
    expect(failure.error).toMatchObject({ index: 1, expected: 1024, actual: 1000 });
    expect(failure.error.message).toMatch(/input 1 has 1000 dimensions, expected 1024/);
    expect(error.vectors[0]).toHaveLength(1024);
    await expect(embedder.embed("short")).rejects.toThrowError(ResponseError);
  });

  it("a response with the wrong number of vectors is a ResponseError for the whole call", async () => {
    const fake = fakeClient(() => ({ embeddings: [vectorOf(1024)] }));
    const embedder = new BedrockEmbedder({ model: "cohere.embed-english-v3", client: fake.client });
    const error = (await embedder
      .embedBatch(["a", "b", "c"])
      .catch((caught: unknown) => caught)) as BatchEmbeddingError;
    expect(error.failures.map((failure) => failure.index)).toEqual([0, 1, 2]);
    expect(error.failures[0]?.error).toMatchObject({ code: "RESPONSE", expected: 3, actual: 1 });
    expect(error.failures[0]?.error.message).toMatch(/holds 1 vectors for 3 texts \(inputs 0-2\)/);
  });

  it("non-finite numbers and unknown shapes are ResponseErrors, not retried", async () => {
    const bad = fakeClient(() => ({ embeddings: [[1, Number.NaN]] }));
    // JSON turns NaN into null, which is not a finite number either.
    const embedder = new BedrockEmbedder({
      model: "cohere.embed-english-v3",
      client: bad.client,
      dimensions: undefined,
    });
    await expect(embedder.embed("a")).rejects.toMatchObject({ code: "RESPONSE", index: 0 });
    const shape = fakeClient(() => ({ vectors: [] }));
    const other = new BedrockEmbedder({ model: "cohere.embed-english-v3", client: shape.client });
    await expect(other.embed("a")).rejects.toThrow(/no "embeddings" list.*keys \[vectors\]/);
    expect(shape.send).toHaveBeenCalledTimes(1);
    const notJson = fakeClient(() => "<html>");
    const html = new BedrockEmbedder({ model: "cohere.embed-english-v3", client: notJson.client });
    await expect(html.embed("a")).rejects.toThrow(/is not JSON/);
    expect(notJson.send).toHaveBeenCalledTimes(1);
  });
});

describe("usage and events", () => {
  it("sums body token counts and reports one event per call", async () => {
    const fake = fakeClient((request) => ({
      embedding: vectorOf(1024),
      inputTextTokenCount: (request.body["inputText"] as string).length,
    }));
    const events: BedrockCallEvent[] = [];
    let clock = 0;
    const embedder = new BedrockEmbedder(
      {
        model: "amazon.titan-embed-text-v2:0",
        client: fake.client,
        maxConcurrency: 1,
        onCall: (event) => events.push(event),
      },
      { now: () => (clock += 5) },
    );
    const { usage } = await embedder.embedBatchDetailed(["ab", "cde", "f"]);
    // Titan v2 lists at $0.02 per 1M tokens (price table of 2026-08).
    expect(usage).toEqual({
      inputTokens: 6,
      calls: 3,
      retries: 0,
      throttles: 0,
      estimatedCostUsd: expect.closeTo(6 * 0.02e-6, 15),
    });
    expect(events.map((event) => event.indexes)).toEqual([[0], [1], [2]]);
    expect(events[0]).toMatchObject({
      modelId: "amazon.titan-embed-text-v2:0",
      family: "titan-text-v2",
      ok: true,
      inputTokens: 2,
      estimatedCostUsd: 4e-8,
      attempts: 1,
      httpStatus: 200,
      durationMs: 5,
    });
  });

  it("reports failed calls too, and a throwing hook does not break embedding", async () => {
    const fake = fakeClient(() => {
      throw awsError("ValidationException", 400, "nope");
    });
    const events: BedrockCallEvent[] = [];
    const embedder = new BedrockEmbedder({
      model: "cohere.embed-english-v3",
      client: fake.client,
      onCall: (event) => {
        events.push(event);
        throw new Error("hook bug");
      },
    });
    await expect(embedder.embed("a")).rejects.toMatchObject({ awsErrorName: "ValidationException" });
    expect(events[0]).toMatchObject({ ok: false, httpStatus: 400, requestId: "req-ValidationException" });
    expect(events[0]?.error?.message).toMatch(/nope/);
  });

  it("reads Cohere token counts from the response header through the real SDK", async () => {
    const { client, seen } = transportClient((request) => ({
      statusCode: 200,
      headers: { "x-amzn-bedrock-input-token-count": "9", "x-amzn-requestid": "rid-7" },
      body: {
        id: "1",
        response_type: "embeddings_by_type",
        embeddings: { float: JSON.parse(request.body).texts.map(() => vectorOf(1536)) },
      },
    }));
    const events: BedrockCallEvent[] = [];
    const embedder = new BedrockEmbedder({
      model: "global.cohere.embed-v4:0",
      client,
      onCall: (event) => events.push(event),
    });
    const { vectors, usage } = await embedder.embedBatchDetailed(["a", "b"]);
    expect(vectors).toHaveLength(2);
    expect(usage.inputTokens).toBe(9);
    expect(events[0]).toMatchObject({ inputTokens: 9, requestId: "rid-7", httpStatus: 200 });
    expect(seen[0]?.path).toBe("/model/global.cohere.embed-v4%3A0/invoke");
    expect(seen[0]?.headers["content-type"]).toBe("application/json");
    expect(seen[0]?.headers["accept"]).toBe("application/json");
  });

  it("classifies real SDK errors (throttling then success) through the transport", async () => {
    const { runtime, delays } = instantRuntime();
    let calls = 0;
    const { client } = transportClient(() => {
      calls++;
      if (calls === 1) {
        return {
          statusCode: 429,
          headers: {
            "x-amzn-errortype": "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/",
            "x-amz-retry-after": "1234",
          },
          body: { message: "Too many requests, please wait before trying again." },
        };
      }
      return { statusCode: 200, body: { embedding: vectorOf(1024), inputTextTokenCount: 3 } };
    });
    const embedder = new BedrockEmbedder({ model: "amazon.titan-embed-text-v2:0", client }, runtime);
    const { usage } = await embedder.embedBatchDetailed(["a"]);
    // Only the answered attempt is priced.
    expect(usage).toEqual({
      inputTokens: 3,
      calls: 2,
      retries: 1,
      throttles: 1,
      estimatedCostUsd: 6e-8,
    });
    expect(delays).toEqual([1234]);
  });
});
