import { ConfigurationError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { failedCheck } from "./doctor-check.js";
import { formatCheckLine, summarizeChecks } from "./doctor-report.js";

describe("doctor report", () => {
  it("prints one line per check, with the fix after a failure only", () => {
    expect(
      formatCheckLine({ check: "region", status: "ok", detail: "us-east-1 (from AWS_REGION)", fix: "x" }),
    ).toBe("ok    region        us-east-1 (from AWS_REGION)\n");
    expect(formatCheckLine({ check: "endpoint", status: "fail", detail: "refused.", fix: "Start it." })).toBe(
      "fail  endpoint      refused. Fix: Start it.\n",
    );
  });

  it("counts the results and names the failed checks", () => {
    const results = [
      { check: "config", status: "ok" as const, detail: "" },
      { check: "endpoint", status: "fail" as const, detail: "" },
      { check: "model access", status: "skip" as const, detail: "" },
    ];
    expect(summarizeChecks(results)).toBe("1 ok, 1 failed (endpoint), 1 skipped\n");
  });

  it("keeps a typed error's location and states its fix once", () => {
    const error = new ConfigurationError("dimensions: 300 is not allowed.", {
      file: "app.yaml",
      line: 7,
      fix: "Use 256, 512 or 1024.",
    });
    expect(failedCheck("config", error, "fallback")).toEqual({
      check: "config",
      status: "fail",
      detail: "app.yaml:7: dimensions: 300 is not allowed.",
      fix: "Use 256, 512 or 1024.",
    });
    expect(failedCheck("config", new Error("boom"), "fallback").fix).toBe("fallback");
  });
});
