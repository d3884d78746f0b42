import { ConfigurationError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { checkDetailLevel } from "./detail-level.js";

describe("checkDetailLevel", () => {
  it("passes Nova's two levels and nothing through", () => {
    expect(checkDetailLevel("nova-multimodal", "DOCUMENT_IMAGE")).toBe("DOCUMENT_IMAGE");
    expect(checkDetailLevel("nova-multimodal", "STANDARD_IMAGE")).toBe("STANDARD_IMAGE");
    expect(checkDetailLevel("cohere-v4", undefined)).toBeUndefined();
  });

  it("refuses it for other families and unknown levels, naming the option", () => {
    expect(() => checkDetailLevel("cohere-v4", "DOCUMENT_IMAGE")).toThrow(
      /detailLevel applies to nova-multimodal models only, not cohere-v4/,
    );
    const unknown = "HIGH" as unknown as "DOCUMENT_IMAGE";
    expect(() => checkDetailLevel("nova-multimodal", unknown)).toThrowError(ConfigurationError);
  });
});
