import { embedText } from "../embedding/local-embedding-model.js";
import { countTokens, truncateToTokens } from "../embedding/token-count.js";
import { mediaDurationSeconds } from "../media/media-duration.js";
import { embedBytes } from "../media/media-embedding.js";
import { validationError } from "../protocol/aws-service-error.js";
import { noS3Context } from "../s3/s3-sources.js";
import { checkImage, decodeBase64Field, mebibyte } from "./media-input.js";
import type { FamilyResult, InvocationContext, ModelFamily } from "./model-family.js";
import type { NovaMediaParams, NovaModality, NovaSource, NovaTextParams } from "./nova-request.js";
import { novaImageFormats, validateNovaRequest } from "./nova-request.js";

/** Nova's context: 8K tokens of text, 30 s of audio or video. */
export const novaMaxTextTokens = 8192;
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

/** One entry of Nova's `embeddings` array. */
export interface NovaEmbedding {
  embeddingType: "TEXT" | "IMAGE" | "VIDEO" | "AUDIO" | "AUDIO_VIDEO_COMBINED";
  embedding: number[];
  truncatedCharLength?: number;
}

/**
 * `amazon.nova-2-multimodal-embeddings-v1:0` on InvokeModel: `SINGLE_EMBEDDING` of one text, image, audio or
 * video input (inline base64 up to 25 MB, or an S3 object), 256/384/1024/3072 dimensions (default 3072).
 * Text over 8,192 tokens is refused with `truncationMode: "NONE"`, otherwise cut and reported in
 * `truncatedCharLength`; audio and video must be at most 30 s (see `mediaDurationSeconds`).
 */
export const novaMultimodalEmbeddings: ModelFamily = {
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

/** Embeds one text the way Nova does, applying `truncationMode` to anything over 8,192 tokens. */
export function embedNovaText(
  text: string,
  truncationMode: "START" | "END" | "NONE",
  dimension: number,
): { result: NovaEmbedding; tokens: number } {
  const tokens = countTokens(text);
  if (tokens <= novaMaxTextTokens) {
    return {
      result: { embeddingType: "TEXT", embedding: embedText(text, dimension, { normalize: true }) },
      tokens,
    };
  }
  if (truncationMode === "NONE") {
    throw validationError(
      `The text input has ${tokens} tokens, which exceeds the maximum of ${novaMaxTextTokens}. Set truncationMode to START or END to truncate it.`,
    );
  }
  // START drops the beginning of the text, END drops its end.
  const kept = truncateToTokens(text, novaMaxTextTokens, truncationMode === "START" ? "end" : "start");
  return {
    result: {
      embeddingType: "TEXT",
      embedding: embedText(kept, dimension, { normalize: true }),
      truncatedCharLength: [...kept].length,
    },
    tokens: countTokens(kept),
  };
}

/** AUDIO gives one AUDIO entry; video gives AUDIO_VIDEO_COMBINED, or VIDEO and AUDIO when separate. */
export function embedNovaMedia(
  bytes: Uint8Array,
  modality: "audio" | "video",
  media: NovaMediaParams,
  dimension: number,
  salt = "",
): NovaEmbedding[] {
  if (modality === "audio")
    return [{ embeddingType: "AUDIO", embedding: embedBytes(bytes, dimension, `nova-audio${salt}`) }];
  if (media.embeddingMode === "AUDIO_VIDEO_SEPARATE") {
    return [
      { embeddingType: "VIDEO", embedding: embedBytes(bytes, dimension, `nova-video${salt}`) },
      { embeddingType: "AUDIO", embedding: embedBytes(bytes, dimension, `nova-audio${salt}`) },
    ];
  }
  return [
    { embeddingType: "AUDIO_VIDEO_COMBINED", embedding: embedBytes(bytes, dimension, `nova-av${salt}`) },
  ];
}

/** The declared `format` must match what the image's header says it is. */
export function checkNovaImage(bytes: Buffer, declaredFormat: string): void {
  const header = checkImage(bytes, { formats: novaImageFormats, maxBytes: 50 * mebibyte }, "The image input");
  if (header.format !== declaredFormat) {
    throw validationError(
      `The image input is ${header.format} data, but its format is given as ${declaredFormat}.`,
    );
  }
}

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
