import {
  type BedrockEmbedderOptionsInput,
  bedrockEmbedderOptionsSchema,
  ConfigurationError,
} from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { resolveSettings } from "./settings.js";

const settingsFor = (input: BedrockEmbedderOptionsInput) =>
  resolveSettings(bedrockEmbedderOptionsSchema.parse(input));

function configurationError(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a ConfigurationError");
}

describe("resolveSettings", () => {
  it.each([
    ["amazon.titan-embed-text-v2:0", [256, 512, 1024], 768],
    ["cohere.embed-v4:0", [256, 512, 1024, 1536], 3072],
  ])("%s refuses dimensions outside %j", (model, allowed, bad) => {
    const error = configurationError(() => settingsFor({ model, dimensions: bad }));
    expect(error.path).toBe("dimensions");
    expect(error.allowed).toEqual(allowed);
    expect(error.message).toContain(`Allowed: ${allowed.join(", ")}`);
  });

  it.each([
    ["amazon.titan-embed-text-v1", 1536, 1024],
    ["cohere.embed-english-v3", 1024, 512],
  ])("%s has fixed dimension %i; asking for %i is refused", (model, fixed, bad) => {
    const error = configurationError(() => settingsFor({ model, dimensions: bad }));
    expect(error.path).toBe("dimensions");
    expect(error.allowed).toEqual([fixed]);
    expect(error.message).toMatch(/always return/);
    expect(settingsFor({ model, dimensions: fixed }).knownDimension).toBe(fixed);
  });

  it("known models know their dimension; selectable ones use the request", () => {
    expect(settingsFor({ model: "amazon.titan-embed-text-v2:0" }).knownDimension).toBe(1024);
    expect(settingsFor({ model: "cohere.embed-v4:0" }).knownDimension).toBe(1536);
    expect(settingsFor({ model: "cohere.embed-v4:0", dimensions: 256 })).toMatchObject({
      knownDimension: 256,
      requestDimensions: 256,
    });
    expect(settingsFor({ model: "cohere.embed-english-v3" }).knownDimension).toBe(1024);
  });

  it("unknown models of fixed families are probed unless dimensions says; selectable families pin by request", () => {
    const profile = "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/xyz";
    expect(settingsFor({ model: profile, family: "cohere-v3" }).knownDimension).toBeUndefined();
    expect(settingsFor({ model: profile, family: "titan-text-v1" }).knownDimension).toBeUndefined();
    expect(settingsFor({ model: profile, family: "cohere-v3", dimensions: 1024 }).knownDimension).toBe(1024);
    expect(settingsFor({ model: profile, family: "titan-text-v2" }).knownDimension).toBe(1024);
    expect(settingsFor({ model: profile, family: "cohere-v4", dimensions: 512 }).knownDimension).toBe(512);
  });

  it.each([
    ["cohere.embed-english-v3", "LEFT", ["NONE", "START", "END"], /START/],
    ["cohere.embed-english-v3", "RIGHT", ["NONE", "START", "END"], /START/],
    ["cohere.embed-v4:0", "START", ["NONE", "LEFT", "RIGHT"], /LEFT \(drop the start\)/],
    ["cohere.embed-v4:0", "END", ["NONE", "LEFT", "RIGHT"], /RIGHT/],
    ["amazon.titan-embed-text-v2:0", "END", ["NONE"], /cannot truncate/],
  ] as const)("%s refuses truncate %s", (model, truncate, allowed, hint) => {
    const error = configurationError(() => settingsFor({ model, truncate }));
    expect(error.path).toBe("truncate");
    expect(error.allowed).toEqual(allowed);
    expect(error.message).toMatch(hint);
  });

  it("accepts each family's own truncate names", () => {
    expect(settingsFor({ model: "cohere.embed-english-v3", truncate: "START" }).truncate).toBe("START");
    expect(settingsFor({ model: "cohere.embed-v4:0", truncate: "RIGHT" }).truncate).toBe("RIGHT");
  });

  it("checks inputType against the family", () => {
    const bad = configurationError(() => settingsFor({ model: "cohere.embed-v4:0", inputType: "image" }));
    expect(bad.path).toBe("inputType");
    expect(bad.allowed).toEqual(["search_document", "search_query", "classification", "clustering"]);
    const titan = configurationError(() =>
      settingsFor({ model: "amazon.titan-embed-text-v2:0", inputType: "search_query" }),
    );
    expect(titan.message).toMatch(/have no input type/);
    expect(settingsFor({ model: "cohere.embed-english-v3", inputType: "clustering" }).inputType).toBe(
      "clustering",
    );
  });
});
