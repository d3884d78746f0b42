import { ConfigurationError, InputError } from "@bedrock-embeddings/core";
import { describe, expect, it } from "vitest";
import { buildMarengo27AsyncBody, buildMarengo30AsyncBody } from "../families/marengo/async-body.js";
import { buildNovaAsyncBody } from "../families/nova-multimodal/async-body.js";
import { resolveAsyncModel } from "./async-model.js";

const video = { s3Uri: "s3://media/clips/intro.MP4", type: "video" as const };

describe("async model ids", () => {
  it("sends base ids for geo profiles and keeps bare ids and foundation ARNs", () => {
    expect(resolveAsyncModel("us.twelvelabs.marengo-embed-2-7-v1:0")).toEqual({
      family: "marengo-2.7",
      modelId: "twelvelabs.marengo-embed-2-7-v1:0",
    });
    expect(resolveAsyncModel("amazon.nova-2-multimodal-embeddings-v1:0").family).toBe("nova");
    const arn = "arn:aws:bedrock:us-east-1::foundation-model/twelvelabs.marengo-embed-3-0-v1:0";
    expect(resolveAsyncModel(arn)).toEqual({ family: "marengo-3.0", modelId: arn });
  });

  it("needs a family for ARNs that do not name the model, and refuses text-only models", () => {
    const profile = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc";
    expect(() => resolveAsyncModel(profile)).toThrow(ConfigurationError);
    expect(resolveAsyncModel(profile, "nova")).toEqual({ family: "nova", modelId: profile });
    expect(() => resolveAsyncModel("amazon.titan-embed-text-v2:0")).toThrow(/no async invoke support/);
    expect(() => resolveAsyncModel("amazon.nova-2-multimodal-embeddings-v1:0", "marengo-3.0")).toThrow(
      /is a nova model/,
    );
    expect(() => resolveAsyncModel(profile, "cohere-v4")).toThrow(
      /not a model family served by async invoke/,
    );
  });
});

describe("Nova SEGMENTED_EMBEDDING bodies", () => {
  it("builds a video body with the format from the extension and the combined mode by default", () => {
    expect(buildNovaAsyncBody(video, { segmentation: { method: "fixed", durationSec: 10 } })).toEqual({
      schemaVersion: "nova-multimodal-embed-v1",
      taskType: "SEGMENTED_EMBEDDING",
      segmentedEmbeddingParams: {
        embeddingPurpose: "GENERIC_INDEX",
        embeddingDimension: 3072,
        video: {
          format: "mp4",
          source: { s3Location: { uri: video.s3Uri } },
          embeddingMode: "AUDIO_VIDEO_COMBINED",
          segmentationConfig: { durationSeconds: 10 },
        },
      },
    });
  });

  it("builds a long-text body from S3 with character segmentation", () => {
    const body = buildNovaAsyncBody(
      { s3Uri: "s3://bucket/in/doc.txt", type: "text" },
      { maxLengthChars: 2000, dimensions: 1024, embeddingPurpose: "TEXT_RETRIEVAL", truncationMode: "NONE" },
    );
    expect(body["segmentedEmbeddingParams"]).toEqual({
      embeddingPurpose: "TEXT_RETRIEVAL",
      embeddingDimension: 1024,
      text: {
        truncationMode: "NONE",
        source: { s3Location: { uri: "s3://bucket/in/doc.txt" } },
        segmentationConfig: { maxLengthChars: 2000 },
      },
    });
  });

  it("builds audio and image bodies, mapping jpg to jpeg and passing the bucket owner", () => {
    const audio = buildNovaAsyncBody(
      { s3Uri: "s3://b/talk.wav", type: "audio", bucketOwner: "123456789012" },
      {},
    );
    expect(audio["segmentedEmbeddingParams"]).toMatchObject({
      audio: {
        format: "wav",
        source: { s3Location: { uri: "s3://b/talk.wav", bucketOwner: "123456789012" } },
      },
    });
    const image = buildNovaAsyncBody(
      { s3Uri: "s3://b/photo.jpg", type: "image" },
      { detailLevel: "DOCUMENT_IMAGE" },
    );
    expect(image["segmentedEmbeddingParams"]).toMatchObject({
      image: { format: "jpeg", detailLevel: "DOCUMENT_IMAGE" },
    });
  });

  it("refuses out-of-range and foreign options instead of ignoring them", () => {
    expect(() => buildNovaAsyncBody(video, { segmentation: { method: "fixed", durationSec: 31 } })).toThrow(
      /between 1 and 30/,
    );
    expect(() =>
      buildNovaAsyncBody({ s3Uri: "s3://b/a.txt", type: "text" }, { maxLengthChars: 799 }),
    ).toThrow(/between 800 and 50000/);
    expect(() =>
      buildNovaAsyncBody(video, { segmentation: { method: "dynamic", minDurationSec: 2 } }),
    ).toThrow(InputError);
    expect(() => buildNovaAsyncBody(video, { dimensions: 512 })).toThrow(/dimensions 512 is not supported/);
    expect(() => buildNovaAsyncBody(video, { embeddingScopes: ["clip"] })).toThrow(
      /no option embeddingScopes/,
    );
    expect(() => buildNovaAsyncBody({ s3Uri: "s3://b/clip", type: "video" }, {})).toThrow(
      /no file extension/,
    );
    expect(() => buildNovaAsyncBody({ s3Uri: "s3://b/clip.avi", type: "video" }, {})).toThrow(/"avi"/);
    expect(buildNovaAsyncBody({ s3Uri: "s3://b/clip", type: "video", format: "webm" }, {})).toMatchObject({
      segmentedEmbeddingParams: { video: { format: "webm" } },
    });
  });
});

