import {
  BedrockApiError,
  bedrockEmbedderOptionsSchema,
  ConfigurationError,
  createEmbedder,
  InputError,
  l2Normalize,
  ResponseError,
  VectorError,
  vectorNorm,
} from "@bedrock-embeddings/core";
import { BedrockEmbeddings } from "@langchain/aws";
import { describe, expect, it } from "vitest";
import {
  type LangChainAwsClient,
  LangChainAwsEmbedder,
  langchainAwsProvider,
} from "./langchain-aws-embedder.js";

interface SentRequest {
  modelId: string;
  body: Record<string, unknown>;
}

type Reply = { embedding?: unknown } | Error | { rawBody: string };

/** A real BedrockRuntimeClient (built by @langchain/aws) whose `send` is replaced by a fake. */
function fakeClient(reply: (request: SentRequest, call: number) => Reply | Promise<Reply>) {
  const client = new BedrockEmbeddings({
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" },
    bedrockBearerToken: "",
  }).client;
  const requests: SentRequest[] = [];
  const stats = { inFlight: 0, maxInFlight: 0 };
  const send = async (command: { input: { modelId: string; body: string } }) => {
    const request = {
      modelId: command.input.modelId,
      body: JSON.parse(command.input.body) as Record<string, unknown>,
    };
    requests.push(request);
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    try {
      const result = await reply(request, requests.length);
      if (result instanceof Error) throw result;
      const body =
        "rawBody" in result ? result.rawBody : JSON.stringify({ ...result, inputTextTokenCount: 3 });
      return { body: new TextEncoder().encode(body), contentType: "application/json", $metadata: {} };
    } finally {
      stats.inFlight--;
    }
  };
  client.send = send as unknown as LangChainAwsClient["send"];
  return { client, requests, stats };
}

/** A deterministic vector that is not unit length and differs per text. */
function vectorFor(text: string, dimension: number): number[] {
  return Array.from(
    { length: dimension },
    (_, position) => ((text.charCodeAt(position % text.length) + position) % 7) + 1,
  );
}

function echoVectors(dimension: number) {
  return fakeClient((request) => ({ embedding: vectorFor(String(request.body["inputText"]), dimension) }));
}

function sdkError(name: string, status: number, message: string): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? "server" : "client",
    $metadata: { httpStatusCode: status, requestId: `req-${name}`, attempts: 1, totalRetryDelay: 0 },
  });
}

