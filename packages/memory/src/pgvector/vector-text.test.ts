import { VectorError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { parseVectorText, toVectorText } from "./vector-text.js";

describe("pgvector text", () => {
  it("writes nine significant digits, which identify every float32 value", () => {
    expect(toVectorText(Float32Array.of(0.1, -2, 0))).toBe("[0.100000001,-2.00000000,0.00000000]");
    const values = new Float32Array(2000);
    const bits = new Uint32Array(values.buffer);
    for (let position = 0; position < bits.length; position++)
      bits[position] = (position * 2_654_435_761) >>> 0;
    const finite = values.filter((value) => Number.isFinite(value));
    const parsed = toVectorText(finite)
      .slice(1, -1)
      .split(",")
      .map((part) => Math.fround(Number(part)));
    expect(parsed).toEqual(Array.from(finite));
  });

  it("refuses values beyond the float32 range", () => {
    expect(() => toVectorText(Float32Array.of(1, Number.POSITIVE_INFINITY))).toThrowError(VectorError);
  });

  it("reads pgvector's output as float32 values", () => {
    expect(parseVectorText("[0.1,-2,1e-45]")).toEqual([Math.fround(0.1), -2, Math.fround(1e-45)]);
    expect(parseVectorText("[]")).toEqual([]);
    expect(() => parseVectorText("(1,2)")).toThrowError(VectorError);
  });
});
