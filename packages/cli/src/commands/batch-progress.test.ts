import { PassThrough } from "node:stream";
import type { BatchProgress } from "@bedrock-embeddings/core";
import { type EmbeddingBase, emptyUsage } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import type { CliIo } from "../cli-io.js";
import { embedWithProgress, usageSummary } from "./batch-progress.js";

/** An embedder that reports progress after each text, like the Bedrock embedder does per call. */
function progressEmbedder(): EmbeddingBase & { embedBatchDetailed: unknown; optionsSeen: unknown[] } {
  const optionsSeen: unknown[] = [];
  return {
    provider: "fake",
    modelId: "fake-model",
    normalized: true,
    dimension: 2,
    detectDimension: async () => 2,
    embed: async () => [1, 0],
    embedBatch: async (texts) => texts.map(() => [1, 0]),
    optionsSeen,
    embedBatchDetailed: async (
      texts: readonly string[],
      _action: unknown,
      options?: { onProgress?: (progress: BatchProgress) => void },
    ) => {
      optionsSeen.push(options);
      const base = { total: texts.length, failed: 0, calls: 0, retries: 1, throttles: 1 };
      texts.forEach((_text, index) => {
        options?.onProgress?.({ ...base, done: index + 1, inputTokens: (index + 1) * 3 });
      });
      return {
        vectors: texts.map(() => [1, 0]),
        usage: { ...emptyUsage(), calls: texts.length, inputTokens: 9 },
      };
    },
  };
}

function io(isTTY: boolean): { io: CliIo; stderr: () => string } {
  let written = "";
  return {
    io: {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (written += text), isTTY } as CliIo["stderr"],
      stdin: new PassThrough(),
      environment: {},
    },
    stderr: () => written,
  };
}

describe("embedWithProgress", () => {
  it("draws a bar on stderr with --progress even when stderr is not a terminal", async () => {
    const embedder = progressEmbedder();
    const target = io(false);
    const { vectors, usage } = await embedWithProgress(embedder, ["a", "b", "c"], "add", target.io, true);
    expect(vectors).toHaveLength(3);
    expect(usage?.calls).toBe(3);
    expect(target.stderr()).toMatch(
      /embedding \[.*\] 3 embedded, 0 failed of 3 texts \| 9 tokens \| 1 retries \| 1 throttled/,
    );
  });

  it("draws nothing for a short run or when stderr is not a terminal, unless asked", async () => {
    const short = io(true);
    await embedWithProgress(progressEmbedder(), ["a"], "add", short.io, undefined);
    expect(short.stderr()).toBe("");
    const piped = io(false);
    const embedder = progressEmbedder();
    await embedWithProgress(
      embedder,
      Array.from({ length: 60 }, () => "x"),
      "add",
      piped.io,
      undefined,
    );
    expect(piped.stderr()).toBe("");
    expect(embedder.optionsSeen).toEqual([undefined]);
  });
});

describe("usageSummary", () => {
  it("lists tokens, calls, retries and throttles, and the estimated cost when known", () => {
    const usage = { inputTokens: 1234, calls: 300, retries: 2, throttles: 2 };
    expect(usageSummary(usage)).toBe("1234 input tokens, 300 calls, 2 retries, 2 throttled");
    expect(usageSummary({ ...usage, estimatedCostUsd: 0.00002468 })).toBe(
      "1234 input tokens, 300 calls, 2 retries, 2 throttled, estimated $0.0000247",
    );
    expect(usageSummary({ ...usage, estimatedCostUsd: 1.5 }, false)).toBe(
      "1234 input tokens, 2 retries, 2 throttled, estimated $1.5",
    );
  });
});