/** LangChain's AsyncCaller keeps `maxRetries` protected; read it for the assertion. */
function retriesOf(embeddings: BedrockEmbeddings): number {
  return (embeddings.caller as unknown as { maxRetries: number }).maxRetries;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

function constructionError(build: () => unknown): ConfigurationError {
  try {
    build();
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a ConfigurationError");
}

describe("LangChainAwsEmbedder requests", () => {
  it("sends Titan v2 {inputText, dimensions, normalize} to the configured id and returns unit vectors", async () => {
    const { client, requests } = echoVectors(512);
    const embedder = new LangChainAwsEmbedder({
      model: "amazon.titan-embed-text-v2:0",
      dimensions: 512,
      client,
    });
    const vectors = await embedder.embedBatch(["first text", "second text"]);
    expect(requests).toEqual([
      {
        modelId: "amazon.titan-embed-text-v2:0",
        body: { inputText: "first text", dimensions: 512, normalize: true },
      },
      {
        modelId: "amazon.titan-embed-text-v2:0",
        body: { inputText: "second text", dimensions: 512, normalize: true },
      },
    ]);
    expect(vectors).toHaveLength(2);
    for (const vector of vectors) {
      expect(vector).toHaveLength(512);
      expect(vectorNorm(vector)).toBeCloseTo(1, 12);
    }
    expect(embedder.provider).toBe("langchain_aws");
    expect(embedder.dimension).toBe(512);
    expect(embedder.normalized).toBe(true);
    await expect(embedder.detectDimension()).resolves.toBe(512);
  });

  it("sends dimensions 1024 for Titan v2 when none are configured", async () => {
    const { client, requests } = echoVectors(1024);
    const embedder = new LangChainAwsEmbedder({ model: "amazon.titan-embed-text-v2:0", client });
    await embedder.embed("hello");
    expect(requests[0]?.body).toEqual({ inputText: "hello", dimensions: 1024, normalize: true });
    expect(embedder.dimension).toBe(1024);
  });

  it("sends only {inputText} to Titan v1 and normalizes its vectors client-side", async () => {
    const { client, requests } = echoVectors(1536);
    const embedder = new LangChainAwsEmbedder({ model: "amazon.titan-embed-text-v1", client });
    const vector = await embedder.embed("hello world", "search");
    expect(requests).toEqual([{ modelId: "amazon.titan-embed-text-v1", body: { inputText: "hello world" } }]);
    expect(vectorNorm(vectorFor("hello world", 1536))).not.toBeCloseTo(1, 3);
    expect(vectorNorm(vector)).toBeCloseTo(1, 12);
    expect(vector).toEqual(l2Normalize(vectorFor("hello world", 1536)));
    expect(embedder.dimension).toBe(1536);
  });

  it("with normalize off, asks Titan v2 not to normalize and returns Titan v1 vectors as they came", async () => {
    const v2 = echoVectors(256);
    await new LangChainAwsEmbedder({ dimensions: 256, normalize: false, client: v2.client }).embed("text");
    expect(v2.requests[0]?.body).toEqual({ inputText: "text", dimensions: 256, normalize: false });

    const v1 = echoVectors(1536);
    const embedder = new LangChainAwsEmbedder({
      model: "amazon.titan-embed-text-v1",
      normalize: false,
      client: v1.client,
    });
    expect(await embedder.embed("text")).toEqual(vectorFor("text", 1536));
    expect(embedder.normalized).toBe(false);
  });

  it.each([
    ["us.amazon.titan-embed-text-v2:0", "titan-text-v2", 1024],
    ["eu.amazon.titan-embed-text-v2:0", "titan-text-v2", 1024],
    ["arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v1", "titan-text-v1", 1536],
    ["arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0", "titan-text-v2", 1024],
    [
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.titan-embed-text-v2:0",
      "titan-text-v2",
      1024,
    ],
    ["amazon.titan-embed-text-v1:2:8k", "titan-text-v1", 1536],
  ])("resolves %s for the check and sends it unchanged", async (model, family, dimension) => {
    const { client, requests } = echoVectors(dimension);
    const embedder = new LangChainAwsEmbedder({ model, client });
    expect(embedder.family).toBe(family);
    await embedder.embed("hello");
    expect(requests[0]?.modelId).toBe(model);
  });

  it("accepts an application inference profile ARN with a family override", async () => {
    const model = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123";
    const { client, requests } = echoVectors(512);
    const embedder = new LangChainAwsEmbedder({ model, family: "titan-text-v2", dimensions: 512, client });
    await embedder.embed("hello");
    expect(requests[0]).toEqual({
      modelId: model,
      body: { inputText: "hello", dimensions: 512, normalize: true },
    });
    expect(constructionError(() => new LangChainAwsEmbedder({ model, client })).path).toBe("family");
  });
});

describe("LangChainAwsEmbedder configuration", () => {
  it.each([
    "cohere.embed-english-v3",
    "cohere.embed-multilingual-v3",
    "us.cohere.embed-v4:0",
    "arn:aws:bedrock:us-east-1::foundation-model/cohere.embed-english-v3",
  ])("rejects Cohere model %s, naming langchainjs #8450 and provider aws_bedrock", (model) => {
    const error = constructionError(() => new LangChainAwsEmbedder({ model, region: "us-east-1" }));
    expect(error.path).toBe("model");
    expect(error.message).toContain("#8450");
    expect(error.message).toContain("aws_bedrock");
  });

  it.each([
    "amazon.nova-2-multimodal-embeddings-v1:0",
    "amazon.titan-embed-image-v1",
    "twelvelabs.marengo-embed-2-7-v1:0",
  ])("rejects %s, which @langchain/aws cannot embed", (model) => {
    const error = constructionError(() => new LangChainAwsEmbedder({ model, region: "us-east-1" }));
    expect(error.path).toBe("model");
    expect(error.message).toContain("aws_bedrock");
  });

  it("rejects a family that is not Titan text, and one that contradicts the model id", () => {
    const arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123";
    expect(
      constructionError(() => new LangChainAwsEmbedder({ model: arn, family: "cohere-v3", region: "x" }))
        .path,
    ).toBe("family");
    const error = constructionError(
      () =>
        new LangChainAwsEmbedder({
          model: "amazon.titan-embed-text-v1",
          family: "titan-text-v2",
          region: "x",
        }),
    );
    expect(error.path).toBe("family");
  });

  it.each([
    ["amazon.titan-embed-text-v2:0", 768, [256, 512, 1024]],
    ["amazon.titan-embed-text-v1", 1024, [1536]],
  ])("rejects %s with %i dimensions", (model, dimensions, allowed) => {
    const error = constructionError(
      () => new LangChainAwsEmbedder({ model, dimensions, region: "us-east-1" }),
    );
    expect(error.path).toBe("dimensions");
    expect(error.allowed).toEqual(allowed);
  });

  it("rejects Cohere-only settings and unknown keys", () => {
    expect(
      constructionError(() => new LangChainAwsEmbedder({ inputType: "search_document", region: "x" })).path,
    ).toBe("inputType");
    expect(constructionError(() => new LangChainAwsEmbedder({ truncate: "END", region: "x" })).path).toBe(
      "truncate",
    );
    const unknown = { region: "x", clientOptions: {} } as unknown as ConstructorParameters<
      typeof LangChainAwsEmbedder
    >[0];
    expect(constructionError(() => new LangChainAwsEmbedder(unknown)).message).toContain("clientOptions");
  });

  it("requires a region from options, the environment given, or a profile", () => {
    expect(constructionError(() => new LangChainAwsEmbedder({})).path).toBe("region");
    expect(new LangChainAwsEmbedder({ environment: { AWS_DEFAULT_REGION: "eu-west-1" } })).toBeInstanceOf(
      LangChainAwsEmbedder,
    );
    expect(new LangChainAwsEmbedder({ profile: "dev" })).toBeInstanceOf(LangChainAwsEmbedder);
  });

  it("builds one retry layer: the SDK client's maxAttempts, with LangChain's caller at 0 retries", async () => {
    const embedder = new LangChainAwsEmbedder({
      maxAttempts: 2,
      endpoint: "http://127.0.0.1:9/",
      credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" },
      environment: { AWS_REGION: "eu-central-1" },
    });
    expect(retriesOf(embedder.langchain)).toBe(0);
    const config = embedder.langchain.client.config;
    expect(await config.maxAttempts()).toBe(2);
    expect(await config.region()).toBe("eu-central-1");
    expect((await config.endpoint?.())?.port).toBe(9);
    expect(await config.credentials()).toMatchObject({ accessKeyId: "AKIDTEST" });
  });

  it("uses the API key from the environment given unless access keys are configured", async () => {
    const fromEnvironment = new LangChainAwsEmbedder({
      region: "us-east-1",
      environment: { AWS_BEARER_TOKEN_BEDROCK: "token-from-env" },
    });
    expect(await fromEnvironment.langchain.client.config.token?.({})).toEqual({ token: "token-from-env" });
    const withKeys = new LangChainAwsEmbedder({
      region: "us-east-1",
      credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" },
      environment: { AWS_BEARER_TOKEN_BEDROCK: "token-from-env" },
    });
    expect(withKeys.langchain.client.config.token).toBeUndefined();
  });

  it("lets a configured profile beat the API key in the environment, as aws_bedrock does", () => {
    const withProfile = new LangChainAwsEmbedder({
      region: "us-east-1",
      profile: "dev",
      environment: { AWS_BEARER_TOKEN_BEDROCK: "token-from-env" },
    });
    expect(withProfile.langchain.client.config.token).toBeUndefined();
  });

  it("rejects connection settings that an injected client would ignore", () => {
    const { client } = echoVectors(1024);
    expect(constructionError(() => new LangChainAwsEmbedder({ client, region: "us-east-1" })).path).toBe(
      "region",
    );
    expect(constructionError(() => new LangChainAwsEmbedder({ client, max_attempts: 3 } as never)).path).toBe(
      "maxAttempts",
    );
  });
});

describe("LangChainAwsEmbedder provider", () => {
  it("is registered as langchain_aws and builds the embedder from validated options", async () => {
    expect(langchainAwsProvider.name).toBe("langchain_aws");
    const options = bedrockEmbedderOptionsSchema.parse({
      model: "amazon.titan-embed-text-v1",
      apiKey: "a$$b",
    });
    const embedder = langchainAwsProvider.create(options, { environment: { AWS_REGION: "us-west-2" } });
    expect(embedder).toBeInstanceOf(LangChainAwsEmbedder);
    expect(embedder.provider).toBe("langchain_aws");
    expect(embedder.dimension).toBe(1536);
    // Validated options are not interpolated a second time.
    const { langchain } = embedder as LangChainAwsEmbedder;
    expect(await langchain.client.config.token?.({})).toEqual({ token: "a$$b" });
    expect(await langchain.client.config.region()).toBe("us-west-2");
  });

  it("reports model errors under the config file's path through createEmbedder", () => {
    const config = {
      provider: "langchain_aws" as const,
      config: bedrockEmbedderOptionsSchema.parse({ model: "cohere.embed-v4:0" }),
    };
    const error = constructionError(() =>
      createEmbedder(config, { providers: [langchainAwsProvider], environment: { AWS_REGION: "us-east-1" } }),
    );
    expect(error.path).toBe("embedder.config.model");
  });
});

describe("LangChainAwsEmbedder with an injected BedrockEmbeddings", () => {
  it("reuses its model, dimensions and client without changing it", async () => {
    const { client, requests } = echoVectors(256);
    const instance = new BedrockEmbeddings({
      model: "us.amazon.titan-embed-text-v2:0",
      dimensions: 256,
      client,
    });
    const embedder = new LangChainAwsEmbedder({ embeddings: instance });
    expect(embedder.modelId).toBe("us.amazon.titan-embed-text-v2:0");
    expect(embedder.dimension).toBe(256);
    await embedder.embed("hello");
    expect(requests[0]).toEqual({
      modelId: "us.amazon.titan-embed-text-v2:0",
      body: { inputText: "hello", dimensions: 256, normalize: true },
    });
    expect(instance.client).toBe(client);
    expect(retriesOf(instance)).toBe(6);
    expect(embedder.langchain).not.toBe(instance);
    expect(retriesOf(embedder.langchain)).toBe(0);
  });

  it("rejects a model or dimensions that contradict it, and a client next to it", () => {
    const { client } = echoVectors(256);
    const instance = new BedrockEmbeddings({
      model: "amazon.titan-embed-text-v2:0",
      dimensions: 256,
      client,
    });
    expect(
      constructionError(
        () => new LangChainAwsEmbedder({ embeddings: instance, model: "amazon.titan-embed-text-v1" }),
      ).path,
    ).toBe("model");
    expect(
      constructionError(() => new LangChainAwsEmbedder({ embeddings: instance, dimensions: 512 })).path,
    ).toBe("dimensions");
    expect(constructionError(() => new LangChainAwsEmbedder({ embeddings: instance, client })).path).toBe(
      "client",
    );
    expect(new LangChainAwsEmbedder({ embeddings: new BedrockEmbeddings({ client }) }).family).toBe(
      "titan-text-v1",
    );
  });
});

describe("LangChainAwsEmbedder input checks", () => {
  it.each([
    ["an empty string", ["fine", "", "also fine"], 1],
    ["whitespace", ["fine", "ok", " \n\t "], 2],
    ["a non-string", ["fine", null], 1],
    ["a number", [42], 0],
  ])("rejects %s with its index and sends nothing", async (_label, texts, index) => {
    const { client, requests } = echoVectors(1024);
    const embedder = new LangChainAwsEmbedder({ client });
    const error = await caught(embedder.embedBatch(texts as string[]));
    expect(InputError.isInstance(error)).toBe(true);
    expect((error as InputError).index).toBe(index);
    expect(requests).toHaveLength(0);
  });

  it("rejects Titan v2 input over 50,000 characters before sending", async () => {
    const { client, requests } = echoVectors(1024);
    const error = await caught(new LangChainAwsEmbedder({ client }).embedBatch(["ok", "x".repeat(50_001)]));
    expect(error).toMatchObject({ code: "INPUT", index: 1, limit: 50_000, actual: 50_001 });
    expect(requests).toHaveLength(0);
  });

  // Core's checkTexts, as for aws_bedrock: the same messages, characters counted in code points
  // (as Bedrock counts them; UTF-16 units were counted), and Titan v1's 50,000 ceiling (none was checked).
  it("words a refusal as aws_bedrock does", async () => {
    const error = await caught(
      new LangChainAwsEmbedder({ client: echoVectors(1024).client }).embed(7 as never),
    );
    expect((error as Error).message).toBe(
      "Input 0: expected a string, received a number. Convert every input to text before embedding.",
    );
  });

  it("counts characters in code points: 25,001 emoji are 25,001 characters, not 50,002", async () => {
    const { client, requests } = echoVectors(1024);
    await new LangChainAwsEmbedder({ client }).embed("😀".repeat(25_001));
    expect(requests).toHaveLength(1);
  });

  it("rejects Titan v1 input over 50,000 characters before sending", async () => {
    const { client, requests } = echoVectors(1536);
    const embedder = new LangChainAwsEmbedder({ model: "amazon.titan-embed-text-v1", client });
    const error = await caught(embedder.embedBatch(["ok", "x".repeat(50_001)]));
    expect(error).toMatchObject({ code: "INPUT", index: 1, limit: 50_000, actual: 50_001 });
    expect((error as InputError).fix).toMatch(/titan-text-v1 cannot truncate/);
    expect(requests).toHaveLength(0);
  });

  it("returns [] for no texts without sending", async () => {
    const { client, requests } = echoVectors(1024);
    await expect(new LangChainAwsEmbedder({ client }).embedBatch([])).resolves.toEqual([]);
    expect(requests).toHaveLength(0);
  });
});

describe("LangChainAwsEmbedder response checks", () => {
  it("rejects a vector of the wrong length, naming the index, expected and actual length", async () => {
    const { client } = fakeClient((request) => ({
      embedding: vectorFor("x", request.body["inputText"] === "second" ? 1000 : 1024),
    }));
    const error = await caught(new LangChainAwsEmbedder({ client }).embedBatch(["first", "second", "third"]));
    expect(ResponseError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      index: 1,
      expected: 1024,
      actual: 1000,
      modelId: "amazon.titan-embed-text-v2:0",
    });
    expect((error as Error).message).toMatch(/^The vector for input 1 has 1000 dimensions, expected 1024\./);
  });

  it("rejects a response without an embedding, and one that is not JSON, keeping the cause", async () => {
    const missing = fakeClient(() => ({}));
    const error = await caught(new LangChainAwsEmbedder({ client: missing.client }).embed("a"));
    expect(error).toMatchObject({ code: "RESPONSE", index: 0 });

    const garbled = fakeClient(() => ({ rawBody: "<html>not json</html>" }));
    const parseError = await caught(new LangChainAwsEmbedder({ client: garbled.client }).embed("a"));
    expect(ResponseError.isInstance(parseError)).toBe(true);
    expect((parseError as ResponseError).cause).toBeInstanceOf(Error);
  });

  // The checks are core's checkVector/finishVector, as for aws_bedrock: a non-finite value is a
  // ResponseError naming the input (it was a VectorError without an index), a zero vector a
  // VectorError that names the input too (it named none).
  it("rejects a zero vector when normalizing as a VectorError naming the input", async () => {
    const zeros = fakeClient(() => ({ embedding: new Array(1024).fill(0) }));
    const error = await caught(new LangChainAwsEmbedder({ client: zeros.client }).embedBatch(["a", "b"]));
    expect(VectorError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ index: 0 });
  });

  it("rejects non-finite values as a ResponseError naming the input, normalizing or not", async () => {
    const nulls = fakeClient(() => ({ embedding: new Array(1024).fill(null) }));
    for (const normalize of [false, true]) {
      const embedder = new LangChainAwsEmbedder({ client: nulls.client, normalize });
      const error = await caught(embedder.embed("a"));
      expect(ResponseError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ index: 0, modelId: "amazon.titan-embed-text-v2:0" });
      expect((error as Error).message).toMatch(/^The vector for input 0 has a non-finite value \(null\)/);
    }
  });
});

