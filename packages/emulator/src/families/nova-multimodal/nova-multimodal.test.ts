import { describe, expect, it } from "vitest";
import { filler } from "../../media/test-images.test-helpers.js";
import { png, s3Context } from "../shared/family-test-inputs.test-helpers.js";
import { novaMultimodalEmbeddings } from "./index.js";

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
