import { ConfigurationError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { GEO_PREFIXES, resolveModel } from "./model-id.js";

const ACCOUNT = "arn:aws:bedrock:us-east-1:123456789012";

describe("resolveModel", () => {
  it.each([
    ["amazon.titan-embed-text-v1", "titan-text-v1", "amazon.titan-embed-text-v1", "foundation"],
    ["amazon.titan-embed-g1-text-02", "titan-text-v1", "amazon.titan-embed-g1-text-02", "foundation"],
    ["amazon.titan-embed-text-v2:0", "titan-text-v2", "amazon.titan-embed-text-v2:0", "foundation"],
    ["cohere.embed-english-v3", "cohere-v3", "cohere.embed-english-v3", "foundation"],
    ["cohere.embed-multilingual-v3", "cohere-v3", "cohere.embed-multilingual-v3", "foundation"],
    ["cohere.embed-v4:0", "cohere-v4", "cohere.embed-v4:0", "foundation"],
    [
      "arn:aws:bedrock:us-east-1::foundation-model/cohere.embed-v4:0",
      "cohere-v4",
      "cohere.embed-v4:0",
      "foundation",
    ],
    [
      "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v2:0",
      "titan-text-v2",
      "amazon.titan-embed-text-v2:0",
      "foundation",
    ],
    [
      `${ACCOUNT}:inference-profile/us.cohere.embed-v4:0`,
      "cohere-v4",
      "cohere.embed-v4:0",
      "inference-profile",
    ],
    [
      `${ACCOUNT}:inference-profile/global.cohere.embed-v4:0`,
      "cohere-v4",
      "cohere.embed-v4:0",
      "inference-profile",
    ],
  ])("%s -> %s", (id, family, baseModelId, kind) => {
    const resolved = resolveModel(id);
    expect(resolved).toMatchObject({ modelId: id, family, baseModelId, kind, known: true });
  });

  it.each(GEO_PREFIXES)("strips the geo prefix %s.", (prefix) => {
    expect(resolveModel(`${prefix}.cohere.embed-v4:0`)).toMatchObject({
      family: "cohere-v4",
      baseModelId: "cohere.embed-v4:0",
      kind: "inference-profile",
      geoPrefix: prefix,
    });
    expect(resolveModel(`${prefix}.amazon.titan-embed-text-v2:0`).family).toBe("titan-text-v2");
  });

  it("covers every geo prefix Bedrock uses", () => {
    expect([...GEO_PREFIXES].sort()).toEqual(["amer", "apac", "au", "eu", "global", "jp", "us", "us-gov"]);
  });

  it("reads the region of an ARN", () => {
    expect(
      resolveModel("arn:aws:bedrock:eu-central-1::foundation-model/cohere.embed-english-v3").arnRegion,
    ).toBe("eu-central-1");
  });

  it.each([
    [
      `${ACCOUNT}:application-inference-profile/abc123`,
      "application-inference-profile",
      "an application inference profile",
    ],
    [`${ACCOUNT}:provisioned-model/xyz`, "provisioned", "a provisioned throughput model"],
    [`${ACCOUNT}:custom-model/amazon.titan-embed-text-v2:0/abc`, "custom", "a custom model"],
    [`${ACCOUNT}:imported-model/abc`, "imported", "an imported model"],
  ])("%s needs an explicit family", (id, kind, words) => {
    let thrown: unknown;
    try {
      resolveModel(id);
    } catch (error) {
      thrown = error;
    }
    expect(ConfigurationError.isInstance(thrown)).toBe(true);
    const error = thrown as ConfigurationError;
    expect(error.path).toBe("family");
    expect(error.message).toContain(
      `is ${words}, which does not name its model, so the family must be given explicitly`,
    );
    expect(error.allowed).toEqual([
      "titan-text-v1",
      "titan-text-v2",
      "titan-multimodal",
      "cohere-v3",
      "cohere-v4",
      "nova-multimodal",
      "marengo-2-7",
      "marengo-3-0",
    ]);

    expect(resolveModel(id, "cohere-v4")).toMatchObject({
      modelId: id,
      family: "cohere-v4",
      baseModelId: undefined,
      kind,
      known: false,
    });
  });

  it("an unknown bare id without family lists the known ids", () => {
    expect(() => resolveModel("acme.embed-1")).toThrowError(ConfigurationError);
    try {
      resolveModel("acme.embed-1");
    } catch (error) {
      const configurationError = error as ConfigurationError;
      expect(configurationError.path).toBe("model");
      expect(configurationError.allowed).toContain("cohere.embed-v4:0");
      expect(configurationError.message).toMatch(/unknown model id "acme.embed-1".*set family/);
    }
  });

  it("an unknown bare id with a family resolves as an unknown model of that family", () => {
    expect(resolveModel("acme.embed-1", "titan-text-v1")).toMatchObject({
      family: "titan-text-v1",
      baseModelId: "acme.embed-1",
      kind: "foundation",
      known: false,
    });
  });

  it("an unknown family is a ConfigurationError with the allowed families", () => {
    expect(() => resolveModel("cohere.embed-v4:0", "cohere-v5")).toThrow(
      /family: unknown model family "cohere-v5".*Allowed: "titan-text-v1"/,
    );
  });

  it("a family that contradicts a known model id is refused", () => {
    expect(() => resolveModel("us.cohere.embed-v4:0", "titan-text-v2")).toThrow(
      /is a cohere-v4 model, but family is "titan-text-v2"/,
    );
    expect(resolveModel("us.cohere.embed-v4:0", "cohere-v4").known).toBe(true);
  });

  it("other ARNs need a family too", () => {
    expect(() => resolveModel("arn:aws:sagemaker:us-east-1:123456789012:endpoint/my-endpoint")).toThrow(
      /family must be given/,
    );
    expect(
      resolveModel("arn:aws:sagemaker:us-east-1:123456789012:endpoint/my-endpoint", "cohere-v3").kind,
    ).toBe("other-arn");
  });
});
