import { describe, expect, it } from "vitest";
import { MODEL_FAMILIES } from "../families/catalog.js";
import type { ModelFamily, WireInput, WireMedia } from "../families/model-family.js";
import { DEFAULT_BYTES_PER_CALL, estimateTokens, planCalls } from "./plan-calls.js";

const text = (value: string): WireInput => ({ modality: "text", text: value });
const image = (base64 = "iVBORw0KGgo="): WireInput => ({
  modality: "image",
  image: { format: "png", base64, byteLength: base64.length } satisfies WireMedia,
});
const sizes = (calls: { indexes: number[] }[]) => calls.map((call) => call.indexes.length);
const cohere = MODEL_FAMILIES["cohere-v3"];
const withLimits = (textsPerCall: number, requestBytes = 25_000_000): ModelFamily => ({
  ...MODEL_FAMILIES["cohere-v4"],
  limits: { ...MODEL_FAMILIES["cohere-v4"].limits, textsPerCall },
  media: { ...MODEL_FAMILIES["cohere-v4"].media!, requestBytes, inputsPerCall: textsPerCall },
});

describe("planCalls", () => {
  it("fills calls up to the model's text count, in order", () => {
    const texts = Array.from({ length: 200 }, (_unused, index) => text(`t${index}`));
    const calls = planCalls(texts, cohere);
    expect(sizes(calls)).toEqual([96, 96, 8]);
    expect(calls.flatMap((call) => call.indexes)).toEqual(texts.map((_text, index) => index));
  });

  it("closes a call before it would exceed the byte or token budget; an oversized text goes alone", () => {
    const texts = ["a", "b", "c", "d"].map((letter) => text(letter.repeat(DEFAULT_BYTES_PER_CALL / 2 - 1)));
    expect(sizes(planCalls(texts, cohere))).toEqual([2, 2]);
    // Multi-byte characters count as the bytes they take on the wire.
    const accents = [
      text("é".repeat(DEFAULT_BYTES_PER_CALL / 3)),
      text("é".repeat(DEFAULT_BYTES_PER_CALL / 3)),
    ];
    expect(sizes(planCalls(accents, cohere))).toEqual([1, 1]);
    const small = ["a".repeat(40), "b".repeat(40), "c".repeat(40), "d".repeat(500), "e"].map(text);
    expect(sizes(planCalls(small, cohere, 30))).toEqual([2, 1, 1, 1]);
    expect(estimateTokens("a".repeat(40))).toBe(11);
  });

  it("makes one call per input for single-input families and none for no inputs", () => {
    expect(sizes(planCalls(["a", "b", "c"].map(text), MODEL_FAMILIES["titan-text-v2"]))).toEqual([1, 1, 1]);
    expect(planCalls([], cohere)).toEqual([]);
    expect(() => planCalls([text("a")], withLimits(0))).toThrow(RangeError);
  });

  it("groups by modality in order of first appearance", () => {
    expect(planCalls([text("a"), image(), text("b"), image()], MODEL_FAMILIES["cohere-v4"])).toEqual([
      { modality: "text", indexes: [0, 2] },
      { modality: "image", indexes: [1, 3] },
    ]);
    expect(planCalls([image(), image()], cohere)).toEqual([
      { modality: "image", indexes: [0] },
      { modality: "image", indexes: [1] },
    ]);
  });

  it("packs images up to the family's request size", () => {
    const big = image("A".repeat(4000));
    expect(sizes(planCalls([big, big, big, big], withLimits(96, 12_000)))).toEqual([2, 2]);
  });
});

describe("planCalls, as the media planner was tested", () => {
  it("groups by modality and respects per-call counts", () => {
    const png = { format: "png", base64: "AAAA", byteLength: 3 };
    const inputs = [
      { modality: "text" as const, text: "a" },
      { modality: "image" as const, image: png },
      { modality: "text" as const, text: "b" },
      { modality: "image" as const, image: png },
    ];
    expect(planCalls(inputs, MODEL_FAMILIES["cohere-v4"])).toEqual([
      { modality: "text", indexes: [0, 2] },
      { modality: "image", indexes: [1, 3] },
    ]);
    expect(planCalls(inputs, MODEL_FAMILIES["cohere-v3"])).toEqual([
      { modality: "text", indexes: [0, 2] },
      { modality: "image", indexes: [1] },
      { modality: "image", indexes: [3] },
    ]);
    expect(planCalls(inputs, MODEL_FAMILIES["nova-multimodal"])).toHaveLength(4);
  });

  it("splits Cohere v4 images by request size", () => {
    const image = { format: "png", base64: "A".repeat(6_000_000), byteLength: 4_500_000 };
    const inputs = Array.from({ length: 5 }, () => ({ modality: "image" as const, image }));
    expect(planCalls(inputs, MODEL_FAMILIES["cohere-v4"]).map((call) => call.indexes)).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
  });
});
