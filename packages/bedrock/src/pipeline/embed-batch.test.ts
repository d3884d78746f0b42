import type { BatchProgress } from "@bedrock-embeddings/core";
import { BatchEmbeddingError, BedrockApiError, InputError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { BedrockEmbedder } from "../bedrock-embedder.js";
import { awsError, cohereReply, fakeClient, instantRuntime, vectorOf } from "../fake-bedrock.test-helpers.js";
import { VirtualClock } from "../schedule/virtual-time.test-helpers.js";

const cohere = "cohere.embed-english-v3";
const titan = "amazon.titan-embed-text-v2:0";
const titanReply = (text: string) => ({ embedding: vectorOf(1024, text.length), inputTextTokenCount: 2 });
const firsts = (vectors: readonly (number[] | undefined)[]) => vectors.map((vector) => vector?.[0]);

describe("packing", () => {
  it("sends as many texts per call as the family allows, in input order", async () => {
    const fake = fakeClient((request) => cohereReply(request));
    const texts = Array.from({ length: 200 }, (_unused, index) => `text ${index}`);
    const vectors = await new BedrockEmbedder({
      model: cohere,
      client: fake.client,
      normalize: false,
    }).embedBatch(texts);
    expect(fake.requests.map((request) => (request.body["texts"] as string[]).length).sort()).toEqual([
      8, 96, 96,
    ]);
    expect(firsts(vectors)).toEqual(texts.map((text) => text.length));
  });

  it("keeps input order when packed calls finish out of order", async () => {
    const clock = new VirtualClock();
    // The first call answers last.
    const fake = fakeClient(async (request) => {
      const texts = request.body["texts"] as string[];
      await clock.sleep(texts[0] === "text 0" ? 500 : 10);
      return cohereReply(request);
    });
    const embedder = new BedrockEmbedder(
      { model: cohere, client: fake.client, normalize: false },
      { clock, now: clock.now },
    );
    const texts = Array.from({ length: 250 }, (_unused, index) => `text ${index}`);
    const vectors = await clock.run(embedder.embedBatch(texts));
    expect(firsts(vectors)).toEqual(texts.map((text) => text.length));
  });
});

describe("deduplication", () => {
  it("sends identical texts once and gives every index its vector", async () => {
    const fake = fakeClient((request) => titanReply(request.body["inputText"] as string));
    const embedder = new BedrockEmbedder({ model: titan, client: fake.client });
    const { vectors, usage } = await embedder.embedBatchDetailed(["same", "same", "same"]);
    expect(fake.send).toHaveBeenCalledTimes(1);
    expect(vectors).toHaveLength(3);
    expect(vectors[1]).toEqual(vectors[0]);
    expect(vectors[2]).toEqual(vectors[0]);
    expect(usage.calls).toBe(1);
  });

  it("packs only the distinct texts, and fans failures out to every copy", async () => {
    const fake = fakeClient((request) => {
      const text = request.body["inputText"] as string;
      if (text === "bad") throw awsError("ValidationException", 400, "Malformed input request.");
      return titanReply(text);
    });
    const embedder = new BedrockEmbedder({ model: titan, client: fake.client });
    const { vectors, failures } = await embedder.embedBatchDetailed(["a", "bad", "b", "a", "bad"], "add", {
      settle: true,
    });
    expect(fake.send).toHaveBeenCalledTimes(3);
    expect(firsts(vectors)).toEqual([1, undefined, 1, 1, undefined]);
    expect(failures.map((failure) => failure.index)).toEqual([1, 4]);
  });
});

describe("failure isolation", () => {
  const withOneBadText = () =>
    fakeClient((request) => {
      const texts = request.body["texts"] as string[];
      if (texts.includes("poison")) {
        throw awsError(
          "ValidationException",
          400,
          "Malformed input request: #/texts: the text cannot be embedded",
        );
      }
      return cohereReply(request);
    });

  it("a packed call rejected for one text is split until that text fails alone", async () => {
    const fake = withOneBadText();
    const texts = Array.from({ length: 96 }, (_unused, index) => (index === 37 ? "poison" : `text ${index}`));
    const error = (await new BedrockEmbedder({ model: cohere, client: fake.client, normalize: false })
      .embedBatch(texts)
      .catch((caught: unknown) => caught)) as BatchEmbeddingError;
    expect(BatchEmbeddingError.isInstance(error)).toBe(true);
    expect(error.failures.map((failure) => failure.index)).toEqual([37]);
    expect(error.failures[0]?.error).toMatchObject({
      awsErrorName: "ValidationException",
      failedIndexes: [37],
    });
    expect(error.vectors.filter((vector) => vector !== undefined)).toHaveLength(95);
    expect(error.usage?.calls).toBe(fake.send.mock.calls.length);
    // log2(96) levels of halves, two calls each, plus the first: far fewer than 96 single calls.
    expect(fake.send.mock.calls.length).toBeLessThanOrEqual(15);
  });

  it("settle resolves per-index vectors and failures instead of throwing", async () => {
    const fake = withOneBadText();
    const embedder = new BedrockEmbedder({ model: cohere, client: fake.client, normalize: false });
    const result = await embedder.embedBatchDetailed(["one", "poison", "three"], "add", { settle: true });
    expect(firsts(result.vectors)).toEqual([3, undefined, 5]);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ index: 1, error: { awsErrorName: "ValidationException" } });
  });

  it("with settle, a text failing the pre-send checks fails alone and is never sent", async () => {
    const fake = fakeClient((request) => titanReply(request.body["inputText"] as string));
    const embedder = new BedrockEmbedder({ model: titan, client: fake.client });
    const result = await embedder.embedBatchDetailed(["ok", "  ", "fine"], "add", { settle: true });
    expect(firsts(result.vectors)).toEqual([2, undefined, 4]);
    expect(InputError.isInstance(result.failures[0]?.error)).toBe(true);
    expect(result.failures[0]).toMatchObject({ index: 1, error: { index: 1 } });
    expect(fake.send).toHaveBeenCalledTimes(2);
    // Without settle the same batch is refused before anything is sent.
    await expect(embedder.embedBatch(["ok", "  "])).rejects.toThrowError(InputError);
    expect(fake.send).toHaveBeenCalledTimes(2);
  });

  it("with settle, an error that dooms every call fails each input not embedded with it", async () => {
    const fake = fakeClient(() => {
      throw awsError("AccessDeniedException", 403, "You don't have access to the model.");
    });
    const embedder = new BedrockEmbedder({ model: titan, client: fake.client, maxConcurrency: 1 });
    const result = await embedder.embedBatchDetailed(["a", "b", "c"], "add", { settle: true });
    expect(result.vectors).toEqual([undefined, undefined, undefined]);
    expect(result.failures.map((failure) => failure.index)).toEqual([0, 1, 2]);
    for (const failure of result.failures) {
      expect(BedrockApiError.isInstance(failure.error)).toBe(true);
      expect(failure.error).toMatchObject({
        awsErrorName: "AccessDeniedException",
        failedIndexes: [0, 1, 2],
      });
    }
    expect(fake.send).toHaveBeenCalledTimes(1);
  });
});

