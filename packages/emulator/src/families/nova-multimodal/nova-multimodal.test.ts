import { describe, expect, it } from "vitest";
import {
  dataUri,
  filler,
  gifBytes,
  jpegBytes,
  pngBytes,
  webpBytes,
} from "../media/test-images.test-helpers.js";
import type { FetchedObject } from "../s3/s3-object-store.js";
import { cohereEmbedV3 } from "./cohere-embed-v3.js";
import { cohereEmbedV4 } from "./cohere-embed-v4.js";
import { marengoEmbed27 } from "./marengo-embed-2-7.js";
import { marengoEmbed30 } from "./marengo-embed-3-0.js";
import type { InvocationContext } from "./model-family.js";
import { novaMultimodalEmbeddings } from "./nova-multimodal-embeddings.js";
import { titanEmbedImageV1 } from "./titan-embed-image-v1.js";

const reformat = ", please reformat your input and try again.";
const png = pngBytes(64, 48).toString("base64");

function cosine(left: readonly number[], right: readonly number[]): number {
  const dot = left.reduce((sum, value, index) => sum + value * (right[index] ?? 0), 0);
  return dot / (Math.hypot(...left) * Math.hypot(...right));
}

function s3Context(objects: Record<string, FetchedObject>): InvocationContext {
  return {
    s3Object(uri) {
      const object = objects[uri];
      if (!object) throw new Error(`unexpected read of ${uri}`);
      return object;
    },
  };
}

describe("amazon.titan-embed-image-v1", () => {
  it("embeds text, an image, or the average of both", () => {
    const text = titanEmbedImageV1.invoke({ inputText: "a red bicycle" }).body as Record<string, unknown>;
    expect(Object.keys(text).sort()).toEqual(["embedding", "inputTextTokenCount", "message"]);
    expect(text["message"]).toBeNull();
    expect(text["embedding"]).toHaveLength(1024);
    const image = titanEmbedImageV1.invoke({
      inputImage: png,
      embeddingConfig: { outputEmbeddingLength: 256 },
    });
    expect((image.body as { embedding: number[] }).embedding).toHaveLength(256);
    expect((image.body as { inputTextTokenCount: number }).inputTextTokenCount).toBe(0);
    const both = titanEmbedImageV1.invoke({ inputText: "a red bicycle", inputImage: png }).body as {
      embedding: number[];
    };
    const imageOnly = (titanEmbedImageV1.invoke({ inputImage: png }).body as { embedding: number[] })
      .embedding;
    const textOnly = text["embedding"] as number[];
    expect(cosine(both.embedding, textOnly)).toBeGreaterThan(0.6);
    expect(cosine(both.embedding, imageOnly)).toBeGreaterThan(0.6);
  });

  it.each([
    [{}, `Malformed input request: #: at least one of [inputText, inputImage] is required${reformat}`],
    [
      { inputText: "x", embeddingConfig: { outputEmbeddingLength: 512 } },
      `Malformed input request: #/embeddingConfig/outputEmbeddingLength: 512 is not a valid enum value${reformat}`,
    ],
    [
      { inputImage: "not base64!" },
      `Malformed input request: #/inputImage: expected a base64-encoded string${reformat}`,
    ],
    [
      { inputImage: gifBytes(10, 10).toString("base64") },
      "unsupported format (gif). Supported formats: png, jpeg.",
    ],
    [
      { inputImage: pngBytes(4096, 100).toString("base64") },
      "is 4096x100 pixels, which exceeds the maximum of 2048x2048 pixels.",
    ],
    [{ inputText: "word ".repeat(400) }, "Too many input tokens. Max input tokens: 256"],
  ])("rejects %#", (request, message) => {
    expect(() => titanEmbedImageV1.invoke(request)).toThrow(message);
  });

  it("rejects images over 25 MB", () => {
    const oversize = Buffer.concat([jpegBytes(100, 100), Buffer.alloc(25 * 1024 * 1024)]).toString("base64");
    expect(() => titanEmbedImageV1.invoke({ inputImage: oversize })).toThrow(
      /exceeds the maximum image size of 25 MB/,
    );
  });
});

