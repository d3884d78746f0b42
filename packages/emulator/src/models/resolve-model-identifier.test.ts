import { describe, expect, it } from "vitest";
import { resolveModelIdentifier } from "./resolve-model-identifier.js";
import { EMULATOR_MODEL_IDS } from "./served-models.js";

describe("resolveModelIdentifier", () => {
  it("serves the ten embedding model ids", () => {
    expect([...EMULATOR_MODEL_IDS].sort()).toEqual([
      "amazon.nova-2-multimodal-embeddings-v1:0",
      "amazon.titan-embed-g1-text-02",
      "amazon.titan-embed-image-v1",
      "amazon.titan-embed-text-v1",
      "amazon.titan-embed-text-v2:0",
      "cohere.embed-english-v3",
      "cohere.embed-multilingual-v3",
      "cohere.embed-v4:0",
      "twelvelabs.marengo-embed-2-7-v1:0",
      "twelvelabs.marengo-embed-3-0-v1:0",
    ]);
  });

  it.each([
    ["cohere.embed-v4:0", "cohere.embed-v4:0"],
    ["us.cohere.embed-v4:0", "cohere.embed-v4:0"],
    ["global.cohere.embed-v4:0", "cohere.embed-v4:0"],
    ["us-gov.amazon.titan-embed-text-v2:0", "amazon.titan-embed-text-v2:0"],
    ["apac.cohere.embed-multilingual-v3", "cohere.embed-multilingual-v3"],
    ["amazon.titan-embed-text-v1:2:8k", "amazon.titan-embed-text-v1"],
    ["amazon.titan-embed-g1-text-02", "amazon.titan-embed-g1-text-02"],
    ["arn:aws:bedrock:us-east-1::foundation-model/cohere.embed-english-v3", "cohere.embed-english-v3"],
    [
      "arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/amazon.titan-embed-text-v2:0",
      "amazon.titan-embed-text-v2:0",
    ],
    ["arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.cohere.embed-v4:0", "cohere.embed-v4:0"],
  ])("resolves %s", (identifier, expected) => {
    expect(resolveModelIdentifier(identifier)).toBe(expected);
  });

  it("resolves configured application inference profiles, including ones that target a profile id", () => {
    const profiles = {
      "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123": "us.cohere.embed-v4:0",
    };
    expect(
      resolveModelIdentifier(
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123",
        profiles,
      ),
    ).toBe("cohere.embed-v4:0");
  });

  it.each([
    "amazon.titan-embed-text-v3:0",
    "xx.cohere.embed-v4:0",
    "ca.amazon.titan-embed-text-v2:0",
    "sa.cohere.embed-v4:0",
    "cohere.embed-v4",
    "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/unknown01",
    "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc",
    "",
  ])("rejects %j as Bedrock does", (identifier) => {
    expect(() => resolveModelIdentifier(identifier)).toThrow("The provided model identifier is invalid.");
  });
});
