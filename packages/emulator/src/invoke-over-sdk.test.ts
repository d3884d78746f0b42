import type { BedrockRuntimeClientConfig } from "@aws-sdk/client-bedrock-runtime";
import { BedrockRuntimeClient, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "./index.js";
import { EMULATOR_DEFAULT_BEARER_TOKEN, EMULATOR_DEFAULT_CREDENTIALS, startEmulator } from "./index.js";

const applicationProfileArn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/app123";

let emulator: RunningEmulator;
let client: BedrockRuntimeClient;
const extraClients: BedrockRuntimeClient[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    applicationInferenceProfiles: { [applicationProfileArn]: "amazon.titan-embed-text-v2:0" },
  });
  client = sdkClient();
});

afterAll(async () => {
  for (const extra of [client, ...extraClients]) extra.destroy();
  await emulator.close();
});

// The stock client: default NodeHttp2Handler (h2c against http://), SigV4, no retries so errors surface at once.
function sdkClient(overrides: Partial<BedrockRuntimeClientConfig> = {}): BedrockRuntimeClient {
  const created = new BedrockRuntimeClient({
    region: "us-east-1",
    endpoint: emulator.url,
    credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
    maxAttempts: 1,
    ...overrides,
  });
  if (Object.keys(overrides).length > 0) extraClients.push(created);
  return created;
}

