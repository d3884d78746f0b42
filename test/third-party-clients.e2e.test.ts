import { BedrockRuntimeClient, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { cosineSimilarity } from "@bedrock-embeddings/core";
import {
  EMULATOR_DEFAULT_BEARER_TOKEN,
  EMULATOR_DEFAULT_CREDENTIALS,
  type RunningEmulator,
  startEmulator,
} from "@bedrock-embeddings/emulator";
import { BedrockEmbeddings } from "@langchain/aws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(async () => {
  await emulator.close();
});

function stockClient(): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    region: "us-east-1",
    endpoint: emulator.url,
    credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
  });
}

describe("unmodified third-party clients against the emulator", () => {
  it("serves the stock SDK client (HTTP/2 by default) with SigV4", async () => {
    const client = stockClient();
    const response = await client.send(
      new InvokeModelCommand({
        modelId: "amazon.titan-embed-text-v2:0",
        contentType: "application/json",
        body: JSON.stringify({ inputText: "hello from the stock SDK", dimensions: 256 }),
      }),
    );
    const body = JSON.parse(new TextDecoder().decode(response.body)) as {
      embedding: number[];
      inputTextTokenCount: number;
    };
    expect(body.embedding).toHaveLength(256);
    expect(body.inputTextTokenCount).toBeGreaterThan(0);
    expect(response.$metadata.requestId).toMatch(/[0-9a-f-]{36}/);
    const seen = emulator.requests.at(-1)!;
    expect(seen.httpVersion).toBe("2");
    client.destroy();
  });

  it("raises the SDK's typed ValidationException for a malformed Cohere body", async () => {
    const client = stockClient();
    const attempt = client.send(
      new InvokeModelCommand({
        modelId: "cohere.embed-english-v3",
        contentType: "application/json",
        body: JSON.stringify({ inputText: "titan body sent to cohere" }),
      }),
    );
    await expect(attempt).rejects.toMatchObject({
      name: "ValidationException",
      $metadata: { httpStatusCode: 400 },
      message: expect.stringContaining("required key [texts] not found"),
    });
    client.destroy();
  });

  it("gives @langchain/aws BedrockEmbeddings correct Titan vectors", async () => {
    const embeddings = new BedrockEmbeddings({
      model: "amazon.titan-embed-text-v2:0",
      region: "us-east-1",
      clientOptions: { endpoint: emulator.url },
      credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
      maxRetries: 0,
    });
    const [first, second] = await embeddings.embedDocuments(["the cat sat", "the cat sat down"]);
    const query = await embeddings.embedQuery("stock market news");
    expect(first).toHaveLength(1024);
    expect(cosineSimilarity(first!, second!)).toBeGreaterThan(cosineSimilarity(first!, query));
  });

  it("serves a fetch client over HTTP/1.1 with a bearer API key", async () => {
    const response = await fetch(`${emulator.url}/model/${encodeURIComponent("cohere.embed-v4:0")}/invoke`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${EMULATOR_DEFAULT_BEARER_TOKEN}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        texts: ["fetch speaks http/1.1"],
        input_type: "search_query",
        output_dimension: 256,
      }),
    });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get("x-amzn-bedrock-input-token-count"))).toBeGreaterThan(0);
    const body = (await response.json()) as { embeddings: { float: number[][] } };
    expect(body.embeddings.float[0]).toHaveLength(256);
    expect(emulator.requests.at(-1)!.httpVersion).toBe("1.1");
  });

  it("rejects a wrong bearer token with 403", async () => {
    const response = await fetch(`${emulator.url}/model/amazon.titan-embed-text-v1/invoke`, {
      method: "POST",
      headers: { authorization: "Bearer not-the-key", "content-type": "application/json" },
      body: JSON.stringify({ inputText: "hello" }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("x-amzn-errortype")).toMatch(/Exception/);
  });
});
