import { BedrockRuntimeClient, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningEmulator } from "./index.js";
import { EMULATOR_DEFAULT_CREDENTIALS, startEmulator } from "./index.js";
import { dataUri, jpegBytes, pngBytes } from "./media/test-images.test-helpers.js";
import type { TestS3 } from "./s3/s3rver.test-helpers.js";
import { startTestS3 } from "./s3/s3rver.test-helpers.js";

const marengo27 = "twelvelabs.marengo-embed-2-7-v1:0";
const marengo30 = "twelvelabs.marengo-embed-3-0-v1:0";
const nova = "amazon.nova-2-multimodal-embeddings-v1:0";
let s3: TestS3;
let emulator: RunningEmulator;
let client: BedrockRuntimeClient;

beforeAll(async () => {
  s3 = await startTestS3(["media"]);
  emulator = await startEmulator({ s3: { endpoint: s3.endpoint } });
  client = new BedrockRuntimeClient({
    region: "us-east-1",
    endpoint: emulator.url,
    credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client.destroy();
  await emulator.close();
  await s3.close();
});

async function invoke(modelId: string, body: unknown): Promise<{ json: Record<string, unknown> }> {
  const output = await client.send(
    new InvokeModelCommand({ modelId, contentType: "application/json", body: JSON.stringify(body) }),
  );
  return { json: JSON.parse(new TextDecoder().decode(output.body)) as Record<string, unknown> };
}

describe("multimodal models over the stock SDK", () => {
  it("serves Marengo 2.7 only through an inference profile", async () => {
    await expect(invoke(marengo27, { inputType: "text", inputText: "hi" })).rejects.toMatchObject({
      name: "ValidationException",
      $metadata: { httpStatusCode: 400 },
      message:
        "Invocation of model ID twelvelabs.marengo-embed-2-7-v1:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
    });
    await expect(
      invoke(`arn:aws:bedrock:us-east-1::foundation-model/${marengo27}`, {
        inputType: "text",
        inputText: "hi",
      }),
    ).rejects.toMatchObject({
      name: "ValidationException",
      message: expect.stringContaining("on-demand throughput"),
    });
    for (const profile of [`us.${marengo27}`, `eu.${marengo27}`]) {
      const { json } = await invoke(profile, { inputType: "text", inputText: "hi" });
      expect((json["data"] as Array<{ embedding: number[] }>)[0]?.embedding).toHaveLength(1024);
    }
  });

  it("serves Marengo 3.0 by base id and profile, with data as an array", async () => {
    for (const modelId of [marengo30, `us.${marengo30}`, `eu.${marengo30}`]) {
      const { json } = await invoke(modelId, { inputType: "text", text: { inputText: "hello" } });
      expect(Array.isArray(json["data"])).toBe(true);
      expect((json["data"] as Array<{ embedding: number[] }>)[0]?.embedding).toHaveLength(512);
    }
  });

  it("reads Nova and Marengo media from the configured S3 endpoint", async () => {
    await s3.put("s3://media/images/chart.png", pngBytes(800, 600));
    const { json } = await invoke(`us.${nova}`, {
      taskType: "SINGLE_EMBEDDING",
      singleEmbeddingParams: {
        embeddingPurpose: "IMAGE_RETRIEVAL",
        embeddingDimension: 1024,
        image: { format: "png", source: { s3Location: { uri: "s3://media/images/chart.png" } } },
      },
    });
    expect(json).toEqual({ embeddings: [{ embeddingType: "IMAGE", embedding: expect.any(Array) }] });
    const marengo = await invoke(marengo30, {
      inputType: "image",
      image: { mediaSource: { s3Location: { uri: "s3://media/images/chart.png" } } },
    });
    expect((marengo.json["data"] as unknown[]).length).toBe(1);
    await expect(
      invoke(nova, {
        taskType: "SINGLE_EMBEDDING",
        singleEmbeddingParams: {
          embeddingPurpose: "IMAGE_RETRIEVAL",
          image: { format: "png", source: { s3Location: { uri: "s3://media/images/missing.png" } } },
        },
      }),
    ).rejects.toMatchObject({
      name: "ValidationException",
      message: expect.stringMatching(
        /^Unable to read the S3 object s3:\/\/media\/images\/missing\.png: NoSuchKey/,
      ),
    });
  });

  it("validates the body before reading a missing S3 object", async () => {
    await expect(
      invoke(nova, {
        taskType: "SINGLE_EMBEDDING",
        singleEmbeddingParams: {
          image: { format: "png", source: { s3Location: { uri: "s3://media/none.png" } } },
        },
      }),
    ).rejects.toMatchObject({
      message: expect.stringContaining("required key [embeddingPurpose] not found"),
    });
  });

  it("serves Titan Multimodal and Cohere images", async () => {
    const titan = await invoke("amazon.titan-embed-image-v1", {
      inputText: "a chart",
      inputImage: jpegBytes(300, 200).toString("base64"),
      embeddingConfig: { outputEmbeddingLength: 384 },
    });
    expect(titan.json["embedding"]).toHaveLength(384);
    const cohere = await invoke("us.cohere.embed-v4:0", {
      images: [dataUri("image/png", pngBytes(40, 40))],
      input_type: "search_document",
    });
    expect((cohere.json["embeddings"] as { float: number[][] }).float[0]).toHaveLength(1536);
    expect(emulator.requests.at(-1)?.headers["content-type"]).toBe("application/json");
  });
});
