import { describe, expect, it } from "vitest";
import { norm } from "../shared/family-test-inputs.test-helpers.js";
import { cohereEmbedV4 } from "./index.js";

const reformat = ", please reformat your input and try again.";

describe("cohere.embed-v4:0", () => {
  it("defaults to the by-type shape with 1536 floats", () => {
    const { body } = cohereEmbedV4.invoke({ texts: ["v4 text"], input_type: "search_document" });
    const response = body as {
      id: string;
      response_type: string;
      embeddings: { float: number[][] };
      texts: string[];
    };
    expect(Object.keys(response).sort()).toEqual(["embeddings", "id", "response_type", "texts"]);
    expect(response.response_type).toBe("embeddings_by_type");
    expect(Object.keys(response.embeddings)).toEqual(["float"]);
    expect(response.embeddings.float[0]).toHaveLength(1536);
    expect(norm(response.embeddings.float[0] ?? [])).toBeGreaterThan(2);
    expect(response.texts).toEqual(["v4 text"]);
  });

  it("honours output_dimension and embedding_types", () => {
    const { body } = cohereEmbedV4.invoke({
      texts: ["a", "b"],
      input_type: "search_query",
      output_dimension: 256,
      embedding_types: ["int8", "ubinary"],
    });
    const embeddings = (body as { embeddings: Record<string, number[][]> }).embeddings;
    expect(Object.keys(embeddings).sort()).toEqual(["int8", "ubinary"]);
    expect(embeddings["int8"]?.[1]).toHaveLength(256);
    expect(embeddings["ubinary"]?.[0]).toHaveLength(32);
  });

  it("refuses over-long texts with truncate NONE and cuts them with LEFT/RIGHT", () => {
    const text = "alpha beta gamma delta epsilon zeta eta theta";
    expect(() => cohereEmbedV4.invoke({ texts: [text], input_type: "clustering", max_tokens: 2 })).toThrow(
      /index 0 has \d+ tokens, which exceeds max_tokens \(2\)/,
    );
    const right = cohereEmbedV4.invoke({
      texts: [text],
      input_type: "clustering",
      max_tokens: 2,
      truncate: "RIGHT",
    });
    expect(right.inputTokenCount).toBe(2);
    const left = cohereEmbedV4.invoke({
      texts: [text],
      input_type: "clustering",
      max_tokens: 2,
      truncate: "LEFT",
    });
    const leftVector = (left.body as { embeddings: { float: number[][] } }).embeddings.float[0];
    const rightVector = (right.body as { embeddings: { float: number[][] } }).embeddings.float[0];
    expect(leftVector).not.toEqual(rightVector);
  });

  it.each([
    [{ texts: ["x"], input_type: "image" }, "#/input_type: image is not a valid enum value"],
    [
      { texts: ["x"], input_type: "clustering", output_dimension: 1024.5 },
      "#/output_dimension: 1024.5 is not a valid enum value",
    ],
    [
      { texts: ["x"], input_type: "clustering", truncate: "END" },
      "#/truncate: END is not a valid enum value",
    ],
    [
      { texts: Array(97).fill("x"), input_type: "clustering" },
      "#/texts: expected maximum item count: 96, found: 97",
    ],
  ])("rejects %j", (request, problem) => {
    expect(() => cohereEmbedV4.invoke(request)).toThrow(`Malformed input request: ${problem}${reformat}`);
  });
});
