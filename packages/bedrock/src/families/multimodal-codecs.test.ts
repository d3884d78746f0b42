import { ResponseError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { MODEL_FAMILIES } from "./catalog.js";
import type { RequestSettings, WireInput, WireMedia } from "./model-family.js";

const settings = (overrides: Partial<RequestSettings> = {}): RequestSettings => ({
  dimensions: 1024,
  normalize: true,
  inputType: undefined,
  truncate: undefined,
  ...overrides,
});

const png: WireMedia = { format: "png", base64: "iVBORw0KGgo=", byteLength: 8 };
const jpegInS3: WireMedia = { format: "jpeg", s3Uri: "s3://bucket/cat.jpg", bucketOwner: "123456789012" };
const text = (value: string): WireInput => ({ modality: "text", text: value });
const image = (media: WireMedia = png): WireInput => ({ modality: "image", image: media });
const textImage = (value: string, media: WireMedia = png): WireInput => ({
  modality: "text-image",
  text: value,
  image: media,
});
const texts = (...values: string[]): WireInput[] => values.map(text);
const ONE_TEXT = texts("t");

describe("titan-multimodal bodies", () => {
  const family = MODEL_FAMILIES["titan-multimodal"];
  it("text, image and text+image, always with outputEmbeddingLength", () => {
    expect(family.buildBody(texts("a cat"), settings({ dimensions: 384 }))).toEqual({
      inputText: "a cat",
      embeddingConfig: { outputEmbeddingLength: 384 },
    });
    expect(family.buildBody([image()], settings({ dimensions: 256 }))).toEqual({
      inputImage: "iVBORw0KGgo=",
      embeddingConfig: { outputEmbeddingLength: 256 },
    });
    expect(family.buildBody([textImage("a cat")], settings())).toEqual({
      inputText: "a cat",
      inputImage: "iVBORw0KGgo=",
      embeddingConfig: { outputEmbeddingLength: 1024 },
    });
  });

  it("reads the embedding and token count; a message without an embedding is a ResponseError quoting it", () => {
    expect(
      family.parseResponse({ embedding: [0.5], inputTextTokenCount: 3, message: null }, "m", ONE_TEXT),
    ).toEqual({
      perInput: [[{ byType: { float: [0.5] } }]],
      inputTokens: 3,
    });
    expect(() => family.parseResponse({ message: "image too large" }, "m", ONE_TEXT)).toThrow(
      /model said: image too large/,
    );
  });
});

describe("cohere image and interleaved bodies", () => {
  it("v3 sends one image as a data URI with input_type image, embedding_types only when asked", () => {
    const family = MODEL_FAMILIES["cohere-v3"];
    expect(family.buildBody([image()], settings({ inputType: "search_query" }))).toEqual({
      images: ["data:image/png;base64,iVBORw0KGgo="],
      input_type: "image",
    });
    expect(
      family.buildBody(
        [text("a"), text("b")],
        settings({ inputType: "search_document", embeddingTypes: ["int8", "ubinary"] }),
      ),
    ).toEqual({ texts: ["a", "b"], input_type: "search_document", embedding_types: ["int8", "ubinary"] });
  });

  it("v4 sends images, interleaved inputs and texts with output_dimension and embedding_types", () => {
    const family = MODEL_FAMILIES["cohere-v4"];
    const common = { input_type: "search_document", output_dimension: 512 };
    expect(
      family.buildBody(
        [image(), image({ format: "webp", base64: "UklGRg==", byteLength: 4 })],
        settings({ ...{ dimensions: 512 }, inputType: "search_document" }),
      ),
    ).toEqual({
      images: ["data:image/png;base64,iVBORw0KGgo=", "data:image/webp;base64,UklGRg=="],
      ...common,
      embedding_types: ["float"],
    });
    expect(
      family.buildBody(
        [textImage("red shoes")],
        settings({
          dimensions: 512,
          inputType: "search_document",
          truncate: "RIGHT",
          embeddingTypes: ["float", "int8"],
        }),
      ),
    ).toEqual({
      inputs: [
        {
          content: [
            { type: "text", text: "red shoes" },
            { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } },
          ],
        },
      ],
      ...common,
      embedding_types: ["float", "int8"],
      truncate: "RIGHT",
    });
    expect(
      family.buildBody(
        [text("q")],
        settings({ dimensions: 512, inputType: "search_document", embeddingTypes: ["binary"] }),
      ),
    ).toEqual({
      texts: ["q"],
      ...common,
      embedding_types: ["binary"],
    });
  });

  it("refuse a call mixing modalities or carrying S3 media (planner bugs)", () => {
    expect(() => MODEL_FAMILIES["cohere-v4"].buildBody([text("a"), image()], settings())).toThrow(/planner/);
    expect(() => MODEL_FAMILIES["cohere-v3"].buildBody([image(jpegInS3)], settings())).toThrow(/planner/);
  });

  it("parse every type of the by-type shape per input, and the float list shape", () => {
    const family = MODEL_FAMILIES["cohere-v4"];
    const parsed = family.parseResponse(
      {
        id: "x",
        response_type: "embeddings_by_type",
        embeddings: { float: [[0.1], [0.2]], int8: [[1], [2]], binary: [[-3], [4]] },
      },
      "m",
      [text("a"), text("b")],
    );
    expect(parsed.perInput).toEqual([
      [{ byType: { float: [0.1], int8: [1], binary: [-3] } }],
      [{ byType: { float: [0.2], int8: [2], binary: [4] } }],
    ]);
    expect(
      family.parseResponse({ embeddings: [[0.3]], response_type: "embeddings_floats" }, "m", [image()])
        .perInput,
    ).toEqual([[{ byType: { float: [0.3] } }]]);
    expect(() => family.parseResponse({ embeddings: { unknown: [] } }, "m", [text("a")])).toThrow(
      ResponseError,
    );
  });

  it("pack binary and ubinary eight dimensions per byte", () => {
    expect(MODEL_FAMILIES["cohere-v3"].typedLength("binary", 1024)).toBe(128);
    expect(MODEL_FAMILIES["cohere-v4"].typedLength("ubinary", 256)).toBe(32);
    expect(MODEL_FAMILIES["cohere-v4"].typedLength("int8", 256)).toBe(256);
  });
});