describe("Cohere image inputs", () => {
  it("v3 embeds exactly one PNG/JPEG data URI with input_type image and describes it", () => {
    const { body, inputTokenCount } = cohereEmbedV3.invoke({
      images: [dataUri("image/jpeg", jpegBytes(280, 280))],
      input_type: "image",
      embedding_types: ["float", "ubinary"],
    });
    const response = body as { embeddings: Record<string, number[][]>; images: unknown[]; texts: string[] };
    expect(response.embeddings["float"]?.[0]).toHaveLength(1024);
    expect(response.embeddings["ubinary"]?.[0]).toHaveLength(128);
    expect(response.images).toEqual([{ width: 280, height: 280, format: "jpeg", bit_depth: 8 }]);
    expect(response.texts).toEqual([]);
    expect(inputTokenCount).toBe(400);
  });

  it.each([
    [
      {
        images: [dataUri("image/png", pngBytes(2, 2)), dataUri("image/png", pngBytes(3, 3))],
        input_type: "image",
      },
      "#/images: expected maximum item count: 1, found: 2",
    ],
    [
      { images: [dataUri("image/png", pngBytes(2, 2))], texts: ["x"], input_type: "image" },
      "#: extraneous key [texts] is not permitted",
    ],
    [
      { images: [dataUri("image/png", pngBytes(2, 2))], input_type: "search_query" },
      "#/input_type: must be image when [images] is provided",
    ],
    [{ texts: ["x"], input_type: "image" }, "#/input_type: image requires [images] instead of [texts]"],
    [{ images: ["https://example.com/a.png"], input_type: "image" }, "#/images/0: expected a data URI"],
    [
      { images: [dataUri("image/gif", gifBytes(2, 2))], input_type: "image" },
      "unsupported image type image/gif",
    ],
  ])("v3 rejects %#", (request, message) => {
    expect(() => cohereEmbedV3.invoke(request)).toThrow(message);
  });

  it("v3 rejects images over 5 MB", () => {
    const big = Buffer.concat([pngBytes(100, 100), Buffer.alloc(5 * 1024 * 1024)]);
    expect(() => cohereEmbedV3.invoke({ images: [dataUri("image/png", big)], input_type: "image" })).toThrow(
      /exceeds the maximum image size of 5 MB/,
    );
  });

  it("v4 embeds images of four formats and interleaved inputs", () => {
    const images = [
      dataUri("image/png", pngBytes(10, 10)),
      dataUri("image/jpeg", jpegBytes(10, 10)),
      dataUri("image/webp", webpBytes(10, 10)),
      dataUri("image/gif", gifBytes(10, 10)),
    ];
    const byImages = cohereEmbedV4.invoke({ images, input_type: "search_document", output_dimension: 256 });
    const imageEmbeddings = (byImages.body as { embeddings: { float: number[][] } }).embeddings.float;
    expect(imageEmbeddings).toHaveLength(4);
    expect(imageEmbeddings[0]).toHaveLength(256);
    const inputs = [
      {
        content: [
          { type: "text", text: "a diagram of the pipeline" },
          { type: "image_url", image_url: { url: images[0] } },
        ],
      },
      { content: [{ type: "text", text: "only words here" }] },
    ];
    const byInputs = cohereEmbedV4.invoke({ inputs, input_type: "search_document" });
    const response = byInputs.body as { embeddings: { float: number[][] }; inputs: unknown; texts?: unknown };
    expect(response.embeddings.float).toHaveLength(2);
    expect(response.embeddings.float[1]).toHaveLength(1536);
    expect(response.inputs).toEqual(inputs);
    expect(response.texts).toBeUndefined();
    expect(byInputs.inputTokenCount).toBeGreaterThan(4);
  });

  it.each([
    [
      { images: Array(97).fill(dataUri("image/png", pngBytes(2, 2))), input_type: "clustering" },
      "#/images: expected maximum item count: 96, found: 97",
    ],
    [
      { texts: ["x"], images: [dataUri("image/png", pngBytes(2, 2))], input_type: "clustering" },
      "#: extraneous key [images] is not permitted",
    ],
    [
      { inputs: [{ content: [{ type: "video_url" }] }], input_type: "clustering" },
      "#/inputs/0/content/0/type: video_url is not a valid enum value",
    ],
    [
      { inputs: [{ content: [{ type: "image_url" }] }], input_type: "clustering" },
      "#/inputs/0/content/0: required key [image_url] not found",
    ],
    [
      { images: [dataUri("image/bmp", Buffer.from("BM"))], input_type: "clustering" },
      "unsupported image type image/bmp",
    ],
  ])("v4 rejects %#", (request, message) => {
    expect(() => cohereEmbedV4.invoke(request)).toThrow(message);
  });
});

