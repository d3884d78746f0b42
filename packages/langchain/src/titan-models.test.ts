import { ConfigurationError, GEO_PREFIXES } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { bareModelId, resolveTitanModel } from "./titan-models.js";

describe("bareModelId", () => {
  it.each(GEO_PREFIXES)("strips the geo prefix %s. like every other client", (prefix) => {
    expect(bareModelId(`${prefix}.amazon.titan-embed-text-v2:0`)).toBe("amazon.titan-embed-text-v2:0");
  });

  it("reads geo prefixes case-insensitively, as it always has", () => {
    expect(bareModelId(" US.Amazon.Titan-Embed-Text-V1 ")).toBe("amazon.titan-embed-text-v1");
  });

  it("hides the model of an application inference profile", () => {
    expect(
      bareModelId("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc"),
    ).toBeUndefined();
  });
});

describe("resolveTitanModel", () => {
  it.each(["ca", "sa", "ap"])("refuses %s., which is not a cross-region profile prefix", (prefix) => {
    expect(() => resolveTitanModel(`${prefix}.amazon.titan-embed-text-v2:0`)).toThrow(ConfigurationError);
  });
});