describe("LangChainAwsEmbedder errors from Bedrock", () => {
  it("surfaces a ValidationException as BedrockApiError with the SDK error as cause, not retried", async () => {
    const original = sdkError("ValidationException", 400, "Malformed input request: extraneous key [x]");
    const { client, requests } = fakeClient(() => original);
    const embedder = new LangChainAwsEmbedder({ client, maxConcurrency: 1 });
    const error = await caught(embedder.embedBatch(["first", "second", "third"]));
    expect(BedrockApiError.isInstance(error)).toBe(true);
    const apiError = error as BedrockApiError;
    expect(apiError.cause).toBe(original);
    expect(apiError).toMatchObject({
      awsErrorName: "ValidationException",
      httpStatus: 400,
      requestId: "req-ValidationException",
      modelId: "amazon.titan-embed-text-v2:0",
      retryable: false,
      throttling: false,
      failedIndexes: [0],
    });
    expect(apiError.message).toContain("Malformed input request");
    // One call: LangChain's caller did not retry it, and no later input was sent after the failure.
    expect(requests).toHaveLength(1);
  });

  it("marks throttling as retryable and keeps the SDK's attempt count", async () => {
    const original = sdkError(
      "ThrottlingException",
      429,
      "Too many requests, please wait before trying again.",
    );
    (original as unknown as { $metadata: { attempts: number } }).$metadata.attempts = 4;
    const { client, requests } = fakeClient(() => original);
    const error = (await caught(new LangChainAwsEmbedder({ client }).embed("a"))) as BedrockApiError;
    expect(error).toMatchObject({
      awsErrorName: "ThrottlingException",
      throttling: true,
      retryable: true,
      attempts: 4,
    });
    expect(error.cause).toBe(original);
    expect(requests).toHaveLength(1);
  });

  it("keeps the cause of network errors and names every input whose call failed", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    const { client } = fakeClient(async (request) => {
      if (request.body["inputText"] === "ok") return { embedding: vectorFor("ok", 1024) };
      await new Promise((resolve) => setTimeout(resolve, 2));
      return refused;
    });
    const error = (await caught(
      new LangChainAwsEmbedder({ client, maxConcurrency: 3 }).embedBatch(["ok", "b", "c"]),
    )) as BedrockApiError;
    expect(error).toMatchObject({ awsErrorName: "ECONNREFUSED", retryable: true, failedIndexes: [1, 2] });
    expect(error.cause).toBe(refused);
  });
});