const novaText = (extra: Record<string, unknown> = {}, params: Record<string, unknown> = {}) => ({
  schemaVersion: "nova-multimodal-embed-v1",
  taskType: "SINGLE_EMBEDDING",
  singleEmbeddingParams: {
    embeddingPurpose: "GENERIC_INDEX",
    text: { truncationMode: "END", value: "hello nova", ...extra },
    ...params,
  },
});

describe("amazon.nova-2-multimodal-embeddings-v1:0", () => {
  it("embeds text with 3072 dimensions by default, or the requested dimension", () => {
    const { body, inputTokenCount } = novaMultimodalEmbeddings.invoke(novaText());
    expect(body).toEqual({ embeddings: [{ embeddingType: "TEXT", embedding: expect.any(Array) }] });
    expect((body as { embeddings: Array<{ embedding: number[] }> }).embeddings[0]?.embedding).toHaveLength(
      3072,
    );
    expect(inputTokenCount).toBeGreaterThan(0);
    const small = novaMultimodalEmbeddings.invoke(novaText({}, { embeddingDimension: 256 })).body as {
      embeddings: Array<{ embedding: number[] }>;
    };
    expect(small.embeddings[0]?.embedding).toHaveLength(256);
  });

  it("embeds images, audio and video; AUDIO_VIDEO_SEPARATE returns two entries", () => {
    const media = (modality: string, value: Record<string, unknown>) => ({
      taskType: "SINGLE_EMBEDDING",
      singleEmbeddingParams: {
        embeddingPurpose: "GENERIC_INDEX",
        embeddingDimension: 384,
        [modality]: value,
      },
    });
    const types = (body: unknown) =>
      (body as { embeddings: Array<{ embeddingType: string; embedding: number[] }> }).embeddings.map(
        (entry) => `${entry.embeddingType}:${entry.embedding.length}`,
      );
    const image = novaMultimodalEmbeddings.invoke(
      media("image", { format: "png", source: { bytes: png }, detailLevel: "DOCUMENT_IMAGE" }),
    );
    expect(types(image.body)).toEqual(["IMAGE:384"]);
    const clip = filler(32_000).toString("base64");
    expect(
      types(novaMultimodalEmbeddings.invoke(media("audio", { format: "wav", source: { bytes: clip } })).body),
    ).toEqual(["AUDIO:384"]);
    const separate = media("video", {
      format: "mp4",
      source: { bytes: clip },
      embeddingMode: "AUDIO_VIDEO_SEPARATE",
    });
    expect(types(novaMultimodalEmbeddings.invoke(separate).body)).toEqual(["VIDEO:384", "AUDIO:384"]);
    const combined = media("video", {
      format: "mp4",
      source: { bytes: clip },
      embeddingMode: "AUDIO_VIDEO_COMBINED",
    });
    expect(types(novaMultimodalEmbeddings.invoke(combined).body)).toEqual(["AUDIO_VIDEO_COMBINED:384"]);
  });

  it("reads S3 sources through the context and truncates long text as asked", () => {
    const long = "lorem ipsum dolor ".repeat(2600);
    const context = s3Context({
      "s3://docs/long.txt": { bytes: Buffer.from(long), metadata: {} },
      "s3://docs/huge.txt": { bytes: Buffer.from("x".repeat(50_001)), metadata: {} },
    });
    const request = (truncationMode: string) => ({
      taskType: "SINGLE_EMBEDDING",
      singleEmbeddingParams: {
        embeddingPurpose: "TEXT_RETRIEVAL",
        text: { truncationMode, source: { s3Location: { uri: "s3://docs/long.txt" } } },
      },
    });
    const cut = novaMultimodalEmbeddings.invoke(request("END"), context).body as {
      embeddings: Array<{ truncatedCharLength?: number }>;
    };
    expect(cut.embeddings[0]?.truncatedCharLength).toBe(Math.floor(8192 * 4.7));
    expect(() => novaMultimodalEmbeddings.invoke(request("NONE"), context)).toThrow(
      /exceeds the maximum of 8192\. Set truncationMode to START or END/,
    );
    expect(() => novaMultimodalEmbeddings.invoke(request("END"))).toThrow(/start it with the `s3` option/);
    const huge = request("END");
    huge.singleEmbeddingParams.text.source.s3Location.uri = "s3://docs/huge.txt";
    expect(() => novaMultimodalEmbeddings.invoke(huge, context)).toThrow(
      "The text object has 50001 characters; InvokeModel accepts text objects of at most 50000 characters.",
    );
  });

  it("limits inline audio and video to 30 seconds", () => {
    const body = {
      taskType: "SINGLE_EMBEDDING",
      singleEmbeddingParams: {
        embeddingPurpose: "VIDEO_RETRIEVAL",
        video: {
          format: "mp4",
          source: { bytes: filler(31 * 16_000).toString("base64") },
          embeddingMode: "AUDIO_VIDEO_COMBINED",
        },
      },
    };
    expect(() => novaMultimodalEmbeddings.invoke(body)).toThrow(
      /is 31\.0 seconds long; InvokeModel accepts at most 30 seconds/,
    );
  });

  it.each([
    [
      novaText({}, { embeddingDimension: 512 }),
      "#/singleEmbeddingParams/embeddingDimension: 512 is not a valid enum value",
    ],
    [
      {
        taskType: "SINGLE_EMBEDDING",
        singleEmbeddingParams: { text: { truncationMode: "END", value: "x" } },
      },
      "#/singleEmbeddingParams: required key [embeddingPurpose] not found",
    ],
    [
      {
        taskType: "SINGLE_EMBEDDING",
        singleEmbeddingParams: { embeddingPurpose: "GENERIC_INDEX", text: { value: "x" } },
      },
      "#/singleEmbeddingParams/text: required key [truncationMode] not found",
    ],
    [
      novaText({ value: "x".repeat(8193) }),
      "#/singleEmbeddingParams/text/value: expected maxLength: 8192, actual: 8193",
    ],
    [
      novaText({}, { image: { format: "png", source: { bytes: png } } }),
      "#/singleEmbeddingParams: exactly one of [text, image, audio, video] is required, found 2",
    ],
    [
      {
        taskType: "SINGLE_EMBEDDING",
        singleEmbeddingParams: {
          embeddingPurpose: "GENERIC_INDEX",
          text: { truncationMode: "END", source: { bytes: "aGk=" } },
        },
      },
      "#/singleEmbeddingParams/text/source: [bytes] is not supported for text",
    ],
    [
      { ...novaText(), taskType: "SEGMENTED_EMBEDDING" },
      "SEGMENTED_EMBEDDING is only supported by StartAsyncInvoke",
    ],
    [
      {
        taskType: "SINGLE_EMBEDDING",
        singleEmbeddingParams: {
          embeddingPurpose: "GENERIC_INDEX",
          image: { format: "jpeg", source: { bytes: png } },
        },
      },
      "The image input is png data, but its format is given as jpeg.",
    ],
    [
      {
        taskType: "SINGLE_EMBEDDING",
        singleEmbeddingParams: {
          embeddingPurpose: "GENERIC_INDEX",
          audio: { format: "flac", source: { bytes: png } },
        },
      },
      "#/singleEmbeddingParams/audio/format: flac is not a valid enum value",
    ],
  ])("rejects %#", (request, message) => {
    expect(() => novaMultimodalEmbeddings.invoke(request)).toThrow(message);
  });
});