describe("titan-text-v2 binary", () => {
  const family = MODEL_FAMILIES["titan-text-v2"];
  it("sends embeddingTypes only when more than float is asked for", () => {
    expect(family.buildBody([text("hi")], settings({ embeddingTypes: ["float"] }))).toEqual({
      inputText: "hi",
      dimensions: 1024,
      normalize: true,
    });
    expect(
      family.buildBody([text("hi")], settings({ dimensions: 256, embeddingTypes: ["float", "binary"] })),
    ).toEqual({
      inputText: "hi",
      dimensions: 256,
      normalize: true,
      embeddingTypes: ["float", "binary"],
    });
  });

  it("reads embeddingsByType.binary unpacked, floats from embedding", () => {
    const parsed = family.parseResponse(
      {
        embedding: [0.6, 0.8],
        inputTextTokenCount: 2,
        embeddingsByType: { float: [0.6, 0.8], binary: [1, 0] },
      },
      "m",
      [text("hi")],
    );
    expect(parsed).toEqual({
      perInput: [[{ byType: { float: [0.6, 0.8], binary: [1, 0] } }]],
      inputTokens: 2,
    });
    expect(family.typedLength("binary", 256)).toBe(256);
    expect(() => family.parseResponse({ nothing: true }, "m", [text("hi")])).toThrow(ResponseError);
  });
});

describe("nova-multimodal bodies", () => {
  const family = MODEL_FAMILIES["nova-multimodal"];
  const wrap = (params: Record<string, unknown>) => ({
    schemaVersion: "nova-multimodal-embed-v1",
    taskType: "SINGLE_EMBEDDING",
    singleEmbeddingParams: params,
  });

  it("text with truncationMode (NONE unless START or END is configured)", () => {
    expect(
      family.buildBody(texts("hello"), settings({ dimensions: 3072, inputType: "GENERIC_INDEX" })),
    ).toEqual(
      wrap({
        embeddingPurpose: "GENERIC_INDEX",
        embeddingDimension: 3072,
        text: { truncationMode: "NONE", value: "hello" },
      }),
    );
    expect(
      family.buildBody(
        [text("hello")],
        settings({ dimensions: 256, inputType: "TEXT_RETRIEVAL", truncate: "END" }),
      ),
    ).toEqual(
      wrap({
        embeddingPurpose: "TEXT_RETRIEVAL",
        embeddingDimension: 256,
        text: { truncationMode: "END", value: "hello" },
      }),
    );
  });

  it("image inline with detailLevel when set, and from S3", () => {
    expect(
      family.buildBody(
        [image()],
        settings({ dimensions: 384, inputType: "GENERIC_INDEX", detailLevel: "DOCUMENT_IMAGE" }),
      ),
    ).toEqual(
      wrap({
        embeddingPurpose: "GENERIC_INDEX",
        embeddingDimension: 384,
        image: { format: "png", source: { bytes: "iVBORw0KGgo=" }, detailLevel: "DOCUMENT_IMAGE" },
      }),
    );
    expect(family.buildBody([image(jpegInS3)], settings({ inputType: "GENERIC_RETRIEVAL" }))).toEqual(
      wrap({
        embeddingPurpose: "GENERIC_RETRIEVAL",
        embeddingDimension: 1024,
        image: {
          format: "jpeg",
          source: { s3Location: { uri: "s3://bucket/cat.jpg", bucketOwner: "123456789012" } },
        },
      }),
    );
  });

  it("audio and video with embeddingMode", () => {
    const clip: WireMedia = { format: "mp4", s3Uri: "s3://bucket/clip.mp4", bucketOwner: undefined };
    expect(
      family.buildBody(
        [{ modality: "video", video: clip, embeddingMode: "AUDIO_VIDEO_SEPARATE" }],
        settings({ inputType: "GENERIC_INDEX" }),
      ),
    ).toEqual(
      wrap({
        embeddingPurpose: "GENERIC_INDEX",
        embeddingDimension: 1024,
        video: {
          format: "mp4",
          source: { s3Location: { uri: "s3://bucket/clip.mp4" } },
          embeddingMode: "AUDIO_VIDEO_SEPARATE",
        },
      }),
    );
    expect(
      family.buildBody(
        [{ modality: "audio", audio: { format: "mp3", base64: "SUQz", byteLength: 3 } }],
        settings({ inputType: "GENERIC_INDEX" }),
      ),
    ).toEqual(
      wrap({
        embeddingPurpose: "GENERIC_INDEX",
        embeddingDimension: 1024,
        audio: { format: "mp3", source: { bytes: "SUQz" } },
      }),
    );
  });

  it("purpose follows the memory action and the modality", () => {
    expect(family.defaultInputType(undefined)).toBe("GENERIC_INDEX");
    expect(family.defaultInputType("add", "video")).toBe("GENERIC_INDEX");
    expect(family.defaultInputType("update", "text")).toBe("GENERIC_INDEX");
    expect(family.defaultInputType("search")).toBe("TEXT_RETRIEVAL");
    expect(family.defaultInputType("search", "image")).toBe("GENERIC_RETRIEVAL");
    expect(family.defaultInputType("search", "audio")).toBe("GENERIC_RETRIEVAL");
  });

  it("parses one entry, two for a separate video, and keeps truncatedCharLength", () => {
    expect(
      family.parseResponse(
        { embeddings: [{ embeddingType: "TEXT", embedding: [0.1], truncatedCharLength: 8192 }] },
        "m",
        [text("x")],
      ).perInput,
    ).toEqual([[{ content: "TEXT", byType: { float: [0.1] }, truncatedCharLength: 8192 }]]);
    expect(
      family.parseResponse(
        {
          embeddings: [
            { embeddingType: "VIDEO", embedding: [0.1] },
            { embeddingType: "AUDIO", embedding: [0.2] },
          ],
        },
        "m",
        [],
      ).perInput,
    ).toEqual([
      [
        { content: "VIDEO", byType: { float: [0.1] } },
        { content: "AUDIO", byType: { float: [0.2] } },
      ],
    ]);
    expect(
      family.parseResponse({ embeddings: [{ embeddingType: "TEXT", embedding: [0.4] }] }, "m", ONE_TEXT)
        .perInput[0]?.[0]?.byType.float,
    ).toEqual([0.4]);
    expect(() => family.parseResponse({ embeddings: [] }, "m", ONE_TEXT)).toThrow(/no "embeddings" entries/);
  });
});

