import { describe, expect, it } from "vitest";
import { authModeFor, bearerTokenFor, configuredRegion } from "./aws-connection.js";

describe("configuredRegion", () => {
  it("prefers the setting, then AWS_REGION, then AWS_DEFAULT_REGION, skipping empty values", () => {
    const environment = { AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "ap-south-1" };
    expect(configuredRegion({ region: "us-east-1" }, environment)).toBe("us-east-1");
    expect(configuredRegion({}, environment)).toBe("eu-west-1");
    expect(configuredRegion({ region: "" }, { AWS_REGION: "", AWS_DEFAULT_REGION: "ap-south-1" })).toBe(
      "ap-south-1",
    );
    expect(configuredRegion({}, { AWS_REGION: "" })).toBeUndefined();
  });
});

describe("authModeFor and bearerTokenFor", () => {
  const environment = { AWS_BEARER_TOKEN_BEDROCK: "ABSK-env" };

  it.each([
    [{ apiKey: "ABSK-option", profile: "dev" }, "api-key", "ABSK-option"],
    [{ credentials: { accessKeyId: "A", secretAccessKey: "B" } }, "credentials", undefined],
    [{ profile: "dev" }, "profile", undefined],
    [{}, "api-key", "ABSK-env"],
  ])("%j with a token in the environment: %s", (settings, mode, token) => {
    expect(authModeFor(settings, environment)).toBe(mode);
    expect(bearerTokenFor(settings, environment)).toBe(token);
  });

  it("falls back to the default chain when nothing is configured", () => {
    expect(authModeFor({}, {})).toBe("default-chain");
    expect(bearerTokenFor({}, {})).toBeUndefined();
  });
});
