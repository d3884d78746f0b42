import { ConfigurationError, InputError, NotFoundError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { formatErrorJson } from "./format-error.js";

function parsed(error: unknown): Record<string, unknown> {
  const text = formatErrorJson(error);
  expect(text.endsWith("\n")).toBe(true);
  expect(text.trim().split("\n")).toHaveLength(1);
  return JSON.parse(text) as Record<string, unknown>;
}

describe("formatErrorJson", () => {
  it("gives a configuration error's location, fix and exit code 2", () => {
    const error = new ConfigurationError("unknown key.", {
      file: "app.yaml",
      line: 4,
      path: "vector_store.config.pth",
      fix: "Fix its spelling.",
    });
    expect(parsed(error)).toEqual({
      error: "app.yaml:4: vector_store.config.pth: unknown key. Fix its spelling.",
      code: "CONFIGURATION",
      fix: "Fix its spelling.",
      file: "app.yaml",
      line: 4,
      path: "vector_store.config.pth",
      exitCode: 2,
    });
  });

  it("gives a failed operation exit code 1, with the id or index and the causes that are not ours", () => {
    expect(parsed(new NotFoundError("Memory", "m1", { cause: new Error("gone") }))).toMatchObject({
      code: "NOT_FOUND",
      id: "m1",
      exitCode: 1,
      causes: ["gone"],
    });
    expect(parsed(new InputError("too long.", { index: 3 }))).toMatchObject({ index: 3, exitCode: 1 });
    expect(parsed(new TypeError("bad"))).toEqual({ error: "TypeError: bad", exitCode: 1 });
  });
});
