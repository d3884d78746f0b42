import { describe, expect, it } from "vitest";
import { embedText, unnormalizedLength } from "./local-embedding-model.js";
import { encodeEmbedding } from "./quantize.js";
import { countTokens } from "./token-count.js";

function cosine(left: readonly number[], right: readonly number[]): number {
  let dot = 0;
  let leftSquares = 0;
  let rightSquares = 0;
  left.forEach((value, index) => {
    const other = right[index] ?? 0;
    dot += value * other;
    leftSquares += value * value;
    rightSquares += other * other;
  });
  return dot / Math.sqrt(leftSquares * rightSquares);
}

const unit = { normalize: true };

describe("the local embedding model", () => {
  it("puts texts that share words closer than unrelated texts", () => {
    const cat = embedText("the cat sat", 1024, unit);
    const similar = cosine(cat, embedText("a cat sat down", 1024, unit));
    const unrelated = cosine(cat, embedText("quarterly revenue grew sharply", 1024, unit));
    expect(similar).toBeGreaterThan(0.6);
    // Like real models, unrelated texts keep a small positive similarity instead of exactly 0.
    expect(unrelated).toBeGreaterThan(0.1);
    expect(unrelated).toBeLessThan(0.35);
  });

  it("keeps that property at every supported dimension", () => {
    for (const dimensions of [256, 512, 1024, 1536]) {
      const base = embedText("embedding models map text to vectors", dimensions, unit);
      const near = embedText("embedding models turn text into vectors", dimensions, unit);
      const far = embedText("bake the bread at two hundred degrees", dimensions, unit);
      expect(cosine(base, near)).toBeGreaterThan(cosine(base, far) + 0.3);
    }
  });

  it("is deterministic and case-insensitive", () => {
    expect(embedText("Hello World", 512, unit)).toEqual(embedText("hello world", 512, unit));
    expect(embedText("Hello World", 512, unit)).not.toEqual(embedText("hello there", 512, unit));
  });

  it("returns finite, non-zero vectors even for empty or punctuation-only text", () => {
    for (const text of ["", "   ", "?!…", "🙂"]) {
      const vector = embedText(text, 256, unit);
      expect(vector.every(Number.isFinite)).toBe(true);
      expect(vector.some((value) => value !== 0)).toBe(true);
    }
    expect(embedText("", 256, unit)).not.toEqual(embedText("?!", 256, unit));
  });

  it("scales unnormalized vectors to a length between 2 and 50 that grows with the text", () => {
    const length = (text: string) => Math.hypot(...embedText(text, 1024, { normalize: false }));
    expect(Math.hypot(...embedText("short", 1024, unit))).toBeCloseTo(1, 5);
    expect(length("short")).toBeGreaterThan(2);
    expect(length("a much longer text with many more words in it")).toBeGreaterThan(length("short"));
    expect(unnormalizedLength("word ".repeat(100_000))).toBe(50);
  });

  it("counts tokens at about 4.7 characters each", () => {
    expect(countTokens("")).toBe(0);
    expect(countTokens("abcd")).toBe(1);
    expect(countTokens("x".repeat(47))).toBe(10);
  });
});

describe("Cohere encodings", () => {
  const vector = [0.5, -0.25, 0, 1, -1, 0.1, -0.1, 0.2, 0.3];

  it("quantizes int8/uint8 against the largest component", () => {
    expect(encodeEmbedding(vector, "int8")).toEqual([64, -32, 0, 127, -127, 13, -13, 25, 38]);
    expect(encodeEmbedding(vector, "uint8").every((value) => value >= 0 && value <= 255)).toBe(true);
  });

  it("packs sign bits, eight dimensions per byte", () => {
    // Signs 1,0,0,1,0,1,0,1 then 1 (padded with zeros).
    expect(encodeEmbedding(vector, "ubinary")).toEqual([0b10010101, 0b10000000]);
    expect(encodeEmbedding(vector, "binary")).toEqual([0b10010101 - 128, 0]);
  });
});
