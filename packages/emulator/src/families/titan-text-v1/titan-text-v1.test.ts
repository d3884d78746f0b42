import { describe, expect, it } from "vitest";
import { norm } from "../shared/family-test-inputs.test-helpers.js";
import { titanEmbedTextV1 } from "./index.js";

describe("amazon.titan-embed-text-v1", () => {
  it("returns 1536 non-unit floats and a token count", () => {
    const { body, inputTokenCount } = titanEmbedTextV1.invoke({ inputText: "hello titan" });
    const response = body as { embedding: number[]; inputTextTokenCount: number };
    expect(Object.keys(response).sort()).toEqual(["embedding", "inputTextTokenCount"]);
    expect(response.embedding).toHaveLength(1536);
    expect(norm(response.embedding)).toBeGreaterThan(2);
    expect(response.inputTextTokenCount).toBe(inputTokenCount);
    expect(inputTokenCount).toBeGreaterThan(0);
  });

  it("accepts no parameter besides inputText", () => {
    expect(() => titanEmbedTextV1.invoke({ inputText: "x", dimensions: 512 })).toThrow(
      "Malformed input request: #: extraneous key [dimensions] is not permitted, please reformat your input and try again.",
    );
  });

  it("rejects more than 8,192 tokens", () => {
    const text = "word ".repeat(9000);
    expect(() => titanEmbedTextV1.invoke({ inputText: text })).toThrow(
      /^400 Bad Request: Too many input tokens\. Max input tokens: 8192, request input token count: \d+$/,
    );
  });
});