describe("Marengo async bodies", () => {
  it("2.7: media at the top level, fixed length and embedding options, endSec as lengthSec", () => {
    expect(
      buildMarengo27AsyncBody(video, {
        startSec: 5,
        endSec: 65,
        segmentation: { method: "fixed", durationSec: 6 },
        embeddingOptions: ["visual-text", "audio"],
      }),
    ).toEqual({
      inputType: "video",
      mediaSource: { s3Location: { uri: video.s3Uri } },
      startSec: 5,
      lengthSec: 60,
      useFixedLengthSec: 6,
      embeddingOption: ["visual-text", "audio"],
    });
    expect(buildMarengo27AsyncBody("a dog on a beach", {})).toEqual({
      inputType: "text",
      inputText: "a dog on a beach",
      textTruncate: "end",
    });
    expect(
      buildMarengo27AsyncBody(video, { segmentation: { method: "dynamic", minDurationSec: 3 } }),
    ).toMatchObject({
      minClipSec: 3,
    });
  });

  it("3.0: input nested under its type, with segmentation, options, types and scopes", () => {
    expect(
      buildMarengo30AsyncBody(
        { s3Uri: "s3://media/talk.mp3", type: "audio" },
        {
          segmentation: { method: "fixed", durationSec: 6 },
          embeddingOptions: ["audio", "transcription"],
          embeddingTypes: ["separate_embedding"],
          embeddingScopes: ["clip", "asset"],
          endSec: 30,
        },
      ),
    ).toEqual({
      inputType: "audio",
      audio: {
        mediaSource: { s3Location: { uri: "s3://media/talk.mp3" } },
        endSec: 30,
        segmentation: { method: "fixed", fixed: { durationSec: 6 } },
        embeddingOption: ["audio", "transcription"],
        embeddingType: ["separate_embedding"],
        embeddingScope: ["clip", "asset"],
      },
    });
    expect(buildMarengo30AsyncBody({ s3Uri: "s3://media/p.png", type: "image" }, {})).toEqual({
      inputType: "image",
      image: { mediaSource: { s3Location: { uri: "s3://media/p.png" } } },
    });
    expect(buildMarengo30AsyncBody("hello", {})).toEqual({ inputType: "text", text: { inputText: "hello" } });
  });

  it("refuses options of other families, wrong values and S3 text", () => {
    expect(() => buildMarengo30AsyncBody(video, { embeddingOptions: ["visual-text"] })).toThrow(
      /embeddingOptions "visual-text" is not supported/,
    );
    expect(() => buildMarengo27AsyncBody(video, { embeddingScopes: ["clip"] })).toThrow(
      /no option embeddingScopes/,
    );
    expect(() => buildMarengo30AsyncBody(video, { dimensions: 512 })).toThrow(/no option dimensions/);
    expect(() => buildMarengo30AsyncBody({ s3Uri: "s3://b/a.txt", type: "text" }, {})).toThrow(
      /inline, not from S3/,
    );
    expect(() => buildMarengo30AsyncBody("hi", { startSec: 1 })).toThrow(/applies to audio and video/);
    expect(() => buildMarengo30AsyncBody(video, { startSec: 10, endSec: 5 })).toThrow(
      /must be after startSec/,
    );
    expect(() =>
      buildMarengo30AsyncBody(video, { segmentation: { method: "fixed", durationSec: 11 } }),
    ).toThrow(/between 1 and 10/);
    expect(() =>
      buildMarengo27AsyncBody(
        { s3Uri: "s3://b/a.mp3", type: "audio" },
        { segmentation: { method: "dynamic", minDurationSec: 2 } },
      ),
    ).toThrow(/fixed length only/);
  });
});
