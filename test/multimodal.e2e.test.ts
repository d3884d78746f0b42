import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BedrockEmbedder, type BedrockEmbedderConfig } from "@bedrock-embeddings/bedrock";
import {
  BatchEmbeddingError,
  BedrockApiError,
  ConfigurationError,
  cosineSimilarity,
  InputError,
  vectorNorm,
} from "@bedrock-embeddings/core";
import { createTestPng } from "@bedrock-embeddings/core/testing";
import {
  EMULATOR_DEFAULT_CREDENTIALS,
  type RunningEmulator,
  startEmulator,
} from "@bedrock-embeddings/emulator";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type S3Fixture, startS3Fixture } from "./support/s3-fixture.js";

const TITAN_MM = "amazon.titan-embed-image-v1";
const NOVA = "amazon.nova-2-multimodal-embeddings-v1:0";
const ACCOUNT = "arn:aws:bedrock:us-east-1:123456789012";
const COHERE_PROFILE = `${ACCOUNT}:application-inference-profile/cohere4app`;
const NOVA_PROFILE = `${ACCOUNT}:application-inference-profile/novaapp`;

const red = createTestPng({ width: 4, height: 4, rgb: [220, 20, 20] });
const blue = createTestPng({ width: 4, height: 4, rgb: [20, 20, 220] });

let s3: S3Fixture;
let emulator: RunningEmulator;
let directory: string;

beforeAll(async () => {
  s3 = await startS3Fixture();
  await s3.createBucket("media");
  await s3.put("s3://media/photos/red.png", red);
  // The emulator never decodes media: a clip's duration is this metadata (or its size).
  await s3.put("s3://media/clips/intro.mp4", new Uint8Array(64_000), { "duration-seconds": "4" });
  await s3.put("s3://media/clips/call.mp3", new Uint8Array(32_000), { "duration-seconds": "2" });
  emulator = await startEmulator({
    port: 0,
    s3: { endpoint: s3.endpoint },
    applicationInferenceProfiles: { [COHERE_PROFILE]: "cohere.embed-v4:0", [NOVA_PROFILE]: NOVA },
  });
  directory = await mkdtemp(join(tmpdir(), "multimodal-e2e-"));
});

afterAll(async () => {
  await emulator?.close();
  await s3?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
});

beforeEach(() => emulator.clearRequests());

function embedder(options: Partial<BedrockEmbedderConfig> & { model: string }): BedrockEmbedder {
  return new BedrockEmbedder({
    region: "us-east-1",
    endpoint: emulator.url,
    credentials: { ...EMULATOR_DEFAULT_CREDENTIALS },
    ...options,
  });
}

function invokeBodies(): Record<string, unknown>[] {
  return emulator.requests
    .filter((request) => request.path.endsWith("/invoke"))
    .map((request) => request.body as Record<string, unknown>);
}