describe("LangChainAwsEmbedder concurrency", () => {
  it("never has more than maxConcurrency calls in flight and keeps input order", async () => {
    const texts = Array.from({ length: 24 }, (_, position) => `text number ${position}`);
    const { client, stats } = fakeClient(async (request) => {
      const text = String(request.body["inputText"]);
      // Later inputs answer sooner, so completion order differs from input order.
      const position = Number(text.split(" ").at(-1));
      await new Promise((resolve) => setTimeout(resolve, (texts.length - position) % 5));
      return { embedding: vectorFor(text, 256) };
    });
    const embedder = new LangChainAwsEmbedder({ client, dimensions: 256, maxConcurrency: 3 });
    const vectors = await embedder.embedBatch(texts);
    expect(stats.maxInFlight).toBe(3);
    expect(vectors).toEqual(texts.map((text) => l2Normalize(vectorFor(text, 256))));
  });

  it("shares the bound between concurrent batches on one embedder", async () => {
    const { client, stats } = fakeClient(async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return { embedding: vectorFor(String(request.body["inputText"]), 1024) };
    });
    const embedder = new LangChainAwsEmbedder({ client, maxConcurrency: 2 });
    const batches = await Promise.all([
      embedder.embedBatch(["a1", "a2", "a3", "a4"]),
      embedder.embedBatch(["b1", "b2", "b3"]),
      embedder.embed("c1"),
    ]);
    expect(stats.maxInFlight).toBe(2);
    expect(batches[0]).toEqual(["a1", "a2", "a3", "a4"].map((text) => l2Normalize(vectorFor(text, 1024))));
    expect(batches[2]).toEqual(l2Normalize(vectorFor("c1", 1024)));
  });

  it("runs one call at a time with maxConcurrency 1", async () => {
    const { client, stats } = fakeClient(async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return { embedding: vectorFor(String(request.body["inputText"]), 1024) };
    });
    await new LangChainAwsEmbedder({ client, maxConcurrency: 1 }).embedBatch(["a", "b", "c", "d"]);
    expect(stats.maxInFlight).toBe(1);
  });
});
