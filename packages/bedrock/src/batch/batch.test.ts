import { describe, expect, it } from "vitest";
import { dedupeTexts } from "../schedule/dedupe.js";
import { estimateTokens, packCalls, planCalls } from "./plan-calls.js";

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