function expectUnit(vector: number[] | undefined, dimension: number): number[] {
  expect(vector).toHaveLength(dimension);
  expect(vectorNorm(vector!)).toBeCloseTo(1, 6);
  return vector!;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("Titan Multimodal Embeddings G1", () => {
  it.each([256, 384, 1024])(
    "embeds text, image bytes, an image file and text+image at %d dimensions",
    async (dimensions) => {
      const file = join(directory, `red-${dimensions}.png`);
      await writeFile(file, red);
      const titan = embedder({ model: TITAN_MM, dimensions });
      const [image, fromFile, mixed, text, other] = await titan.embedInputs([
        { image: { bytes: red } },
        { image: { file } },
        { text: "a red square", image: { bytes: red } },
        { text: "a red square" },
        { image: { bytes: blue }, format: "png" },
      ]);
      for (const result of [image, fromFile, mixed, text, other]) expectUnit(result?.vector, dimensions);
      expect([image, mixed, text].map((result) => result?.embeddingType)).toEqual([
        "IMAGE",
        "TEXT_IMAGE",
        "TEXT",
      ]);
      expect(cosineSimilarity(image!.vector!, fromFile!.vector!)).toBeCloseTo(1, 6);
      expect(cosineSimilarity(image!.vector!, other!.vector!)).toBeLessThan(0.999);
      // Calls run concurrently: find the text+image body by its keys.
      expect(invokeBodies().find((body) => "inputText" in body && "inputImage" in body)).toEqual({
        inputText: "a red square",
        inputImage: Buffer.from(red).toString("base64"),
        embeddingConfig: { outputEmbeddingLength: dimensions },
      });
      // EmbeddingBase still works on the same model.
      expect(cosineSimilarity(await titan.embed("a red square"), text!.vector!)).toBeCloseTo(1, 6);
    },
  );

  it("refuses an oversize image file from its size, before reading or sending it", async () => {
    const file = join(directory, "huge.png");
    await writeFile(file, red);
    await truncate(file, 25_000_001);
    const error = await rejection(
      embedder({ model: TITAN_MM }).embedInputs([{ text: "ok" }, { image: { file } }]),
    );
    expect(InputError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ index: 1, limit: 25_000_000, actual: 25_000_001 });
    expect(emulator.requests).toHaveLength(0);
  });

  it("refuses an image over 2048×2048 pixels from its header", async () => {
    const wide = createTestPng({ width: 2049, height: 1 });
    const error = await rejection(embedder({ model: TITAN_MM }).embedInputs([{ image: { bytes: wide } }]));
    expect(error).toMatchObject({ index: 0, limit: 2048, actual: 2049 });
    expect(emulator.requests).toHaveLength(0);
  });

  it("a text within the character ceiling but over 256 tokens is refused by the service", async () => {
    // 700 one-letter words: 1,399 characters, within the 1,536-character pre-send ceiling; the
    // service counts the tokens. One failed input of a batch is a BatchEmbeddingError.
    const text = Array.from({ length: 700 }, () => "a").join(" ");
    const error = await rejection(embedder({ model: TITAN_MM }).embedInputs([{ text }]));
    expect(BatchEmbeddingError.isInstance(error)).toBe(true);
    const cause = (error as BatchEmbeddingError).failures[0]?.error;
    expect(BedrockApiError.isInstance(cause)).toBe(true);
    expect(cause).toMatchObject({ awsErrorName: "ValidationException", httpStatus: 400, failedIndexes: [0] });
    expect(cause?.message).toMatch(/Max input tokens: 256/);
  });
});

describe("Cohere images and embedding types", () => {
  it("v3 embeds an image (input_type image) and texts as int8 and bit-packed binary", async () => {
    const cohere = embedder({
      model: "cohere.embed-english-v3",
      embeddingTypes: ["float", "int8", "binary"],
    });
    const results = await cohere.embedInputs([
      { image: { bytes: red } },
      { text: "a red square" },
      { text: "a cat" },
    ]);
    expect(
      invokeBodies()
        .map((body) => body["input_type"])
        .sort(),
    ).toEqual(["image", "search_document"]);
    for (const result of results) {
      expectUnit(result.vector, 1024);
      expect(result.typed?.int8?.values).toBeInstanceOf(Int8Array);
      expect(result.typed?.int8?.values).toHaveLength(1024);
      expect(result.typed?.binary?.values).toBeInstanceOf(Int8Array);
      expect(result.typed?.binary?.values).toHaveLength(128);
    }
    // The quantized vector points the same way as the float one.
    const float = results[1]!.vector!;
    const int8 = Array.from(results[1]!.typed!.int8!.values);
    expect(cosineSimilarity(float, int8)).toBeGreaterThan(0.95);
  });

  it("v4 embeds images, interleaved text+image and texts, with uint8 and ubinary at 512 dimensions", async () => {
    const cohere = embedder({
      model: "us.cohere.embed-v4:0",
      dimensions: 512,
      embeddingTypes: ["float", "uint8", "ubinary"],
    });
    const results = await cohere.embedInputs(
      [
        { image: { bytes: red } },
        { text: "a red square", image: { bytes: red } },
        { text: "a red square" },
        { image: { bytes: blue } },
      ],
      "search",
    );
    expect(invokeBodies()).toHaveLength(3); // images together, the interleaved input, the text
    expect(results.map((result) => result.embeddingType)).toEqual(["IMAGE", "TEXT_IMAGE", "TEXT", "IMAGE"]);
    for (const result of results) {
      expectUnit(result.vector, 512);
      expect(result.typed?.uint8?.values).toBeInstanceOf(Uint8Array);
      expect(result.typed?.uint8?.values).toHaveLength(512);
      expect(result.typed?.ubinary?.values).toHaveLength(64);
    }
    expect(cosineSimilarity(results[0]!.vector!, results[3]!.vector!)).toBeLessThan(0.999);
  });

  it("the text path needs float (the error names embedding_types); embedInputs returns typed-only encodings", async () => {
    const cohere = embedder({ model: "cohere.embed-v4:0", embeddingTypes: ["int8"] });
    const error = await rejection(cohere.embed("x"));
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as ConfigurationError).message).toMatch(/Add "float" to embedding_types/);
    const [typed] = await cohere.embedInputs([{ text: "x" }]);
    expect(typed?.vector).toBeUndefined();
    expect(typed?.typed?.int8?.values).toHaveLength(1536);
  });

  it("an image over Cohere's 5 MB is an InputError and nothing is sent", async () => {
    const big = new Uint8Array(5_000_001);
    big.set(red);
    const error = await rejection(
      embedder({ model: "cohere.embed-v4:0" }).embedInputs([{ image: { bytes: big } }]),
    );
    expect(error).toMatchObject({ index: 0, limit: 5_000_000, actual: 5_000_001 });
    expect(emulator.requests).toHaveLength(0);
  });
});

