import { describe, expect, it } from "vitest";
import { malformedInputError } from "./malformed-input.js";
import type { ObjectSchema } from "./schema.js";
import { validateSchema } from "./validate-schema.js";

const schema: ObjectSchema = {
  kind: "object",
  required: ["texts", "input_type"],
  properties: {
    texts: { kind: "array", minItems: 1, maxItems: 2, items: { kind: "string", maxLength: 3 } },
    input_type: { kind: "enum", values: ["search_query"] },
    normalize: { kind: "boolean" },
    max_tokens: { kind: "integer", minimum: 1 },
  },
};

describe("validateSchema (everit wording)", () => {
  it("reports required keys, then extraneous keys, then property problems", () => {
    expect(validateSchema({ inputText: "x" }, schema)).toEqual([
      "#: required key [texts] not found",
      "#: required key [input_type] not found",
      "#: extraneous key [inputText] is not permitted",
    ]);
  });

  it("points into arrays and counts code points for lengths", () => {
    expect(validateSchema({ texts: ["ok", "😀😀😀😀"], input_type: "search_query" }, schema)).toEqual([
      "#/texts/1: expected maxLength: 3, actual: 4",
    ]);
    expect(validateSchema({ texts: ["a", "b", "c"], input_type: "search_query" }, schema)).toEqual([
      "#/texts: expected maximum item count: 2, found: 3",
    ]);
    expect(validateSchema({ texts: [], input_type: "search_query" }, schema)).toEqual([
      "#/texts: expected minimum item count: 1, found: 0",
    ]);
  });

  it("names enum subjects and mismatched types", () => {
    expect(
      validateSchema({ texts: [7], input_type: "search_doc", normalize: "yes", max_tokens: 1.5 }, schema),
    ).toEqual([
      "#/texts/0: expected type: String, found: Integer",
      "#/input_type: search_doc is not a valid enum value",
      "#/normalize: expected type: Boolean, found: String",
      "#/max_tokens: expected type: Integer, found: BigDecimal",
    ]);
    expect(validateSchema([1], schema)).toEqual(["#: expected type: JSONObject, found: JSONArray"]);
  });

  it("joins several problems the way Bedrock does", () => {
    const error = malformedInputError([
      "#: required key [texts] not found",
      "#: extraneous key [x] is not permitted",
    ]);
    expect(error.errorType).toBe("ValidationException");
    expect(error.status).toBe(400);
    expect(error.message).toBe(
      "Malformed input request: #: required key [texts] not found#: extraneous key [x] is not permitted, please reformat your input and try again.",
    );
  });
});