describe("TwelveLabs Marengo", () => {
  it("2.7 embeds text and images into 1024 floats under data[]", () => {
    const text = marengoEmbed27.invoke({ inputType: "text", inputText: "a goal in the last minute" });
    expect(text.body).toEqual({ data: [{ embedding: expect.any(Array) }] });
    expect((text.body as { data: Array<{ embedding: number[] }> }).data[0]?.embedding).toHaveLength(1024);
    const image = marengoEmbed27.invoke({ inputType: "image", mediaSource: { base64String: png } });
    expect((image.body as { data: Array<{ embedding: number[] }> }).data[0]?.embedding).toHaveLength(1024);
    const context = s3Context({ "s3://media/cat.jpg": { bytes: jpegBytes(20, 20), metadata: {} } });
    const fromS3 = marengoEmbed27.invoke(
      {
        inputType: "image",
        mediaSource: { s3Location: { uri: "s3://media/cat.jpg", bucketOwner: "123456789012" } },
      },
      context,
    );
    expect((fromS3.body as { data: unknown[] }).data).toHaveLength(1);
  });

  it("2.7 cuts text at 77 tokens unless textTruncate is none, and leaves video to async", () => {
    const long = "word ".repeat(200);
    expect(marengoEmbed27.invoke({ inputType: "text", inputText: long }).inputTokenCount).toBe(77);
    expect(() => marengoEmbed27.invoke({ inputType: "text", inputText: long, textTruncate: "none" })).toThrow(
      /exceeds the maximum of 77 tokens/,
    );
    expect(() => marengoEmbed27.invoke({ inputType: "video", mediaSource: { base64String: png } })).toThrow(
      "InvokeModel supports only the text and image input types for twelvelabs.marengo-embed-2-7-v1:0",
    );
    expect(() =>
      marengoEmbed27.invoke({
        inputType: "image",
        mediaSource: { base64String: png, s3Location: { uri: "s3://a/b" } },
      }),
    ).toThrow("#/mediaSource: exactly one of [base64String, s3Location] is required");
  });

  it("3.0 embeds text, image, text_image and multi_input into 512 floats", () => {
    const first = (body: unknown) =>
      (body as { data: Array<{ embedding: number[] }> }).data[0]?.embedding ?? [];
    const text = first(
      marengoEmbed30.invoke({ inputType: "text", text: { inputText: "sunset over water" } }).body,
    );
    expect(text).toHaveLength(512);
    const image = first(
      marengoEmbed30.invoke({ inputType: "image", image: { mediaSource: { base64String: png } } }).body,
    );
    const both = first(
      marengoEmbed30.invoke({
        inputType: "text_image",
        text_image: { inputText: "sunset over water", mediaSource: { base64String: png } },
      }).body,
    );
    expect(cosine(both, text)).toBeGreaterThan(0.6);
    expect(cosine(both, image)).toBeGreaterThan(0.6);
    const multi = marengoEmbed30.invoke({
      inputType: "multi_input",
      multi_input: {
        inputText: "<@a> next to <@b>",
        mediaSources: [
          { name: "a", mediaType: "image", base64String: png },
          { name: "b", mediaType: "image", base64String: jpegBytes(5, 5).toString("base64") },
        ],
      },
    });
    expect(first(multi.body)).toHaveLength(512);
  });

  it.each([
    [
      { inputType: "text", image: { mediaSource: {} } },
      "#: required key [text] not found#: extraneous key [image] is not permitted",
    ],
    [{ inputType: "video", video: { mediaSource: { base64String: png } } }, "use StartAsyncInvoke for video"],
    [{ inputType: "text", text: { inputText: "word ".repeat(600) } }, "exceeds the maximum of 500 tokens"],
    [
      {
        inputType: "multi_input",
        multi_input: {
          inputText: "<@z>",
          mediaSources: [{ name: "a", mediaType: "image", base64String: png }],
        },
      },
      "#/multi_input/inputText: <@z> does not name an entry of [mediaSources]",
    ],
    [{ inputType: "sound" }, "#/inputType: sound is not a valid enum value"],
  ])("3.0 rejects %#", (request, message) => {
    expect(() => marengoEmbed30.invoke(request)).toThrow(message);
  });
});
