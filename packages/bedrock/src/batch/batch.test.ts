import { describe, expect, it } from "vitest";
import { dedupeTexts } from "../schedule/dedupe.js";
import { estimateTokens, packCalls, planCalls } from "./plan-calls.js";
import { createLimiter, runBounded } from "./run-bounded.js";

describe("planCalls", () => {
  it("splits 200 texts into 96, 96, 8 in order", () => {
    const calls = planCalls(200, 96);
    expect(calls.map((call) => call.indexes.length)).toEqual([96, 96, 8]);
    expect(calls.flatMap((call) => call.indexes)).toEqual(Array.from({ length: 200 }, (_u, index) => index));
  });

  it("makes one call per text for single-text families and none for no texts", () => {
    expect(planCalls(3, 1)).toEqual([{ indexes: [0] }, { indexes: [1] }, { indexes: [2] }]);
    expect(planCalls(0, 96)).toEqual([]);
    expect(() => planCalls(3, 0)).toThrow(RangeError);
  });
});

describe("packCalls", () => {
  const sizes = (calls: { indexes: number[] }[]) => calls.map((call) => call.indexes.length);

  it("fills calls up to the model's text count, in order", () => {
    const texts = Array.from({ length: 200 }, (_unused, index) => `t${index}`);
    const calls = packCalls(texts, { textsPerCall: 96 });
    expect(sizes(calls)).toEqual([96, 96, 8]);
    expect(calls.flatMap((call) => call.indexes)).toEqual(texts.map((_text, index) => index));
  });

  it("closes a call before it would exceed the byte or token limit; an oversized text goes alone", () => {
    const texts = ["a".repeat(40), "b".repeat(40), "c".repeat(40), "d".repeat(500), "e"];
    expect(sizes(packCalls(texts, { textsPerCall: 96, bytesPerCall: 100 }))).toEqual([2, 1, 1, 1]);
    // Multi-byte characters count as the bytes they take on the wire.
    expect(
      sizes(packCalls(["é".repeat(30), "é".repeat(30)], { textsPerCall: 96, bytesPerCall: 100 })),
    ).toEqual([1, 1]);
    expect(sizes(packCalls(texts, { textsPerCall: 96, tokensPerCall: 30 }))).toEqual([2, 1, 1, 1]);
    expect(estimateTokens("a".repeat(40))).toBe(11);
  });

  it("makes one call per text for single-text families and none for no texts", () => {
    expect(sizes(packCalls(["a", "b", "c"], { textsPerCall: 1 }))).toEqual([1, 1, 1]);
    expect(packCalls([], { textsPerCall: 96 })).toEqual([]);
    expect(() => packCalls(["a"], { textsPerCall: 0 })).toThrow(RangeError);
  });
});

describe("dedupeTexts", () => {
  it("keeps each distinct text once, with every index that holds it", () => {
    expect(dedupeTexts(["a", "b", "a", "c", "a"])).toEqual({
      unique: ["a", "b", "c"],
      positions: [[0, 2, 4], [1], [3]],
    });
    expect(dedupeTexts(["A", "a", "a "])).toEqual({ unique: ["A", "a", "a "], positions: [[0], [1], [2]] });
  });
});

describe("runBounded", () => {
  it("keeps results by index whatever order tasks finish in, and never exceeds the bound", async () => {
    let inFlight = 0;
    let peak = 0;
    const delays = [30, 5, 20, 1, 10, 0, 15];
    const results = await runBounded(delays.length, 3, async (index) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, delays[index]));
      inFlight--;
      return index * 10;
    });
    expect(results).toEqual(delays.map((_d, index) => ({ status: "fulfilled", value: index * 10 })));
    expect(peak).toBe(3);
  });

  it("records rejections and skips tasks once stopped", async () => {
    let stop = false;
    const results = await runBounded(
      5,
      1,
      async (index) => {
        if (index === 1) {
          stop = true;
          throw new Error("fatal");
        }
        return index;
      },
      () => stop,
    );
    expect(results[0]).toEqual({ status: "fulfilled", value: 0 });
    expect(results[1]).toMatchObject({ status: "rejected" });
    expect(results.slice(2)).toEqual([{ status: "skipped" }, { status: "skipped" }, { status: "skipped" }]);
  });
});

describe("createLimiter", () => {
  it("bounds tasks from several runs together and starts them first come, first served", async () => {
    const limiter = createLimiter(2);
    const started: string[] = [];
    let peak = 0;
    const task = (name: string) => async () => {
      started.push(name);
      peak = Math.max(peak, limiter.active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return name;
    };
    const results = await Promise.all([
      runBounded(3, limiter, (index) => task(`a${index}`)()),
      runBounded(3, limiter, (index) => task(`b${index}`)()),
    ]);
    expect(peak).toBe(2);
    expect(started).toEqual(["a0", "a1", "a2", "b0", "b1", "b2"]);
    expect(results[1]).toEqual([
      { status: "fulfilled", value: "b0" },
      { status: "fulfilled", value: "b1" },
      { status: "fulfilled", value: "b2" },
    ]);
    expect(limiter.active).toBe(0);
  });

  it("frees its slot when a task throws", async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error("x")))).rejects.toThrow("x");
    expect(await limiter.run(async () => 7)).toBe(7);
    expect(() => createLimiter(0)).toThrow(RangeError);
  });
});