describe("abort", () => {
  it("stops starting calls, cancels the ones in flight, and rejects with the reason, keeping what is done", async () => {
    const signals: (AbortSignal | undefined)[] = [];
    const controller = new AbortController();
    const fake = fakeClient(async (request) => {
      signals.push(request.abortSignal);
      const text = request.body["inputText"] as string;
      if (text !== "fast") {
        // Hangs until aborted, like a slow call.
        await new Promise((_resolve, reject) => {
          request.abortSignal?.addEventListener("abort", () => reject(request.abortSignal?.reason));
        });
      }
      return titanReply(text);
    });
    const embedder = new BedrockEmbedder({
      model: titan,
      client: fake.client,
      maxConcurrency: 2,
      adaptive: false,
    });
    const reason = new Error("user pressed stop");
    const running = embedder.embedBatchDetailed(["fast", "slow 1", "slow 2", "slow 3", "slow 4"], "add", {
      signal: controller.signal,
      onProgress: (progress) => {
        // Abort once the fast call is done and the two slow ones are out.
        if (progress.done === 1) setTimeout(() => controller.abort(reason), 5);
      },
    });
    const error = (await running.catch((caught: unknown) => caught)) as BatchEmbeddingError;
    expect(BatchEmbeddingError.isInstance(error)).toBe(true);
    expect(error.aborted).toBe(true);
    expect(error.cause).toBe(reason);
    expect(firsts(error.vectors)).toEqual([4, undefined, undefined, undefined, undefined]);
    expect(error.failures.map((failure) => failure.index)).toEqual([1, 2, 3, 4]);
    expect(error.message).toMatch(/aborted with 1 of 5 inputs embedded/);
    // Nothing started after the abort, and the calls in flight saw their signal abort.
    const sendsAtAbort = fake.send.mock.calls.length;
    expect(sendsAtAbort).toBe(3);
    expect(signals.slice(1).every((signal) => signal?.aborted)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.send).toHaveBeenCalledTimes(sendsAtAbort);
  });

  it("an already aborted signal sends nothing", async () => {
    const fake = fakeClient((request) => titanReply(request.body["inputText"] as string));
    const embedder = new BedrockEmbedder({ model: titan, client: fake.client });
    const reason = new Error("never mind");
    await expect(
      embedder.embedBatchDetailed(["a"], "add", { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(fake.send).not.toHaveBeenCalled();
  });
});

describe("progress and usage", () => {
  it("reports done/total, calls, retries and throttles as calls finish", async () => {
    const { runtime } = instantRuntime();
    let calls = 0;
    const fake = fakeClient((request) => {
      calls++;
      if (calls === 2) throw awsError("ThrottlingException", 429, "Too many requests");
      return titanReply(request.body["inputText"] as string);
    });
    const embedder = new BedrockEmbedder({ model: titan, client: fake.client, maxConcurrency: 1 }, runtime);
    const seen: BatchProgress[] = [];
    const { usage } = await embedder.embedBatchDetailed(["a", "bb", "ccc"], "add", {
      onProgress: (progress) => seen.push(progress),
    });
    expect(seen[0]).toMatchObject({ done: 0, total: 3 });
    expect(seen.at(-1)).toMatchObject({ done: 3, total: 3, failed: 0, calls: 4, retries: 1, throttles: 1 });
    expect(seen.map((progress) => progress.done)).toEqual([0, 1, 2, 3]);
    expect(usage).toMatchObject({ calls: 4, retries: 1, throttles: 1, inputTokens: 6 });
  });

  it("a throwing progress listener does not break the batch", async () => {
    const fake = fakeClient((request) => titanReply(request.body["inputText"] as string));
    const embedder = new BedrockEmbedder({ model: titan, client: fake.client });
    const { vectors } = await embedder.embedBatchDetailed(["a", "b"], "add", {
      onProgress: () => {
        throw new Error("bar broke");
      },
    });
    expect(vectors).toHaveLength(2);
  });
});