async function invoke(modelId: string, body: unknown, using = client): Promise<Record<string, unknown>> {
  const output = await using.send(
    new InvokeModelCommand({ modelId, contentType: "application/json", body: JSON.stringify(body) }),
  );
  expect(output.contentType).toBe("application/json");
  expect(output.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  return JSON.parse(new TextDecoder().decode(output.body)) as Record<string, unknown>;
}

describe("the unmodified SDK client (HTTP/2 + SigV4)", () => {
  it.each([
    ["amazon.titan-embed-text-v1", { inputText: "hello" }, "embedding", 1536],
    ["amazon.titan-embed-g1-text-02", { inputText: "hello" }, "embedding", 1536],
    ["amazon.titan-embed-text-v2:0", { inputText: "hello", dimensions: 512 }, "embedding", 512],
    ["cohere.embed-english-v3", { texts: ["hello"], input_type: "search_query" }, "embeddings", 1],
    [
      "cohere.embed-multilingual-v3",
      { texts: ["hallo", "hej"], input_type: "search_query" },
      "embeddings",
      2,
    ],
  ])("serves %s", async (modelId, body, field, length) => {
    const response = await invoke(modelId, body);
    expect(response[field]).toHaveLength(length);
    expect(emulator.requests.at(-1)).toMatchObject({ httpVersion: "2", status: 200, modelId, body });
  });

  it("serves cohere.embed-v4:0 in the by-type shape", async () => {
    const response = await invoke("cohere.embed-v4:0", { texts: ["hello"], input_type: "search_document" });
    expect(response["response_type"]).toBe("embeddings_by_type");
    expect((response["embeddings"] as { float: number[][] }).float[0]).toHaveLength(1536);
  });

  it.each([
    "us.amazon.titan-embed-text-v2:0",
    "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0",
    "arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.amazon.titan-embed-text-v2:0",
    applicationProfileArn,
  ])("resolves the URL-encoded id %s", async (modelId) => {
    const response = await invoke(modelId, { inputText: "profile" });
    expect(response["embedding"]).toHaveLength(1024);
    const seen = emulator.requests.at(-1);
    expect(seen?.modelId).toBe(modelId);
    // The SDK percent-encodes the whole id as one path segment.
    expect(seen?.path).toBe(`/model/${encodeURIComponent(modelId)}/invoke`);
  });

  it("raises the typed ValidationException for unknown ids and bad bodies", async () => {
    await expect(invoke("amazon.titan-embed-text-v3:0", { inputText: "x" })).rejects.toMatchObject({
      name: "ValidationException",
      message: "The provided model identifier is invalid.",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      invoke("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/other", {
        inputText: "x",
      }),
    ).rejects.toMatchObject({
      name: "ValidationException",
      message: "The provided model identifier is invalid.",
    });
    await expect(invoke("cohere.embed-english-v3", { inputText: "x" })).rejects.toMatchObject({
      name: "ValidationException",
      message:
        "Malformed input request: #: required key [texts] not found#: required key [input_type] not found#: extraneous key [inputText] is not permitted, please reformat your input and try again.",
    });
  });

  it("accepts the application/octet-stream body the SDK sends when contentType is omitted", async () => {
    const output = await client.send(
      new InvokeModelCommand({
        modelId: "amazon.titan-embed-text-v1",
        body: JSON.stringify({ inputText: "x" }),
      }),
    );
    expect(output.body.length).toBeGreaterThan(0);
    expect(emulator.requests.at(-1)?.headers["content-type"]).toBe("application/octet-stream");
  });

  it("accepts session credentials", async () => {
    const withSession = sdkClient({
      credentials: { ...EMULATOR_DEFAULT_CREDENTIALS, sessionToken: "any-session-token" },
    });
    await invoke("amazon.titan-embed-text-v1", { inputText: "session" }, withSession);
    expect(emulator.requests.at(-1)?.headers["x-amz-security-token"]).toBe("[redacted]");
  });
});

describe("authentication failures through the SDK", () => {
  it("rejects a wrong secret with InvalidSignatureException 403 and never echoes it", async () => {
    const wrongSecret = sdkClient({
      credentials: {
        accessKeyId: EMULATOR_DEFAULT_CREDENTIALS.accessKeyId,
        secretAccessKey: "wrong-secret-value",
      },
    });
    const attempt = invoke("amazon.titan-embed-text-v2:0", { inputText: "x" }, wrongSecret);
    await expect(attempt).rejects.toMatchObject({
      name: "InvalidSignatureException",
      message: expect.stringContaining("The request signature we calculated does not match"),
      $metadata: { httpStatusCode: 403 },
    });
    const seen = emulator.requests.at(-1);
    expect(seen?.errorType).toBe("InvalidSignatureException");
    expect(JSON.stringify(seen)).not.toContain("wrong-secret-value");
    expect(seen?.headers["authorization"]).toMatch(/Signature=\[redacted\]$/);
  });

  it("rejects an unknown access key with UnrecognizedClientException", async () => {
    const stranger = sdkClient({
      credentials: { accessKeyId: "AKIDSTRANGER", secretAccessKey: "emulator-secret" },
    });
    await expect(invoke("amazon.titan-embed-text-v1", { inputText: "x" }, stranger)).rejects.toMatchObject({
      name: "UnrecognizedClientException",
      message: "The security token included in the request is invalid.",
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("rejects a clock more than 15 minutes behind with 'Signature expired'", async () => {
    const lateClock = sdkClient({ systemClockOffset: -20 * 60 * 1000 });
    await expect(invoke("amazon.titan-embed-text-v1", { inputText: "x" }, lateClock)).rejects.toMatchObject({
      name: "InvalidSignatureException",
      message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than/),
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("accepts a Bedrock API key sent as a bearer token", async () => {
    const bearer = new BedrockRuntimeClient({
      region: "us-east-1",
      endpoint: emulator.url,
      token: { token: EMULATOR_DEFAULT_BEARER_TOKEN },
      authSchemePreference: ["httpBearerAuth"],
      maxAttempts: 1,
    });
    extraClients.push(bearer);
    const response = await invoke(
      "cohere.embed-v4:0",
      { texts: ["bearer"], input_type: "clustering" },
      bearer,
    );
    expect(response["texts"]).toEqual(["bearer"]);
    expect(emulator.requests.at(-1)?.headers["authorization"]).toBe("Bearer [redacted]");
  });
});

describe("fault injection through the SDK", () => {
  it("throttles once with a typed 429, then serves normally", async () => {
    emulator.injectFaults([{ errorType: "ThrottlingException", status: 429, times: 1 }]);
    await expect(invoke("amazon.titan-embed-text-v1", { inputText: "x" })).rejects.toMatchObject({
      name: "ThrottlingException",
      message: "Too many requests, please wait before trying again.",
      $metadata: { httpStatusCode: 429 },
    });
    const response = await invoke("amazon.titan-embed-text-v1", { inputText: "x" });
    expect(response["embedding"]).toHaveLength(1536);
    expect(emulator.requests.slice(-2).map((request) => request.status)).toEqual([429, 200]);
  });

  it("lets the SDK's own retry absorb a transient 500", async () => {
    const retrying = sdkClient({ maxAttempts: 2 });
    emulator.injectFaults([
      { errorType: "InternalServerException", status: 500, message: "injected outage" },
    ]);
    const response = await invoke("amazon.titan-embed-text-v1", { inputText: "retry me" }, retrying);
    expect(response["embedding"]).toHaveLength(1536);
    expect(emulator.requests.slice(-2).map((request) => request.errorType ?? "ok")).toEqual([
      "InternalServerException",
      "ok",
    ]);
  });

  it("targets faults at one model, matching profile ids by their foundation model", async () => {
    emulator.injectFaults([
      { errorType: "ModelNotReadyException", status: 429, modelId: "cohere.embed-v4:0" },
    ]);
    await invoke("amazon.titan-embed-text-v1", { inputText: "unaffected" });
    await expect(
      invoke("us.cohere.embed-v4:0", { texts: ["x"], input_type: "clustering" }),
    ).rejects.toMatchObject({ name: "ModelNotReadyException", $metadata: { httpStatusCode: 429 } });
  });
});
