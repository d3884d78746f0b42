import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigurationError } from "../errors/configuration-error.js";
import { configError } from "./config-error.test-helpers.js";
import { loadConfig, parseConfigText } from "./load-config.js";

describe("parseConfigText", () => {
  it("reads the mem0 shape with snake_case keys, mem0 aliases and defaults", () => {
    const config = parseConfigText(
      [
        "embedder:",
        "  provider: aws_bedrock",
        "  config:",
        "    model: cohere.embed-english-v3",
        "    aws_region: eu-west-1",
        "    embedding_dims: 1024",
        "    aws_access_key_id: AKIDEXAMPLE",
        "    aws_secret_access_key: example-secret",
        "    max_concurrency: 8",
      ].join("\n"),
      "app.yaml",
    );
    expect(config.embedder.config).toMatchObject({
      model: "cohere.embed-english-v3",
      region: "eu-west-1",
      dimensions: 1024,
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "example-secret" },
      maxConcurrency: 8,
      normalize: true,
    });
    expect(config.emulator.embedded).toBe(false);
    expect(config.vectorStore).toEqual({
      provider: "file",
      config: { path: join(process.cwd(), ".data/memory") },
    });
  });

  it("accepts JSON files through the same schema", () => {
    const config = parseConfigText(
      JSON.stringify({
        embedder: { provider: "langchain_aws", config: { model: "amazon.titan-embed-text-v1" } },
      }),
      "app.json",
    );
    expect(config.embedder.provider).toBe("langchain_aws");
  });

  it("interpolates ${VAR} and ${VAR:-default}, typing whole-value references", () => {
    const config = parseConfigText(
      [
        "embedder:",
        "  provider: aws_bedrock",
        "  config:",
        "    region: ${AWS_REGION:-us-east-1}",
        "    dimensions: ${DIMENSIONS}",
        "    api_key: key-${SUFFIX}",
      ].join("\n"),
      "app.yaml",
      { environment: { DIMENSIONS: "512", SUFFIX: "abc" } },
    );
    expect(config.embedder.config.region).toBe("us-east-1");
    expect(config.embedder.config.dimensions).toBe(512);
    expect(config.embedder.config.apiKey).toBe("key-abc");
  });

  it("names the file, line and variable when a variable is unset", () => {
    const error = configError(() =>
      parseConfigText(
        "embedder:\n  provider: aws_bedrock\n  config:\n    region: ${MISSING_REGION}\n",
        "app.yaml",
      ),
    );
    expect(error.file).toBe("app.yaml");
    expect(error.line).toBe(4);
    expect(error.message).toContain("MISSING_REGION");
    expect(error.message).toContain("${MISSING_REGION:-default}");
  });

  it("rejects unknown keys with the path and line as written", () => {
    const error = configError(() =>
      parseConfigText("embedder:\n  provider: aws_bedrock\n  config:\n    modle: x\n", "app.yaml"),
    );
    expect(error.path).toBe("embedder.config.modle");
    expect(error.line).toBe(4);
    expect(error.message).toMatch(
      /^app\.yaml:4: embedder\.config\.modle: unknown key modle; did you mean model\? /,
    );
  });

  it("lists the allowed values for an enum", () => {
    const error = configError(() => parseConfigText("embedder:\n  provider: openai\n", "app.yaml"));
    expect(error.line).toBe(2);
    expect(error.allowed).toEqual(["aws_bedrock", "langchain_aws"]);
    expect(error.message).toContain('Allowed: "aws_bedrock", "langchain_aws"');
  });

  it("reports a missing required section", () => {
    const error = configError(() => parseConfigText("memory:\n  topK: 3\n", "app.yaml"));
    expect(error.path).toBe("embedder");
    expect(error.message).toContain("is required");
  });

  it("reports wrong types with the line of the key", () => {
    const error = configError(() =>
      parseConfigText("embedder:\n  provider: aws_bedrock\n  config:\n    dimensions: lots\n", "app.yaml"),
    );
    expect(error.path).toBe("embedder.config.dimensions");
    expect(error.line).toBe(4);
  });

  it("reports YAML syntax errors with their line", () => {
    const error = configError(() => parseConfigText("embedder:\n  provider: [unclosed\n", "broken.yaml"));
    expect(error.file).toBe("broken.yaml");
    expect(error.line).toBeGreaterThanOrEqual(2);
  });

  it("rejects a key given twice under two spellings", () => {
    const error = configError(() =>
      parseConfigText(
        "embedder:\n  provider: aws_bedrock\n  config:\n    dimensions: 512\n    embedding_dims: 1024\n",
        "app.yaml",
      ),
    );
    expect(error.message).toContain("second time");
    expect(error.line).toBe(5);
  });

  it("locates errors thrown by a validate hook at the line of the key", () => {
    const error = configError(() =>
      parseConfigText(
        "embedder:\n  provider: aws_bedrock\n  config:\n    embedding_dims: 999\n",
        "app.yaml",
        {
          validate: () => {
            throw new ConfigurationError("999 is not a dimension this model supports.", {
              path: "embedder.config.dimensions",
              allowed: [256, 512, 1024],
            });
          },
        },
      ),
    );
    expect(error.message).toBe(
      "app.yaml:4: embedder.config.embedding_dims: 999 is not a dimension this model supports. Allowed: 256, 512, 1024.",
    );
  });
});

describe("loadConfig", () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "config-"));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("loads a file from disk", async () => {
    const file = join(directory, "app.yaml");
    await writeFile(
      file,
      "embedder:\n  provider: aws_bedrock\n  config:\n    model: amazon.titan-embed-text-v1\n",
    );
    const config = await loadConfig(file);
    expect(config.embedder.config.model).toBe("amazon.titan-embed-text-v1");
  });

  it("names a missing file", async () => {
    await expect(loadConfig(join(directory, "missing.yaml"))).rejects.toThrow(
      /cannot read configuration file .*missing\.yaml/,
    );
  });
});