describe("Titan Text Embeddings V2 binary", () => {
  it("returns one 0/1 value per dimension beside the server-normalized floats", async () => {
    const titan = embedder({
      model: "amazon.titan-embed-text-v2:0",
      dimensions: 256,
      embeddingTypes: ["float", "binary"],
    });
    const [result] = await titan.embedInputs([{ text: "binary please" }]);
    expectUnit(result?.vector, 256);
    const bits = result!.typed!.binary!;
    expect(bits.values).toHaveLength(256);
    expect(bits.dimension).toBe(256);
    expect(new Set(bits.values)).toEqual(new Set([0, 1]));
    expect(invokeBodies()[0]).toMatchObject({ embeddingTypes: ["float", "binary"] });
  });
});

describe("Amazon Nova multimodal embeddings", () => {
  it("embeds text, image bytes and an S3 image, with purposes from the memory action", async () => {
    const nova = embedder({ model: NOVA, dimensions: 1024 });
    const [text, image, stored] = await nova.embedInputs(
      [
        { text: "a red square" },
        { image: { bytes: red } },
        { image: { s3Uri: "s3://media/photos/red.png" } },
      ],
      "search",
    );
    expectUnit(text?.vector, 1024);
    expectUnit(image?.vector, 1024);
    expectUnit(stored?.vector, 1024);
    expect(cosineSimilarity(image!.vector!, stored!.vector!)).toBeCloseTo(1, 6);
    expect(
      invokeBodies().map(
        (body) => (body["singleEmbeddingParams"] as Record<string, unknown>)["embeddingPurpose"],
      ),
    ).toEqual(["TEXT_RETRIEVAL", "GENERIC_RETRIEVAL", "GENERIC_RETRIEVAL"]);
    await nova.embed("a stored memory", "add");
    expect(invokeBodies().at(-1)?.["singleEmbeddingParams"]).toMatchObject({
      embeddingPurpose: "GENERIC_INDEX",
    });
  });

  it("embeds S3 audio and video, combined and separate (two vectors), at the default 3072 dimensions", async () => {
    const nova = embedder({ model: NOVA });
    expect(nova.dimension).toBe(3072);
    const [audio, combined, separate] = await nova.embedInputs([
      { audio: { s3Uri: "s3://media/clips/call.mp3" } },
      { video: { s3Uri: "s3://media/clips/intro.mp4" }, format: "mp4" },
      { video: { s3Uri: "s3://media/clips/intro.mp4" }, embeddingMode: "AUDIO_VIDEO_SEPARATE" },
    ]);
    expect(audio?.embeddingType).toBe("AUDIO");
    expectUnit(audio?.vector, 3072);
    expect(combined?.embeddingType).toBe("AUDIO_VIDEO_COMBINED");
    expectUnit(combined?.vector, 3072);
    expect(separate?.embeddingType).toBe("VIDEO");
    expectUnit(separate?.vector, 3072);
    expect(separate?.audioTrack?.embeddingType).toBe("AUDIO");
    expectUnit(separate?.audioTrack?.vector, 3072);
  });

  it("embeds inline video bytes and a document image at 256 dimensions", async () => {
    const nova = embedder({ model: NOVA, dimensions: 256 });
    const [video, page] = await nova.embedInputs(
      [{ video: { bytes: new Uint8Array(16_000) }, format: "mp4" }, { image: { bytes: red } }],
      "add",
      { detailLevel: "DOCUMENT_IMAGE" },
    );
    expectUnit(video?.vector, 256);
    expectUnit(page?.vector, 256);
    expect(invokeBodies()[1]?.["singleEmbeddingParams"]).toMatchObject({
      image: { detailLevel: "DOCUMENT_IMAGE" },
    });
  });

  it("text+image is not a Nova modality: an InputError naming what Nova accepts", async () => {
    const error = await rejection(
      embedder({ model: NOVA }).embedInputs([{ text: "x", image: { bytes: red } }]),
    );
    expect(InputError.isInstance(error)).toBe(true);
    expect((error as InputError).message).toMatch(/accept text, image, audio, video/);
    expect(emulator.requests).toHaveLength(0);
  });
});

