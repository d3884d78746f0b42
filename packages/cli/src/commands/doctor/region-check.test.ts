import { describe, expect, it } from "vitest";
import { checkRegion } from "./region-check.js";

describe("checkRegion", () => {
  it("takes --region, then the config, then AWS_REGION, then AWS_DEFAULT_REGION, and names the source", () => {
    const environment = { AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "eu-central-1" };
    const sources = { configFile: "app.yaml", embedded: false };
    expect(
      checkRegion({ ...sources, flag: "ap-south-1", configured: "us-west-2" }, environment).result.detail,
    ).toBe("ap-south-1 (from --region)");
    expect(checkRegion({ ...sources, configured: "us-west-2" }, environment).result.detail).toBe(
      "us-west-2 (from embedder.config.region in app.yaml)",
    );
    expect(checkRegion(sources, environment).result.detail).toBe("eu-west-1 (from AWS_REGION)");
    expect(checkRegion(sources, { AWS_DEFAULT_REGION: "eu-central-1" }).result.detail).toBe(
      "eu-central-1 (from AWS_DEFAULT_REGION)",
    );
  });

  it("falls back to us-east-1 only for the embedded emulator", () => {
    expect(checkRegion({ embedded: true }, {})).toMatchObject({
      region: "us-east-1",
      result: { status: "ok" },
    });
  });

  it("fails without any region and names the flag, the key and the variable", () => {
    const { region, result } = checkRegion({ embedded: false }, { AWS_REGION: "" });
    expect(region).toBeUndefined();
    expect(result.status).toBe("fail");
    expect(result.fix).toContain("--region");
    expect(result.fix).toContain("embedder.config.region");
    expect(result.fix).toContain("AWS_REGION");
  });
});
