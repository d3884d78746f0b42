import { describe, expect, it } from "vitest";
import { norm } from "../shared/family-test-inputs.test-helpers.js";
import { titanEmbedTextV2 } from "./index.js";

describe("amazon.titan-embed-text-v2:0", () => {
  it("defaults to 1024 normalized floats with embeddingsByType.float", () => {
    const { body } = titanEmbedTextV2.invoke({ inputText: "hello titan" });
    const response = body as { embedding: number[]; inputTextTokenCount: number; embeddingsByType: object };
    expect(response.embedding).toHaveLength(1024);
    expect(norm(response.embedding)).toBeCloseTo(1, 5);
    expect(response.embeddingsByType).toEqual({ float: response.embedding });
    expect(response.inputTextTokenCount).toBeGreaterThan(0);
  });

  it("honours dimensions, normalize: false and binary", () => {
    const { body } = titanEmbedTextV2.invoke({
      inputText: "hello titan",
      dimensions: 256,
      normalize: false,
      embeddingTypes: ["float", "binary"],
    });
    const response = body as { embedding: number[]; embeddingsByType: { float: number[]; binary: number[] } };
    expect(response.embedding).toHaveLength(256);
    expect(Math.abs(norm(response.embedding) - 1)).toBeGreaterThan(0.5);
    expect(response.embeddingsByType.binary).toEqual(response.embedding.map((value) => (value > 0 ? 1 : 0)));
  });

  it.each([
    [{ inputText: "" }, "#/inputText: expected minLength: 1, actual: 0"],
    [{ inputText: "x".repeat(50_001) }, "#/inputText: expected maxLength: 50000, actual: 50001"],
    [{ inputText: "x", dimensions: 300 }, "#/dimensions: 300 is not a valid enum value"],
    [{ inputText: "x", normalize: "true" }, "#/normalize: expected type: Boolean, found: String"],
    [{ inputText: "x", embeddingTypes: ["int8"] }, "#/embeddingTypes/0: int8 is not a valid enum value"],
    [{ texts: ["x"] }, "#: required key [inputText] not found#: extraneous key [texts] is not permitted"],
  ])("rejects %j", (request, problem) => {
    expect(() => titanEmbedTextV2.invoke(request)).toThrow(
      `Malformed input request: ${problem}, please reformat your input and try again.`,
    );
  });

  it("applies the 8,192-token limit below the 50,000-character limit", () => {
    expect(() => titanEmbedTextV2.invoke({ inputText: "y".repeat(45_000) })).toThrow(/Too many input tokens/);
  });
});
