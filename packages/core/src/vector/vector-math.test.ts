import { describe, expect, it } from "vitest";
import { VectorError } from "../errors/vector-error.js";
import { cosineSimilarity, dotProduct, l2Normalize, vectorNorm } from "./vector-math.js";

describe("vector math", () => {
  it("normalizes to unit length and keeps direction", () => {
    const unit = l2Normalize([3, 4]);
    expect(unit[0]).toBeCloseTo(0.6);
    expect(unit[1]).toBeCloseTo(0.8);
    expect(vectorNorm(unit)).toBeCloseTo(1, 12);
  });

  it("normalizes typed arrays into plain arrays", () => {
    const unit = l2Normalize(new Float32Array([0, 2]));
    expect(Array.isArray(unit)).toBe(true);
    expect(unit).toEqual([0, 1]);
  });

  it.each([
    ["NaN", [1, Number.NaN]],
    ["Infinity", [Number.POSITIVE_INFINITY, 1]],
    ["zero vector", [0, 0, 0]],
  ])("rejects %s with a VectorError", (_label, vector) => {
    expect(() => l2Normalize(vector)).toThrowError(VectorError);
  });

  it("names the position of a non-finite value", () => {
    expect(() => l2Normalize([1, 2, Number.NaN], "input 3")).toThrow(/input 3 .* position 2/);
  });

  it("computes dot product and cosine similarity", () => {
    expect(dotProduct([1, 2], [3, 4])).toBe(11);
    expect(cosineSimilarity([1, 0], [1, 1])).toBeCloseTo(Math.SQRT1_2);
    expect(cosineSimilarity([1, 0], [-2, 0])).toBe(-1);
  });

  it("rejects mismatched lengths and zero vectors in cosine", () => {
    expect(() => dotProduct([1], [1, 2])).toThrow(/lengths differ: 1 and 2/);
    expect(() => cosineSimilarity([0, 0], [1, 1])).toThrowError(VectorError);
  });
});