describe("TwelveLabs Marengo", () => {
  it("2.7 through a us. profile: text, image bytes and an S3 image, 1024 dimensions", async () => {
    const marengo = embedder({ model: "us.twelvelabs.marengo-embed-2-7-v1:0" });
    const results = await marengo.embedInputs([
      { text: "a red square" },
      { image: { bytes: red } },
      { image: { s3Uri: "s3://media/photos/red.png" } },
    ]);
    for (const result of results) expectUnit(result.vector, 1024);
    expect(cosineSimilarity(results[1]!.vector!, results[2]!.vector!)).toBeCloseTo(1, 6);
    expect(await marengo.embed("a red square")).toHaveLength(1024);
  });

  it("2.7 by bare id is a ConfigurationError naming the profile ids, before any request", () => {
    let thrown: unknown;
    try {
      embedder({ model: "twelvelabs.marengo-embed-2-7-v1:0" });
    } catch (error) {
      thrown = error;
    }
    expect(ConfigurationError.isInstance(thrown)).toBe(true);
    expect((thrown as ConfigurationError).allowed).toContain("us.twelvelabs.marengo-embed-2-7-v1:0");
    expect(emulator.requests).toHaveLength(0);
  });

  it("2.7 text over 77 tokens fails before sending unless truncate END lets the model cut it", async () => {
    const long = "word ".repeat(120);
    const strict = await rejection(
      embedder({ model: "eu.twelvelabs.marengo-embed-2-7-v1:0", region: "eu-west-1" }).embed(long),
    );
    expect(strict).toMatchObject({ index: 0, limit: 462 });
    expect(emulator.requests).toHaveLength(0);
    const cutting = embedder({
      model: "eu.twelvelabs.marengo-embed-2-7-v1:0",
      region: "eu-west-1",
      truncate: "END",
    });
    expect(await cutting.embed(long)).toHaveLength(1024);
    expect(invokeBodies()[0]).toMatchObject({ textTruncate: "end" });
  });

  it("3.0: text, image and text_image at 512 dimensions", async () => {
    const marengo = embedder({ model: "twelvelabs.marengo-embed-3-0-v1:0" });
    const results = await marengo.embedInputs([
      { text: "a red square" },
      { image: { bytes: red } },
      { text: "a red square", image: { s3Uri: "s3://media/photos/red.png" } },
    ]);
    for (const result of results) expectUnit(result.vector, 512);
    expect(invokeBodies().map((body) => body["inputType"])).toEqual(["text", "image", "text_image"]);
  });

  it("wrong dimension or wrong modality for the family fail before sending", async () => {
    expect(() => embedder({ model: "twelvelabs.marengo-embed-3-0-v1:0", dimensions: 1024 })).toThrow(
      /always return 512 dimensions/,
    );
    expect(() => embedder({ model: TITAN_MM, dimensions: 512 })).toThrow(/Allowed: 256, 384, 1024/);
    expect(() => embedder({ model: NOVA, dimensions: 512 })).toThrow(/Allowed: 256, 384, 1024, 3072/);
    const error = await rejection(
      embedder({ model: "twelvelabs.marengo-embed-3-0-v1:0" }).embedInputs([
        { audio: { s3Uri: "s3://media/clips/call.mp3" } },
      ]),
    );
    expect((error as InputError).message).toMatch(
      /marengo-3-0 models do not take audio inputs; they accept text, image, text\+image/,
    );
    expect(emulator.requests).toHaveLength(0);
  });
});

