import { describe, expect, it } from "vitest";
import { argumentsWantJson, formatUsageErrorJson } from "./json-errors.js";

describe("json usage errors", () => {
  it("turns commander's message into one JSON line with exit code 2", () => {
    const line = formatUsageErrorJson("error: unknown option '--topk'\n(Did you mean --top-k?)\n");
    expect(line.endsWith("\n")).toBe(true);
    expect(JSON.parse(line)).toEqual({
      error: "unknown option '--topk' (Did you mean --top-k?)",
      code: "USAGE",
      fix: "See the command's --help.",
      exitCode: 2,
    });
  });

  it("reads --json among the options only, not after --", () => {
    expect(argumentsWantJson(["doctor", "--json"])).toBe(true);
    expect(argumentsWantJson(["embed", "--", "--json"])).toBe(false);
  });
});
