import { describe, expect, it } from "vitest";
import { norm } from "../shared/family-test-inputs.test-helpers.js";
import { cohereEmbedV3 } from "./index.js";

const reformat = ", please reformat your input and try again.";

describe("cohere.embed-*-v3", () => {
  it("answers embeddings_floats without embedding_types, token count only in the result", () => {
    const { body, inputTokenCount } = cohereEmbedV3.invoke({
      texts: ["first text", "second text"],
      input_type: "search_document",
    });
    const response = body as { id: string; response_type: string; embeddings: number[][]; texts: string[] };
    expect(response.response_type).toBe("embeddings_floats");
    expect(response.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.texts).toEqual(["first text", "second text"]);
    expect(response.embeddings).toHaveLength(2);
    expect(response.embeddings[0]).toHaveLength(1024);
    expect(norm(response.embeddings[0] ?? [])).toBeGreaterThan(2);
    expect(JSON.stringify(response)).not.toMatch(/token/i);
    expect(inputTokenCount).toBeGreaterThan(0);
  });

  it("answers embeddings_by_type with every requested encoding", () => {
    const { body } = cohereEmbedV3.invoke({
      texts: ["typed"],
      input_type: "search_query",
      embedding_types: ["float", "int8", "uint8", "binary", "ubinary"],
    });
    const response = body as { response_type: string; embeddings: Record<string, number[][]> };
    expect(response.response_type).toBe("embeddings_by_type");
    const { float, int8, uint8, binary, ubinary } = response.embeddings;
    expect(float?.[0]).toHaveLength(1024);
    expect(int8?.[0]).toHaveLength(1024);
    expect(uint8?.[0]?.every((value) => value >= 0 && value <= 255)).toBe(true);
    expect(binary?.[0]).toHaveLength(128);
    expect(ubinary?.[0]?.map((value) => value - 128)).toEqual(binary?.[0]);
  });

  it.each([
    [
      { inputText: "titan body" },
      "#: required key [texts] not found#: required key [input_type] not found#: extraneous key [inputText] is not permitted",
    ],
    [
      { texts: ["x".repeat(2049)], input_type: "clustering" },
      "#/texts/0: expected maxLength: 2048, actual: 2049",
    ],
    [
      { texts: Array(97).fill("x"), input_type: "clustering" },
      "#/texts: expected maximum item count: 96, found: 97",
    ],
    [{ texts: ["x"], input_type: "query" }, "#/input_type: query is not a valid enum value"],
    [
      { texts: ["x"], input_type: "clustering", truncate: "LEFT" },
      "#/truncate: LEFT is not a valid enum value",
    ],
    [
      { texts: ["x"], input_type: "clustering", embedding_types: ["bits"] },
      "#/embedding_types/0: bits is not a valid enum value",
    ],
  ])("rejects %j", (request, problem) => {
    expect(() => cohereEmbedV3.invoke(request)).toThrow(`Malformed input request: ${problem}${reformat}`);
  });

  it("accepts exactly 96 texts", () => {
    const { body } = cohereEmbedV3.invoke({ texts: Array(96).fill("x"), input_type: "classification" });
    expect((body as { embeddings: unknown[] }).embeddings).toHaveLength(96);
  });
});
