import { inspect } from "node:util";
import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import {
  BatchEmbeddingError,
  BedrockEmbeddingsError,
  ConfigurationError,
  createEmbedder,
  parseConfigText,
} from "@bedrock-embeddings/core";
import { describe, expect, it, vi } from "vitest";
import { BedrockEmbedder, type BedrockEmbedderConfig } from "./bedrock-embedder.js";
import { awsError, fakeClient } from "./fake-bedrock.test-helpers.js";
import { bedrockProvider } from "./provider.js";

function configurationError(run: () => unknown): ConfigurationError {
  try {
    run();
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a ConfigurationError");
}

describe("constructor validation", () => {
  it("exposes what was configured", () => {
    const embedder = new BedrockEmbedder({
      model: "apac.cohere.embed-v4:0",
      region: "ap-northeast-1",
      dimensions: 1024,
    });
    expect(embedder).toMatchObject({
      provider: "aws_bedrock",
      modelId: "apac.cohere.embed-v4:0",
      family: "cohere-v4",
      normalized: true,
      dimension: 1024,
    });
    expect(embedder.resolvedModel).toMatchObject({
      kind: "inference-profile",
      baseModelId: "cohere.embed-v4:0",
      geoPrefix: "apac",
    });
  });

  it("rejects schema errors with the key path (snake_case keys accepted)", () => {
    const error = configurationError(
      () => new BedrockEmbedder({ model: "cohere.embed-v4:0", region: "us-east-1", maxConcurrency: 0 }),
    );
    expect(error.path).toBe("maxConcurrency");
    const unknown = configurationError(
      () => new BedrockEmbedder({ region: "us-east-1", dimension: 5 } as BedrockEmbedderConfig),
    );
    expect(unknown.path).toBe("dimension");
    const snake = new BedrockEmbedder({
      model: "cohere.embed-v4:0",
      aws_region: "us-east-1",
      embedding_dims: 256,
    } as BedrockEmbedderConfig);
    expect(snake.dimension).toBe(256);
  });

  it("rejects dimensions the family does not allow", () => {
    const error = configurationError(
      () =>
        new BedrockEmbedder({ model: "amazon.titan-embed-text-v2:0", region: "us-east-1", dimensions: 1536 }),
    );
    expect(error).toMatchObject({ path: "dimensions", allowed: [256, 512, 1024] });
  });

  it("rejects an unknown family with the allowed list", () => {
    const error = configurationError(
      () => new BedrockEmbedder({ model: "cohere.embed-v4:0", region: "us-east-1", family: "nova" }),
    );
    expect(error).toMatchObject({
      path: "family",
      allowed: [
        "titan-text-v1",
        "titan-text-v2",
        "titan-multimodal",
        "cohere-v3",
        "cohere-v4",
        "nova-multimodal",
        "marengo-2-7",
        "marengo-3-0",
      ],
    });
  });

  it("rejects truncate values the family does not take", () => {
    const error = configurationError(
      () => new BedrockEmbedder({ model: "cohere.embed-v4:0", region: "us-east-1", truncate: "END" }),
    );
    expect(error).toMatchObject({ path: "truncate", allowed: ["NONE", "LEFT", "RIGHT"] });
  });

  it("needs a region unless a client is injected, reading the given environment only", () => {
    const error = configurationError(() => new BedrockEmbedder({ model: "cohere.embed-v4:0" }));
    expect(error.path).toBe("region");
    expect(error.message).toMatch(/set region in config or AWS_REGION/i);
    expect(
      () =>
        new BedrockEmbedder({ model: "cohere.embed-v4:0", environment: { AWS_DEFAULT_REGION: "eu-west-3" } }),
    ).not.toThrow();
    expect(
      () => new BedrockEmbedder({ model: "cohere.embed-v4:0", client: fakeClient(() => ({})).client }),
    ).not.toThrow();
  });

  it("refuses auth and endpoint options next to an injected client", () => {
    const { client } = fakeClient(() => ({}));
    expect(
      configurationError(() => new BedrockEmbedder({ model: "cohere.embed-v4:0", client, apiKey: "k-12345" }))
        .path,
    ).toBe("apiKey");
    expect(
      configurationError(
        () => new BedrockEmbedder({ model: "cohere.embed-v4:0", client, endpoint: "http://localhost:1" }),
      ).path,
    ).toBe("endpoint");
  });

  it("builds its own client with SDK retries off", async () => {
    const embedder = new BedrockEmbedder({
      model: "cohere.embed-v4:0",
      region: "us-west-2",
      endpoint: "http://127.0.0.1:4010",
    });
    let used: BedrockRuntimeClient | undefined;
    const send = vi.spyOn(BedrockRuntimeClient.prototype, "send").mockImplementation(function (
      this: BedrockRuntimeClient,
    ) {
      used = this;
      return Promise.reject(new Error("stop here"));
    });
    try {
      await expect(embedder.embed("x")).rejects.toThrow(/stop here/);
    } finally {
      send.mockRestore();
    }
    expect(used).toBeInstanceOf(BedrockRuntimeClient);
    expect(await used!.config.maxAttempts()).toBe(1);
    expect(await used!.config.region()).toBe("us-west-2");
  });
});

describe("secrets never appear in errors", () => {
  const secretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  const apiKey = "ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlLXNlY3JldA==";
  const sessionToken = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";

  // `inspect` also prints the cause; a service that echoed a secret keeps it in its own SDK error,
  // so that view is checked only where the cause is ours.
  const texts = (error: unknown, withInspect: boolean): string[] => {
    const found = [String(error), ...(withInspect ? [inspect(error)] : [])];
    if (BedrockEmbeddingsError.isInstance(error)) found.push(error.message, error.fix ?? "");
    if (BatchEmbeddingError.isInstance(error))
      found.push(...error.failures.map((failure) => failure.error.message));
    return found;
  };
  const expectClean = (error: unknown, withInspect = true) => {
    expect(error).toBeInstanceOf(Error);
    for (const text of texts(error, withInspect)) {
      expect(text).not.toContain(secretAccessKey);
      expect(text).not.toContain(apiKey);
      expect(text).not.toContain(sessionToken);
    }
  };

  it("in configuration errors", () => {
    const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey, sessionToken };
    for (const run of [
      () => new BedrockEmbedder({ model: "cohere.embed-v4:0", credentials, apiKey, dimensions: 7 }),
      () =>
        new BedrockEmbedder({
          model: "cohere.embed-v4:0",
          credentials,
          apiKey,
          region: "us-east-1",
          truncate: "START",
        }),
      () => new BedrockEmbedder({ model: "nope", credentials, apiKey, region: "us-east-1" }),
      () =>
        new BedrockEmbedder({
          model: "cohere.embed-v4:0",
          credentials: { ...credentials, extra: secretAccessKey } as never,
          region: "x",
        }),
      () =>
        new BedrockEmbedder({ model: "cohere.embed-v4:0", client: fakeClient(() => ({})).client, apiKey }),
    ]) {
      expectClean(configurationError(run));
    }
  });

  it("in API, input and batch errors, even when the service echoes a secret", async () => {
    const fake = fakeClient((request) => {
      const text = (request.body["texts"] as string[])[0];
      if (text === "echo") throw awsError("ValidationException", 400, `bad header Bearer ${apiKey}`);
      throw awsError(
        "AccessDeniedException",
        403,
        "You don't have access to the model with the specified model ID.",
      );
    });
    const embedder = new BedrockEmbedder({
      model: "cohere.embed-v4:0",
      client: fake.client,
      environment: { AWS_BEARER_TOKEN_BEDROCK: apiKey },
    });
    // Secrets come from the environment too; the constructor below carries keys directly.
    const withKeys = new BedrockEmbedder({
      model: "cohere.embed-v4:0",
      region: "us-east-1",
      credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey, sessionToken },
    });
    const errors = [
      await embedder.embed("echo").catch((error: unknown) => error),
      await embedder.embedBatch(["echo", "x"]).catch((error: unknown) => error),
      await embedder.embed("x").catch((error: unknown) => error),
      await embedder.embed("").catch((error: unknown) => error),
      await withKeys.embed("").catch((error: unknown) => error),
    ];
    expectClean(errors[0], false);
    expectClean(errors[1], false);
    for (const error of errors.slice(2)) expectClean(error);
    expect((errors[0] as Error).message).toContain("bad header Bearer [redacted]");
  });

  it("redacts explicit credentials from service messages", async () => {
    const send = vi
      .spyOn(BedrockRuntimeClient.prototype, "send")
      .mockImplementation(() =>
        Promise.reject(
          awsError("ValidationException", 400, `signature for ${secretAccessKey} and ${sessionToken}`),
        ),
      );
    try {
      const embedder = new BedrockEmbedder({
        model: "cohere.embed-v4:0",
        region: "us-east-1",
        credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey, sessionToken },
      });
      const error = await embedder.embed("x").catch((caught: unknown) => caught);
      expectClean(error, false);
      expect((error as Error).message).toMatch(/signature for \[redacted\] and \[redacted\]/);
    } finally {
      send.mockRestore();
    }
  });
});

describe("bedrockProvider", () => {
  it("is named aws_bedrock and builds an embedder with the given environment", () => {
    expect(bedrockProvider.name).toBe("aws_bedrock");
    const config = parseConfigText(
      "embedder:\n  provider: aws_bedrock\n  config:\n    model: cohere.embed-english-v3\n",
      "app.yaml",
    );
    const embedder = createEmbedder(config.embedder, {
      providers: [bedrockProvider],
      environment: { AWS_REGION: "us-east-1" },
    });
    expect(embedder).toBeInstanceOf(BedrockEmbedder);
    expect(embedder.dimension).toBe(1024);
  });

  it("configuration errors point into the config file's embedder section", () => {
    const config = parseConfigText(
      "embedder:\n  provider: aws_bedrock\n  config:\n    model: amazon.titan-embed-text-v2:0\n    dimensions: 768\n",
      "app.yaml",
    );
    const error = configurationError(() =>
      createEmbedder(config.embedder, { providers: [bedrockProvider], environment: { AWS_REGION: "x" } }),
    );
    expect(error.path).toBe("embedder.config.dimensions");
    expect(error.allowed).toEqual([256, 512, 1024]);
  });
});
