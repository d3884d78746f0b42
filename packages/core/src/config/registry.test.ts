import { describe, expect, it } from "vitest";
import { ConfigurationError } from "../errors/configuration-error.js";
import { FakeEmbedder } from "../testing/fake-embedder.js";
import { parseConfigText } from "./load-config.js";
import { createEmbedder, type EmbedderProvider } from "./registry.js";

const fakeProvider: EmbedderProvider = {
  name: "aws_bedrock",
  create: (options) => {
    if (options.dimensions === 3)
      throw new ConfigurationError("3 is not allowed.", { path: "dimensions", allowed: [8] });
    return new FakeEmbedder({ modelId: options.model, dimension: options.dimensions ?? 8 });
  },
};

describe("createEmbedder", () => {
  it("builds the embedder named by the configuration", () => {
    const config = parseConfigText(
      "embedder:\n  provider: aws_bedrock\n  config:\n    model: m1\n",
      "app.yaml",
    );
    const embedder = createEmbedder(config.embedder, { providers: [fakeProvider] });
    expect(embedder.modelId).toBe("m1");
  });

  it("names the missing provider and the ones it has", () => {
    const config = parseConfigText("embedder:\n  provider: langchain_aws\n", "app.yaml");
    expect(() => createEmbedder(config.embedder, { providers: [fakeProvider] })).toThrow(
      /no provider named "langchain_aws".*Allowed: "aws_bedrock"/,
    );
  });

  it("points provider errors at the key in the file", () => {
    expect(() =>
      parseConfigText("embedder:\n  provider: aws_bedrock\n  config:\n    dimensions: 3\n", "app.yaml", {
        validate: (config) => createEmbedder(config.embedder, { providers: [fakeProvider] }),
      }),
    ).toThrow("app.yaml:4: embedder.config.dimensions: 3 is not allowed. Allowed: 8.");
  });
});
