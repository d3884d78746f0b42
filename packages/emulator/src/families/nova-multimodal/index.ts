import { mediaDurationSeconds } from "../../media/media-duration.js";
import { embedBytes } from "../../media/media-embedding.js";
import { validationError } from "../../protocol/aws-service-error.js";
import { noS3Context } from "../../s3/s3-sources.js";
import type { FamilyResult, InvocationContext, ModelFamily } from "../model-family.js";
import { decodeBase64Field, mebibyte } from "../shared/media-input.js";
import { checkNovaImage, embedNovaMedia, embedNovaText } from "./embed.js";
import type { NovaMediaParams, NovaModality, NovaSource, NovaTextParams } from "./request.js";
import { novaDefaultDimension, validateNovaRequest } from "./request.js";

// Nova's context holds 30 s of audio or video; InvokeModel refuses longer media.
const maxSyncMediaSeconds = 30;
const maxInlineBase64Characters = 25 * mebibyte;
const maxSyncS3Bytes: Record<NovaModality, number> = {
  text: 1 * mebibyte,
  image: 50 * mebibyte,
  audio: 100 * mebibyte,
  video: 100 * mebibyte,
};
const maxSyncS3TextCharacters = 50_000;

/** Bytes and user metadata of a source, whether inline or from S3. */
export interface NovaSourceContent {
  bytes: Buffer;
  metadata: Record<string, string>;
}

/**
 * `amazon.nova-2-multimodal-embeddings-v1:0` on InvokeModel: `SINGLE_EMBEDDING` of one text, image, audio or
 * video input (inline base64 up to 25 MB, or an S3 object), 256/384/1024/3072 dimensions (default 3072).
 * Text over 8,192 tokens is refused with `truncationMode: "NONE"`, otherwise cut and reported in
 * `truncatedCharLength`; audio and video must be at most 30 s (see `mediaDurationSeconds`).
 */
export const novaMultimodalEmbeddings: ModelFamily = {
  name: "nova-multimodal",
  modelIds: ["amazon.nova-2-multimodal-embeddings-v1:0"],
  variantIds: {},
  defaultDimension: novaDefaultDimension,
  asyncInvoke: true,
  invoke(body: unknown, context: InvocationContext = noS3Context): FamilyResult {
    const { params, modality, dimension } = validateNovaRequest(body, "SINGLE_EMBEDDING");
    if (modality === "text") {
      const text = params.text as NovaTextParams;
      const value = text.value ?? readTextSource(readSource(text.source as NovaSource, "text", context));
      const embedded = embedNovaText(value, text.truncationMode, dimension);
      return { body: { embeddings: [embedded.result] }, inputTokenCount: embedded.tokens };
    }
    const media = params[modality] as NovaMediaParams;
    const content = readSource(media.source, modality, context);
    if (modality === "image") {
      checkNovaImage(content.bytes, media.format);
      const embedding = embedBytes(
        content.bytes,
        dimension,
        `nova-image:${media.detailLevel ?? "STANDARD_IMAGE"}`,
      );
      return { body: { embeddings: [{ embeddingType: "IMAGE", embedding }] }, inputTokenCount: 0 };
    }
    const seconds = mediaDurationSeconds(content.bytes.length, content.metadata);
    if (seconds > maxSyncMediaSeconds) {
      throw validationError(
        `The ${modality} input is ${seconds.toFixed(1)} seconds long; InvokeModel accepts at most ${maxSyncMediaSeconds} seconds. Use StartAsyncInvoke with SEGMENTED_EMBEDDING for longer media.`,
      );
    }
    return {
      body: { embeddings: embedNovaMedia(content.bytes, modality, media, dimension) },
      inputTokenCount: 0,
    };
  },
};

function readSource(
  source: NovaSource,
  modality: NovaModality,
  context: InvocationContext,
): NovaSourceContent {
  if (source.bytes !== undefined) {
    if (source.bytes.length > maxInlineBase64Characters) {
      throw validationError(
        `The inline ${modality} input is ${source.bytes.length} base64 characters; inline inputs are limited to 25 MB. Use an S3 source instead.`,
      );
    }
    return {
      bytes: decodeBase64Field(source.bytes, `#/singleEmbeddingParams/${modality}/source/bytes`),
      metadata: {},
    };
  }
  const uri = source.s3Location?.uri ?? "";
  const object = context.s3Object(uri);
  const limit = maxSyncS3Bytes[modality];
  if (object.bytes.length > limit) {
    throw validationError(
      `The S3 object ${uri} is ${object.bytes.length} bytes; InvokeModel accepts ${modality} objects of at most ${limit / mebibyte} MB.`,
    );
  }
  return object;
}

function readTextSource(content: NovaSourceContent): string {
  const text = content.bytes.toString("utf8");
  const characters = [...text].length;
  if (characters > maxSyncS3TextCharacters) {
    throw validationError(
      `The text object has ${characters} characters; InvokeModel accepts text objects of at most ${maxSyncS3TextCharacters} characters.`,
    );
  }
  return text;
}
