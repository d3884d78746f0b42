import { describe, expect, it } from "vitest";
import { parseModelId } from "./parse-model-id.js";

const ACCOUNT = "arn:aws:bedrock:us-east-1:123456789012";

describe("parseModelId", () => {
  it.each([
    ["cohere.embed-v4:0", "foundation", "cohere.embed-v4:0", undefined, false],
    ["eu.cohere.embed-v4:0", "inference-profile", "cohere.embed-v4:0", "eu", false],
    ["ca.amazon.titan-embed-text-v2:0", "foundation", "ca.amazon.titan-embed-text-v2:0", undefined, false],
    [
      "arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v2:0",
      "foundation",
      "amazon.titan-embed-text-v2:0",
      undefined,
      true,
    ],
    [
      `${ACCOUNT}:inference-profile/apac.cohere.embed-v4:0`,
      "inference-profile",
      "cohere.embed-v4:0",
      "apac",
      true,
    ],
    [
      `${ACCOUNT}:inference-profile/cohere.embed-v4:0`,
      "inference-profile",
      "cohere.embed-v4:0",
      undefined,
      true,
    ],
  ])("%s is %s naming %s", (id, kind, bareId, geoPrefix, isArn) => {
    expect(parseModelId(id)).toMatchObject({ kind, bareId, geoPrefix, isArn });
  });

  it.each([
    [`${ACCOUNT}:application-inference-profile/abc123`, "application-inference-profile"],
    [`${ACCOUNT}:provisioned-model/xyz`, "provisioned"],
    [`${ACCOUNT}:custom-model/amazon.titan-embed-text-v2:0/abc`, "custom"],
    [`${ACCOUNT}:custom-model-deployment/abc`, "custom"],
    [`${ACCOUNT}:imported-model/abc`, "imported"],
    [`${ACCOUNT}:prompt-router/abc`, "other-arn"],
    ["arn:aws:sagemaker:us-east-1:123456789012:endpoint/abc", "other-arn"],
    ["arn:aws:bedrock", "other-arn"],
  ])("%s is %s and hides its model", (id, kind) => {
    expect(parseModelId(id)).toMatchObject({ kind, bareId: undefined, geoPrefix: undefined, isArn: true });
  });

  it("reads the region of an ARN", () => {
    expect(
      parseModelId("arn:aws:bedrock:eu-central-1::foundation-model/cohere.embed-english-v3").arnRegion,
    ).toBe("eu-central-1");
    expect(parseModelId("cohere.embed-english-v3").arnRegion).toBeUndefined();
  });
});
