import { BedrockEmbedder } from "@bedrock-embeddings/bedrock";
import { emptyUsage, InputError } from "@bedrock-embeddings/core";
import {
  EMULATOR_DEFAULT_CREDENTIALS,
  type RunningEmulator,
  startEmulator,
} from "@bedrock-embeddings/emulator";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MicroBatcher } from "./micro-batcher.js";
import { settledEmbedding } from "./settled-batch.js";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

function embedderFor(model: string): BedrockEmbedder {
  return new BedrockEmbedder({
    model,
    region: "us-east-1",
    endpoint: emulator.url,
    credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
  });
}

function invokeCalls(): number {
  return emulator.requests.filter((request) => request.path.endsWith("/invoke")).length;
}

describe("MicroBatcher", () => {
  it("packs 100 concurrent one-text requests into ceil(100 / 96) Cohere calls, each answer its own", async () => {
    const embedder = embedderFor("cohere.embed-english-v3");
    const batcher = new MicroBatcher({ embed: settledEmbedding(embedder) });
    const texts = Array.from({ length: 100 }, (_unused, position) => `note number ${position}`);
    const before = invokeCalls();

    const results = await Promise.all(texts.map((text) => batcher.embed([text], "add")));

    expect(invokeCalls() - before).toBe(Math.ceil(100 / 96));
    const alone = await embedder.embedBatch(texts, "add");
    expect(results.map((result) => result.vectors[0])).toEqual(alone);
    expect(results.every((result) => result.inputTokens > 0)).toBe(true);
  });

  it("sends requests trickling in closer than the window as one batch", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    try {
      const runs: number[] = [];
      const batcher = new MicroBatcher({
        embed: async (texts) => {
          runs.push(texts.length);
          return { vectors: texts.map(() => [1, 0]), failures: [], usage: emptyUsage() };
        },
        windowMs: 2,
        maxWaitMs: 50,
      });
      const answers: Promise<unknown>[] = [];
      // Ten requests 1 ms apart: 9 ms in all, longer than one window, each gap shorter than it.
      for (let request = 0; request < 10; request++) {
        answers.push(batcher.embed([`text ${request}`], "add"));
        await vi.advanceTimersByTimeAsync(1);
      }
      // A steady trickle still leaves by the deadline.
      for (let request = 10; request < 80; request++) {
        answers.push(batcher.embed([`text ${request}`], "add"));
        await vi.advanceTimersByTimeAsync(1);
      }
      await vi.runAllTimersAsync();
      await Promise.all(answers);
      // One request a millisecond: the first batch holds the 50 that came before its 50 ms deadline.
      expect(runs[0]).toBe(50);
      expect(runs.reduce((sum, count) => sum + count, 0)).toBe(80);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps query and document requests apart", async () => {
    const embedder = embedderFor("cohere.embed-english-v3");
    const batcher = new MicroBatcher({ embed: settledEmbedding(embedder) });
    const before = emulator.requests.length;
    await Promise.all([batcher.embed(["red shoes"], "search"), batcher.embed(["blue shoes"], "add")]);
    const inputTypes = emulator.requests
      .slice(before)
      .map((request) => (request.body as { input_type?: string }).input_type)
      .sort();
    expect(inputTypes).toEqual(["search_document", "search_query"]);
  });

  it("fails only the request whose text the model refuses, naming that text's index", async () => {
    const embedder = embedderFor("amazon.titan-embed-text-v2:0");
    const batcher = new MicroBatcher({ embed: settledEmbedding(embedder) });
    const tooLong = "word ".repeat(20_000);
    const [good, bad, other] = await Promise.allSettled([
      batcher.embed(["first"], "add"),
      batcher.embed(["fine", tooLong], "add"),
      batcher.embed(["third"], "add"),
    ]);
    expect(good.status).toBe("fulfilled");
    expect(other.status).toBe("fulfilled");
    expect(bad.status).toBe("rejected");
    const error = (bad as PromiseRejectedResult).reason;
    expect(InputError.isInstance(error) && error.index).toBe(1);
  });

  it("sends at once when a batch reaches its size cap", async () => {
    const calls: number[] = [];
    const batcher = new MicroBatcher({
      windowMs: 60_000,
      maxBatchTexts: 3,
      embed: async (texts) => {
        calls.push(texts.length);
        return {
          vectors: texts.map(() => [1]),
          failures: [],
          usage: { inputTokens: texts.length, calls: 1, retries: 0, throttles: 0 },
        };
      },
    });
    const results = await Promise.all([batcher.embed(["a", "b"], "add"), batcher.embed(["c"], "add")]);
    expect(calls).toEqual([3]);
    expect(results.map((result) => result.inputTokens)).toEqual([2, 1]);
  });

  it("gathers requests that arrive while a batch is in flight and sends them when it ends", async () => {
    const calls: string[][] = [];
    let finishFirst: () => void = () => {};
    const batcher = new MicroBatcher({
      windowMs: 1,
      maxWaitMs: 10_000,
      embed: async (texts) => {
        calls.push([...texts]);
        if (calls.length === 1) await new Promise<void>((resolve) => (finishFirst = resolve));
        return {
          vectors: texts.map(() => [1]),
          failures: [],
          usage: { inputTokens: texts.length, calls: 1, retries: 0, throttles: 0 },
        };
      },
    });
    const first = batcher.embed(["first"], "add");
    while (calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    const later = [batcher.embed(["second"], "add"), batcher.embed(["third"], "add")];
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toEqual([["first"]]);
    finishFirst();
    await Promise.all([first, ...later]);
    expect(calls).toEqual([["first"], ["second", "third"]]);
  });
});
