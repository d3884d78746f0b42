import {
  BatchEmbeddingError,
  ConfigurationError,
  InputError,
  ResponseError,
  vectorNorm,
} from "@bedrock-embeddings/core";
import { createTestPng } from "@bedrock-embeddings/core/testing";
import { describe, expect, it } from "vitest";
import { BedrockEmbedder, type BedrockEmbedderConfig } from "./bedrock-embedder.js";
import type { BedrockCallEvent } from "./events.js";
import { fakeClient, type SentRequest, vectorOf } from "./fake-bedrock.test-helpers.js";

const png = createTestPng({ width: 2, height: 2 });
const pngBase64 = Buffer.from(png).toString("base64");

function configurationError(build: () => unknown): ConfigurationError {
  try {
    build();
  } catch (error) {
    if (ConfigurationError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a ConfigurationError");
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

/** Cohere by-type reply: per input, float [3, 4, 0...], int8 and packed ubinary values. */
function cohereTypedReply(request: SentRequest, dimension: number) {
  const count = ((request.body["texts"] ?? request.body["images"] ?? request.body["inputs"]) as unknown[])
    .length;
  const types = request.body["embedding_types"] as string[];
  const byType: Record<string, number[][]> = {};
  for (const type of types) {
    const length = type === "binary" || type === "ubinary" ? dimension / 8 : dimension;
    const value = type === "float" ? 0 : type === "int8" || type === "binary" ? -5 : 200;
    byType[type] = Array.from({ length: count }, (_, position) => {
      const vector = new Array<number>(length).fill(value);
      if (type === "float") vector.splice(0, 2, 3 + position, 4);
      return vector;
    });
  }
  return { id: "x", response_type: "embeddings_by_type", embeddings: byType };
}

describe("embedInputs bodies and results", () => {
  it("Titan multimodal: image, text+image and text, client-normalized floats typed by content", async () => {
    const fake = fakeClient(() => ({
      embedding: [3, 4, ...new Array<number>(254).fill(0)],
      inputTextTokenCount: 2,
    }));
    const embedder = new BedrockEmbedder({
      model: "amazon.titan-embed-image-v1",
      dimensions: 256,
      client: fake.client,
    });
    const results = await embedder.embedInputs([
      { image: { bytes: png } },
      { text: "a red square", image: { bytes: png }, format: "png" },
      { text: "a red square" },
    ]);
    expect(fake.requests.map((request) => request.body)).toEqual([
      { inputImage: pngBase64, embeddingConfig: { outputEmbeddingLength: 256 } },
      { inputText: "a red square", inputImage: pngBase64, embeddingConfig: { outputEmbeddingLength: 256 } },
      { inputText: "a red square", embeddingConfig: { outputEmbeddingLength: 256 } },
    ]);
    expect(results.map((result) => result.embeddingType)).toEqual(["IMAGE", "TEXT_IMAGE", "TEXT"]);
    for (const result of results) {
      expect(result.vector).toHaveLength(256);
      expect(result.vector?.[0]).toBeCloseTo(0.6);
      expect(vectorNorm(result.vector!)).toBeCloseTo(1, 12);
      expect(result.typed).toBeUndefined();
    }
    // The text path reaches the same family through EmbeddingBase.
    expect(await embedder.embed("a red square")).toHaveLength(256);
  });

  it("Cohere v4: groups texts, images and interleaved inputs into calls, returns typed arrays in input order", async () => {
    const fake = fakeClient((request) => cohereTypedReply(request, 512));
    const embedder = new BedrockEmbedder({
      model: "cohere.embed-v4:0",
      dimensions: 512,
      embeddingTypes: ["float", "int8", "ubinary"],
      client: fake.client,
    });
    const results = await embedder.embedInputs(
      [
        { text: "first" },
        { image: { bytes: png } },
        { text: "second" },
        { text: "caption", image: { bytes: png } },
      ],
      "search",
    );
    expect(fake.requests.map((request) => Object.keys(request.body).sort())).toEqual([
      ["embedding_types", "input_type", "output_dimension", "texts"],
      ["embedding_types", "images", "input_type", "output_dimension"],
      ["embedding_types", "input_type", "inputs", "output_dimension"],
    ]);
    expect(fake.requests[0]?.body).toMatchObject({
      texts: ["first", "second"],
      input_type: "search_query",
      embedding_types: ["float", "int8", "ubinary"],
    });
    expect(results.map((result) => result.embeddingType)).toEqual(["TEXT", "IMAGE", "TEXT", "TEXT_IMAGE"]);
    // Input order survives the grouping: the second text was the second entry of the text call.
    expect(results[2]?.vector?.[0]).toBeCloseTo(4 / Math.hypot(4, 4));
    for (const result of results) {
      expect(vectorNorm(result.vector!)).toBeCloseTo(1, 12);
      const int8 = result.typed?.int8;
      const ubinary = result.typed?.ubinary;
      expect(int8?.type).toBe("int8");
      expect(int8?.values).toBeInstanceOf(Int8Array);
      expect(int8?.values).toHaveLength(512);
      expect(int8?.values[0]).toBe(-5); // never normalized
      expect(ubinary?.values).toBeInstanceOf(Uint8Array);
      expect(ubinary?.values).toHaveLength(64);
      expect(ubinary?.values[0]).toBe(200);
      expect(ubinary?.dimension).toBe(512);
    }
  });

  it("Cohere v3: one image per call with input_type image; binary packed to 128 bytes", async () => {
    const fake = fakeClient((request) => cohereTypedReply(request, 1024));
    const embedder = new BedrockEmbedder({
      model: "cohere.embed-english-v3",
      embeddingTypes: ["binary"],
      inputType: "search_query",
      client: fake.client,
    });
    const [first, second] = await embedder.embedInputs([
      { image: { bytes: png } },
      { image: { bytes: png } },
    ]);
    // The same image twice is sent once (the pipeline dedupes media by content).
    expect(fake.requests.map((request) => request.body)).toEqual([
      { images: [`data:image/png;base64,${pngBase64}`], input_type: "image", embedding_types: ["binary"] },
    ]);
    expect(second).toBe(first);
    expect(first?.vector).toBeUndefined();
    expect(first?.typed?.binary?.values).toBeInstanceOf(Int8Array);
    expect(first?.typed?.binary?.values).toHaveLength(128);
    expect(second?.typed?.binary?.dimension).toBe(1024);
  });

  it("Titan v2: binary comes back unpacked beside the server-normalized floats", async () => {
    const raw = [0.6, 0.8, ...new Array<number>(254).fill(0)];
    const bits = raw.map((value) => (value > 0 ? 1 : 0));
    const fake = fakeClient(() => ({
      embedding: raw,
      inputTextTokenCount: 2,
      embeddingsByType: { float: raw, binary: bits },
    }));
    const embedder = new BedrockEmbedder({
      model: "amazon.titan-embed-text-v2:0",
      dimensions: 256,
      embeddingTypes: ["float", "binary"],
      client: fake.client,
    });
    const [result] = await embedder.embedInputs([{ text: "hello" }]);
    expect(fake.requests[0]?.body).toEqual({
      inputText: "hello",
      dimensions: 256,
      normalize: true,
      embeddingTypes: ["float", "binary"],
    });
    expect(result?.vector).toEqual(raw);
    expect(result?.typed?.binary).toEqual({ type: "binary", values: Int8Array.from(bits), dimension: 256 });
    // The text path asks for floats only.
    await embedder.embed("hello");
    expect(fake.requests[1]?.body).toEqual({ inputText: "hello", dimensions: 256, normalize: true });
  });

  it("Nova: purposes by memory action and modality, inputType overrides, separate video gives an audio track", async () => {
    const fake = fakeClient((request) => {
      const params = request.body["singleEmbeddingParams"] as Record<string, Record<string, unknown>>;
      if (params["video"]?.["embeddingMode"] === "AUDIO_VIDEO_SEPARATE") {
        return {
          embeddings: [
            { embeddingType: "AUDIO", embedding: vectorOf(1024, 2) },
            { embeddingType: "VIDEO", embedding: vectorOf(1024, 3) },
          ],
        };
      }
      const type = params["text"] ? "TEXT" : params["image"] ? "IMAGE" : "AUDIO_VIDEO_COMBINED";
      return { embeddings: [{ embeddingType: type, embedding: vectorOf(1024) }] };
    });
    const embedder = new BedrockEmbedder({
      model: "amazon.nova-2-multimodal-embeddings-v1:0",
      dimensions: 1024,
      normalize: false,
      client: fake.client,
    });
    const purposes = () =>
      fake.requests.map(
        (request) => (request.body["singleEmbeddingParams"] as Record<string, unknown>)["embeddingPurpose"],
      );
    await embedder.embedInputs([{ text: "q" }, { image: { bytes: png } }], "search");
    await embedder.embedInputs([{ text: "doc" }, { image: { bytes: png } }], "update");
    await embedder.embedInputs([{ text: "q" }], "search", { inputType: "IMAGE_RETRIEVAL" });
    await embedder.embed("q", "search");
    expect(purposes()).toEqual([
      "TEXT_RETRIEVAL",
      "GENERIC_RETRIEVAL",
      "GENERIC_INDEX",
      "GENERIC_INDEX",
      "IMAGE_RETRIEVAL",
      "TEXT_RETRIEVAL",
    ]);
    const [video] = await embedder.embedInputs([
      { video: { s3Uri: "s3://bucket/clip.mov" }, embeddingMode: "AUDIO_VIDEO_SEPARATE" },
    ]);
    expect(video?.embeddingType).toBe("VIDEO");
    expect(video?.vector?.[0]).toBe(3);
    expect(video?.audioTrack?.embeddingType).toBe("AUDIO");
    expect(video?.audioTrack?.vector?.[0]).toBe(2);
    expect(fake.requests.at(-1)?.body["singleEmbeddingParams"]).toMatchObject({
      video: { format: "mov", source: { s3Location: { uri: "s3://bucket/clip.mov" } } },
    });
    const [combined] = await embedder.embedInputs([{ video: { bytes: png }, format: "mp4" }], "add", {
      detailLevel: "DOCUMENT_IMAGE",
    });
    expect(combined?.embeddingType).toBe("AUDIO_VIDEO_COMBINED");
    expect(combined?.audioTrack).toBeUndefined();
  });

  it("Marengo: profile ids and both data shapes", async () => {
    const fake = fakeClient((request) =>
      request.body["inputType"] === "image"
        ? { data: { embedding: vectorOf(512) } }
        : { data: [{ embedding: vectorOf(512) }] },
    );
    const embedder = new BedrockEmbedder({ model: "twelvelabs.marengo-embed-3-0-v1:0", client: fake.client });
    expect(embedder.dimension).toBe(512);
    const results = await embedder.embedInputs([
      { text: "a dog" },
      { image: { s3Uri: "s3://bucket/dog.png", bucketOwner: "123456789012" } },
      { text: "a dog", image: { bytes: png } },
    ]);
    expect(results.map((result) => result.vector?.length)).toEqual([512, 512, 512]);
    expect(fake.requests[1]?.body).toEqual({
      inputType: "image",
      image: { mediaSource: { s3Location: { uri: "s3://bucket/dog.png", bucketOwner: "123456789012" } } },
    });
  });

  it("reports each call through onCall with the inputs' indexes", async () => {
    const events: BedrockCallEvent[] = [];
    const fake = fakeClient(() => ({ data: [{ embedding: vectorOf(1024) }] }));
    const embedder = new BedrockEmbedder({
      model: "us.twelvelabs.marengo-embed-2-7-v1:0",
      client: fake.client,
      onCall: (event) => events.push(event),
    });
    const { usage } = await embedder.embedInputsDetailed([{ text: "a" }, { image: { bytes: png } }]);
    expect(events.map((event) => [event.family, event.indexes, event.ok])).toEqual([
      ["marengo-2-7", [0], true],
      ["marengo-2-7", [1], true],
    ]);
    expect(usage.calls).toBe(2);
  });
});

describe("cost of media calls", () => {
  it("prices images per image (Marengo, Titan multimodal) and leaves unknown rates unestimated", async () => {
    const events: BedrockCallEvent[] = [];
    const onCall = (event: BedrockCallEvent) => events.push(event);
    const marengo = new BedrockEmbedder({
      model: "twelvelabs.marengo-embed-3-0-v1:0",
      client: fakeClient(() => ({ data: [{ embedding: vectorOf(512) }] })).client,
      onCall,
    });
    const { usage } = await marengo.embedInputsDetailed([
      { text: "a" },
      { image: { bytes: png } },
      { text: "b", image: { bytes: png } },
    ]);
    const cost = (index: number) => events.find((event) => event.indexes[0] === index)?.estimatedCostUsd;
    expect(cost(0)).toBeCloseTo(0.00007, 12); // per text request
    expect(cost(1)).toBeCloseTo(0.0001, 12); // per image
    expect(cost(2)).toBeCloseTo(0.00017, 12); // both
    expect(usage.estimatedCostUsd).toBeCloseTo(0.00034, 12);

    events.length = 0;
    const titan = new BedrockEmbedder({
      model: "amazon.titan-embed-image-v1",
      client: fakeClient(() => ({ embedding: vectorOf(1024), inputTextTokenCount: 1000 })).client,
      onCall,
    });
    await titan.embedInputs([{ text: "t", image: { bytes: png } }]);
    expect(events[0]?.estimatedCostUsd).toBeCloseTo(1000 * 0.8e-6 + 0.00006, 12);

    events.length = 0;
    const nova = new BedrockEmbedder({
      model: "amazon.nova-2-multimodal-embeddings-v1:0",
      client: fakeClient(() => ({ embeddings: [{ embeddingType: "IMAGE", embedding: vectorOf(3072) }] }))
        .client,
      onCall,
    });
    await nova.embedInputs([{ image: { bytes: png } }, { audio: { s3Uri: "s3://b/a.mp3" } }]);
    expect(events.map((event) => event.estimatedCostUsd)).toEqual([undefined, undefined]);
  });
});

describe("embedInputs failures", () => {
  it("an oversize image, a wrong modality or a bad format is an InputError and nothing is sent", async () => {
    const fake = fakeClient(() => ({ embedding: vectorOf(1024) }));
    const embedder = new BedrockEmbedder({ model: "amazon.titan-embed-image-v1", client: fake.client });
    const big = new Uint8Array(25_000_001);
    big.set(png);
    const oversize = await rejection(embedder.embedInputs([{ text: "fine" }, { image: { bytes: big } }]));
    expect(InputError.isInstance(oversize)).toBe(true);
    expect(oversize).toMatchObject({ index: 1, limit: 25_000_000, actual: 25_000_001 });
    const modality = await rejection(embedder.embedInputs([{ video: { s3Uri: "s3://b/v.mp4" } }]));
    expect((modality as InputError).message).toMatch(
      /do not take video inputs; they accept text, image, text\+image/,
    );
    expect(fake.send).not.toHaveBeenCalled();
  });

  it("a missing requested type, or a typed value out of range, fails that input and keeps the others", async () => {
    const fake = fakeClient(() => ({
      embeddings: {
        float: [vectorOf(1024), vectorOf(1024)],
        int8: [new Array(1024).fill(1), new Array(1024).fill(300)],
      },
    }));
    const embedder = new BedrockEmbedder({
      model: "cohere.embed-multilingual-v3",
      embeddingTypes: ["float", "int8"],
      client: fake.client,
    });
    const error = await rejection(embedder.embedInputs([{ text: "ok" }, { text: "bad" }]));
    expect(BatchEmbeddingError.isInstance(error)).toBe(true);
    const batch = error as BatchEmbeddingError;
    expect(batch.failures.map((failure) => failure.index)).toEqual([1]);
    expect(ResponseError.isInstance(batch.failures[0]?.error)).toBe(true);
    expect(batch.failures[0]?.error.message).toMatch(/int8 embedding for input 1 has 300/);
    expect(batch.results?.[0]?.typed?.int8?.values[0]).toBe(1);
    expect(batch.vectors[0]).toHaveLength(1024);

    const missing = fakeClient(() => ({ embeddings: { float: [vectorOf(1024)] } }));
    const second = new BedrockEmbedder({
      model: "cohere.embed-english-v3",
      embeddingTypes: ["float", "uint8"],
      client: missing.client,
    });
    const absent = (await rejection(second.embedInputs([{ text: "x" }]))) as BatchEmbeddingError;
    expect(absent.failures[0]?.error.message).toMatch(/uint8 embedding for input 0 is missing/);
  });

  it("the text path needs float among embeddingTypes and names the config key", async () => {
    const fake = fakeClient(() => ({ embeddings: [vectorOf(1024)] }));
    const embedder = new BedrockEmbedder({
      model: "cohere.embed-english-v3",
      embeddingTypes: ["int8"],
      client: fake.client,
    });
    const error = await rejection(embedder.embed("x"));
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as ConfigurationError).path).toBe("embeddingTypes");
    expect((error as ConfigurationError).message).toMatch(/Add "float" to embedding_types/);
    expect((error as ConfigurationError).message).not.toMatch(/embedInputs|embedBatch/);
    expect(fake.send).not.toHaveBeenCalled();
  });

  it("per-call options are checked against the family", async () => {
    const fake = fakeClient(() => ({ embedding: vectorOf(1024) }));
    const embedder = new BedrockEmbedder({ model: "amazon.titan-embed-image-v1", client: fake.client });
    const types = await rejection(embedder.embedInputs([{ text: "x" }], "add", { embeddingTypes: ["int8"] }));
    expect(types).toMatchObject({ path: "options.embeddingTypes", allowed: ["float"] });
    const detail = await rejection(
      embedder.embedInputs([{ text: "x" }], "add", { detailLevel: "DOCUMENT_IMAGE" }),
    );
    expect(detail).toMatchObject({ path: "options.detailLevel" });
    const nova = new BedrockEmbedder({
      model: "amazon.nova-2-multimodal-embeddings-v1:0",
      client: fake.client,
    });
    const purpose = await rejection(nova.embedInputs([{ text: "x" }], "add", { inputType: "search_query" }));
    expect(purpose).toMatchObject({ path: "options.inputType" });
    expect((purpose as ConfigurationError).allowed).toContain("GENERIC_INDEX");
    expect(fake.send).not.toHaveBeenCalled();
  });
});

describe("configuration per family", () => {
  const build = (config: BedrockEmbedderConfig) => () =>
    new BedrockEmbedder({ region: "us-east-1", ...config });

  it.each([
    ["amazon.titan-embed-image-v1", 512, [256, 384, 1024]],
    ["amazon.nova-2-multimodal-embeddings-v1:0", 512, [256, 384, 1024, 3072]],
    ["twelvelabs.marengo-embed-3-0-v1:0", 1024, [512]],
    ["us.twelvelabs.marengo-embed-2-7-v1:0", 512, [1024]],
  ])("%s refuses %d dimensions and lists what it allows", (model, dimensions, allowed) => {
    expect(configurationError(build({ model, dimensions }))).toMatchObject({ path: "dimensions", allowed });
  });

  it("default dimensions: Nova 3072, Titan multimodal 1024, Marengo 2.7 1024, 3.0 512", () => {
    expect(
      new BedrockEmbedder({ model: "amazon.nova-2-multimodal-embeddings-v1:0", region: "us-east-1" })
        .dimension,
    ).toBe(3072);
    expect(new BedrockEmbedder({ model: "amazon.titan-embed-image-v1", region: "us-east-1" }).dimension).toBe(
      1024,
    );
    expect(
      new BedrockEmbedder({ model: "eu.twelvelabs.marengo-embed-2-7-v1:0", region: "eu-west-1" }).dimension,
    ).toBe(1024);
    expect(
      new BedrockEmbedder({ model: "us.twelvelabs.marengo-embed-3-0-v1:0", region: "us-east-1" }).dimension,
    ).toBe(512);
  });

  it("Marengo 2.7 by bare or foundation-model id is a ConfigurationError naming the profile ids", () => {
    for (const model of [
      "twelvelabs.marengo-embed-2-7-v1:0",
      "arn:aws:bedrock:us-east-1::foundation-model/twelvelabs.marengo-embed-2-7-v1:0",
    ]) {
      const error = configurationError(build({ model }));
      expect(error.path).toBe("model");
      expect(error.allowed).toEqual([
        "us.twelvelabs.marengo-embed-2-7-v1:0",
        "eu.twelvelabs.marengo-embed-2-7-v1:0",
      ]);
      expect(error.message).toMatch(/only through an inference profile/);
    }
    // Marengo 3.0 answers on its bare id.
    expect(() => build({ model: "twelvelabs.marengo-embed-3-0-v1:0" })()).not.toThrow();
  });

  it("embeddingTypes and inputType are checked against the family", () => {
    expect(
      configurationError(build({ model: "amazon.titan-embed-text-v2:0", embeddingTypes: ["int8"] })),
    ).toMatchObject({
      path: "embeddingTypes",
      allowed: ["float", "binary"],
    });
    expect(
      configurationError(build({ model: "cohere.embed-v4:0", embeddingTypes: ["float", "float"] })).message,
    ).toMatch(/more than once/);
    expect(
      configurationError(
        build({ model: "amazon.nova-2-multimodal-embeddings-v1:0", inputType: "search_query" }),
      ),
    ).toMatchObject({ path: "inputType" });
    expect(
      () =>
        new BedrockEmbedder({
          model: "amazon.nova-2-multimodal-embeddings-v1:0",
          region: "us-east-1",
          inputType: "CLUSTERING",
        }),
    ).not.toThrow();
    expect(
      configurationError(build({ model: "twelvelabs.marengo-embed-3-0-v1:0", truncate: "END" })),
    ).toMatchObject({
      path: "truncate",
      allowed: ["NONE"],
    });
  });
});