describe("application inference profiles without family", () => {
  it("look the model up once per ARN (GetInferenceProfile) and embed with its family", async () => {
    const first = embedder({ model: COHERE_PROFILE });
    const second = embedder({ model: COHERE_PROFILE, dimensions: 512 });
    expect(first.family).toBeUndefined();
    expect(first.dimension).toBeUndefined();
    expect(second.dimension).toBe(512);
    const [a, b, c] = await Promise.all([
      first.embed("a document"),
      first.embedBatch(["one", "two"], "search"),
      second.embed("a smaller vector"),
    ]);
    expect(a).toHaveLength(1536);
    expect(b).toHaveLength(2);
    expect(c).toHaveLength(512);
    expect(first.family).toBe("cohere-v4");
    expect(first.dimension).toBe(1536);
    const lookups = emulator.requests.filter((request) => request.path.startsWith("/inference-profiles/"));
    expect(lookups).toHaveLength(1);
    expect(lookups[0]?.method).toBe("GET");
  });

  it("a Nova application profile takes images through embedInputs once resolved", async () => {
    const nova = embedder({ model: NOVA_PROFILE });
    expect(await nova.detectDimension()).toBe(3072);
    const [image] = await nova.embedInputs([{ image: { bytes: red } }]);
    expectUnit(image?.vector, 3072);
    expect(emulator.requests.filter((request) => request.path.endsWith("/invoke"))).toHaveLength(1);
  });

  it("an unknown profile is a BedrockApiError naming the ARN and suggesting family", async () => {
    const unknown = `${ACCOUNT}:application-inference-profile/missing`;
    const error = await rejection(embedder({ model: unknown, maxAttempts: 1 }).embed("x"));
    expect(BedrockApiError.isInstance(error)).toBe(true);
    expect((error as BedrockApiError).message).toContain(unknown);
    expect((error as BedrockApiError).fix).toMatch(/set family/);
  });
});

describe("images through the one pipeline", () => {
  const shade = (index: number) => createTestPng({ width: 4, height: 4, rgb: [index, 120, 200] });

  it("sends identical images once and reports progress after every call", async () => {
    const progress: { done: number; total: number }[] = [];
    const results = await embedder({ model: TITAN_MM, dimensions: 256 }).embedInputs(
      [
        { image: { bytes: red } },
        { image: { bytes: red } },
        { image: { bytes: blue } },
        { image: { bytes: red } },
      ],
      "add",
      { onProgress: ({ done, total }) => progress.push({ done, total }) },
    );
    expect(invokeBodies()).toHaveLength(2);
    expect(results[1]?.vector).toEqual(results[0]?.vector);
    expect(results[3]?.vector).toEqual(results[0]?.vector);
    expect(cosineSimilarity(results[0]!.vector!, results[2]!.vector!)).toBeLessThan(0.999);
    expect(progress[0]).toEqual({ done: 0, total: 4 });
    expect(progress.at(-1)).toEqual({ done: 4, total: 4 });
    expect(progress.map(({ done }) => done)).toEqual(
      [...progress.map(({ done }) => done)].sort((a, b) => a - b),
    );
  });

  it("an abort mid-run stops sending and keeps the results already embedded", async () => {
    emulator.setTraffic({ defaults: { latencyMs: 50 } });
    try {
      const controller = new AbortController();
      const reason = new Error("the user stopped the run");
      const inputs = Array.from({ length: 40 }, (_unused, index) => ({ image: { bytes: shade(index) } }));
      const error = (await embedder({ model: TITAN_MM, dimensions: 256, maxConcurrency: 2, adaptive: false })
        .embedInputs(inputs, "add", {
          signal: controller.signal,
          onProgress: ({ done }) => {
            if (done >= 4) controller.abort(reason);
          },
        })
        .catch((caught: unknown) => caught)) as BatchEmbeddingError;
      expect(BatchEmbeddingError.isInstance(error)).toBe(true);
      expect(error.aborted).toBe(true);
      expect(error.cause).toBe(reason);
      const embedded = error.results?.filter((result) => result?.vector !== undefined).length ?? 0;
      expect(embedded).toBeGreaterThanOrEqual(4);
      expect(embedded).toBeLessThan(40);
      expect(error.failures.every((failure) => error.results?.[failure.index] === undefined)).toBe(true);
      const sent = invokeBodies().length;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(invokeBodies()).toHaveLength(sent);
      expect(sent).toBeLessThan(40);
    } finally {
      emulator.setTraffic({});
    }
  });
});