describe("marengo bodies and both data shapes", () => {
  it("2.7: text with textTruncate none unless END, image inline or S3", () => {
    const family = MODEL_FAMILIES["marengo-2-7"];
    expect(family.buildBody(texts("hi"), settings())).toEqual({
      inputType: "text",
      inputText: "hi",
      textTruncate: "none",
    });
    expect(family.buildBody([text("hi")], settings({ truncate: "END" }))).toEqual({
      inputType: "text",
      inputText: "hi",
      textTruncate: "end",
    });
    expect(family.buildBody([image()], settings())).toEqual({
      inputType: "image",
      mediaSource: { base64String: "iVBORw0KGgo=" },
    });
    expect(family.buildBody([image(jpegInS3)], settings())).toEqual({
      inputType: "image",
      mediaSource: { s3Location: { uri: "s3://bucket/cat.jpg", bucketOwner: "123456789012" } },
    });
  });

  it("3.0: the input sits under a key named after inputType", () => {
    const family = MODEL_FAMILIES["marengo-3-0"];
    expect(family.buildBody(texts("hi"), settings())).toEqual({
      inputType: "text",
      text: { inputText: "hi" },
    });
    expect(family.buildBody([image()], settings())).toEqual({
      inputType: "image",
      image: { mediaSource: { base64String: "iVBORw0KGgo=" } },
    });
    expect(family.buildBody([textImage("a dog", jpegInS3)], settings())).toEqual({
      inputType: "text_image",
      text_image: {
        inputText: "a dog",
        mediaSource: { s3Location: { uri: "s3://bucket/cat.jpg", bucketOwner: "123456789012" } },
      },
    });
  });

  it.each(["marengo-2-7", "marengo-3-0"] as const)("%s reads data as a list or an object", (name) => {
    const family = MODEL_FAMILIES[name];
    expect(
      family.parseResponse({ data: [{ embedding: [0.1, 0.2] }] }, "m", ONE_TEXT).perInput[0]?.[0]?.byType
        .float,
    ).toEqual([0.1, 0.2]);
    expect(
      family.parseResponse(
        { data: { embedding: [0.3], embeddingOption: "visual", startSec: 0, endSec: 1 } },
        "m",
        ONE_TEXT,
      ).perInput[0]?.[0]?.byType.float,
    ).toEqual([0.3]);
    expect(() => family.parseResponse({ data: [] }, "m", ONE_TEXT)).toThrow(/holds 0 embeddings/);
    expect(() => family.parseResponse({ embedding: [0.1] }, "m", ONE_TEXT)).toThrow(
      /no "data" list or object/,
    );
  });
});
