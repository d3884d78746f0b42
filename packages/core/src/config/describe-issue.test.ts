import { describe, expect, it } from "vitest";
import { bedrockEmbedderOptionsSchema } from "./bedrock-embedder-options.js";
import { configError } from "./config-error.test-helpers.js";
import { parseConfigText } from "./load-config.js";
import { parseWithSchema } from "./parse-config.js";

const EMBEDDER = "embedder:\n  provider: aws_bedrock\n  config:\n";

function fileError(text: string) {
  return configError(() => parseConfigText(text, "app.yaml"));
}

describe("configuration type mismatches", () => {
  it.each([
    ['dimensions: "abc"', 'embedder.config.dimensions: expected an integer, got the string "abc".'],
    ['dimensions: "512"', 'embedder.config.dimensions: expected an integer, got the string "512".'],
    ["dimensions: 512.5", "embedder.config.dimensions: expected an integer, got the number 512.5."],
    ["normalize: 1", "embedder.config.normalize: expected true or false, got the number 1."],
    ["dimensions:", "embedder.config.dimensions: expected an integer, got an empty value."],
    ["dimensions: 0", "embedder.config.dimensions: expected more than 0, got the number 0."],
    [
      "endpoint: localhost",
      'embedder.config.endpoint: expected a URL such as http://127.0.0.1:8080, got the string "localhost".',
    ],
    ["embedding_types: []", "embedder.config.embedding_types: expected at least 1 item, got an empty list."],
  ])("%s names the key, the expected type and the value at file:line", (line, message) => {
    const error = fileError(`${EMBEDDER}    ${line}\n`);
    expect(error.message).toBe(`app.yaml:4: ${message}`);
    expect(error.line).toBe(4);
  });

  it("says a value is not true or false (embedded: yes)", () => {
    const error = fileError("emulator:\n  embedded: yes\nembedder:\n  provider: aws_bedrock\n");
    expect(error.message).toBe(
      'app.yaml:2: emulator.embedded: expected true or false, got the string "yes".',
    );
  });

  it("names the type but never the text of a secret (credentials given as a string)", () => {
    const secret = "AKIAEXAMPLE:do-not-print-me";
    const error = fileError(`${EMBEDDER}    credentials: ${secret}\n`);
    expect(error.message).toBe(
      "app.yaml:4: embedder.config.credentials: expected a mapping of keys, got a string.",
    );
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain("do-not-print-me");
    expect(String((error.cause as Error).cause)).not.toContain("do-not-print-me");
  });

  it("keeps only 'is required' for keys that are really missing", () => {
    const error = fileError("memory:\n  top_k: 3\n");
    expect(error.message).toBe("app.yaml:1: embedder: is required (expected a mapping of keys).");
  });

  it("gives the ZodError cause a one-line message instead of zod's JSON dump", () => {
    const error = fileError(`${EMBEDDER}    dimensions: lots\n    normalize: 3\n`);
    const zodError = (error.cause as Error).cause as Error;
    expect(zodError.name).toBe("ZodError");
    expect(zodError.message).toBe(
      "the configuration schema rejected embedder.config.dimensions, embedder.config.normalize",
    );
    expect(error.message).toContain("(1 more problem after this one: embedder.config.normalize.)");
  });
});

describe("misspelt keys", () => {
  it("suggests the closest key at the top level, without the 'required' it causes", () => {
    const error = fileError("embeder:\n  provider: aws_bedrock\n");
    expect(error.message).toBe(
      "app.yaml:1: embeder: unknown key embeder; did you mean embedder? Fix its spelling or remove it; " +
        "the README's configuration reference lists every key.",
    );
  });

  it("suggests nested keys in the spelling style used (snake_case or camelCase)", () => {
    expect(fileError(`${EMBEDDER}    max_concurency: 3\n`).message).toMatch(
      /^app\.yaml:4: embedder\.config\.max_concurency: unknown key max_concurency; did you mean max_concurrency\? /,
    );
    expect(fileError(`${EMBEDDER}    maxConcurency: 3\n`).message).toContain("did you mean maxConcurrency?");
    expect(
      fileError("vector_stor:\n  provider: file\nembedder:\n  provider: aws_bedrock\n").message,
    ).toContain("unknown key vector_stor; did you mean vector_store?");
  });

  it("suggests nothing when no key is close", () => {
    const error = fileError("embedder:\n  provider: aws_bedrock\ncolour: red\n");
    expect(error.message).toMatch(/^app\.yaml:3: colour: unknown key colour\. Fix its spelling/);
  });

  it("reports unknown keys first in typed objects too", () => {
    const error = configError(() =>
      parseWithSchema(bedrockEmbedderOptionsSchema, { dimensions: "x", modle: 1 }),
    );
    expect(error.path).toBe("modle");
    expect(error.message).toMatch(
      /^modle: unknown key modle; did you mean model\? \(1 more problem after this one: dimensions\.\)/,
    );
  });
});
