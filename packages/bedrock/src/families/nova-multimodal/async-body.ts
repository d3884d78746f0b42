import { InputError } from "@bedrock-embeddings/core";
import type { AsyncModelOptions, S3MediaInput } from "../../async-invoke/async-types.js";
import { mediaFormat, numberInRange, oneOf, refuseOtherOptions } from "../../async-invoke/option-checks.js";

/**
 * Nova `embeddingPurpose` values.
 *
 * @example
 * NOVA_EMBEDDING_PURPOSES.includes("VIDEO_RETRIEVAL"); // true
 */
export const NOVA_EMBEDDING_PURPOSES = [
  "GENERIC_INDEX",
  "GENERIC_RETRIEVAL",
  "TEXT_RETRIEVAL",
  "IMAGE_RETRIEVAL",
  "VIDEO_RETRIEVAL",
  "DOCUMENT_RETRIEVAL",
  "AUDIO_RETRIEVAL",
  "CLASSIFICATION",
  "CLUSTERING",
] as const;

/**
 * Nova output sizes; 3072 is the model's default.
 *
 * @example
 * NOVA_DIMENSIONS; // [256, 384, 1024, 3072]
 */
export const NOVA_DIMENSIONS = [256, 384, 1024, 3072] as const;

const FORMATS = {
  video: ["mp4", "mov", "mkv", "webm", "flv", "mpeg", "mpg", "wmv", "3gp"],
  audio: ["mp3", "wav", "ogg"],
  image: ["png", "jpeg", "gif", "webp"],
} as const;

const NOVA_OPTIONS = [
  "embeddingPurpose",
  "dimensions",
  "truncationMode",
  "maxLengthChars",
  "segmentation",
  "embeddingMode",
  "detailLevel",
] as const;

/**
 * The Nova `SEGMENTED_EMBEDDING` body for one S3 object: text is cut into pieces of at most
 * `maxLengthChars` (800 to 50,000; service default 32,000), audio and video into pieces of
 * `segmentation.durationSec` seconds (1 to 30; default 5). `embeddingDimension` is always sent
 * (3072 unless `dimensions` says) so the output size never depends on a service default.
 *
 * @example
 * buildNovaAsyncBody({ s3Uri: "s3://media/intro.mp4", type: "video" }, { segmentation: { method: "fixed", durationSec: 10 } });
 * // { schemaVersion: "nova-multimodal-embed-v1", taskType: "SEGMENTED_EMBEDDING", segmentedEmbeddingParams: {
 * //   embeddingPurpose: "GENERIC_INDEX", embeddingDimension: 3072, video: { format: "mp4", source: {...},
 * //   embeddingMode: "AUDIO_VIDEO_COMBINED", segmentationConfig: { durationSeconds: 10 } } } }
 */
export function buildNovaAsyncBody(input: S3MediaInput, options: AsyncModelOptions): Record<string, unknown> {
  refuseOtherOptions(options, NOVA_OPTIONS, "Nova");
  const source = {
    s3Location: { uri: input.s3Uri, ...(input.bucketOwner ? { bucketOwner: input.bucketOwner } : {}) },
  };
  const media = mediaParams(input, options, source);
  return {
    schemaVersion: "nova-multimodal-embed-v1",
    taskType: "SEGMENTED_EMBEDDING",
    segmentedEmbeddingParams: {
      embeddingPurpose: oneOf(
        options.embeddingPurpose ?? "GENERIC_INDEX",
        "embeddingPurpose",
        NOVA_EMBEDDING_PURPOSES,
      ),
      embeddingDimension: oneOf(options.dimensions ?? 3072, "dimensions", NOVA_DIMENSIONS),
      [input.type]: media,
    },
  };
}

function mediaParams(
  input: S3MediaInput,
  options: AsyncModelOptions,
  source: Record<string, unknown>,
): Record<string, unknown> {
  if (input.type === "text") {
    const maxLengthChars = numberInRange(options.maxLengthChars, "maxLengthChars", 800, 50_000);
    refuseSegmentation(options, "text (use maxLengthChars)");
    return {
      truncationMode: oneOf(options.truncationMode ?? "END", "truncationMode", ["START", "END", "NONE"]),
      source,
      ...(maxLengthChars === undefined ? {} : { segmentationConfig: { maxLengthChars } }),
    };
  }
  if (options.maxLengthChars !== undefined) refuseFor(input.type, "maxLengthChars");
  if (input.type === "image") {
    refuseSegmentation(options, "images");
    return {
      format: mediaFormat(input.s3Uri, input.format, FORMATS.image, "image"),
      source,
      ...(options.detailLevel
        ? { detailLevel: oneOf(options.detailLevel, "detailLevel", ["STANDARD_IMAGE", "DOCUMENT_IMAGE"]) }
        : {}),
    };
  }
  if (options.detailLevel !== undefined) refuseFor(input.type, "detailLevel");
  const segmentation = options.segmentation;
  if (segmentation && segmentation.method !== "fixed") {
    throw new InputError("Nova segments audio and video by fixed duration only.", {
      fix: 'Use segmentation: { method: "fixed", durationSec: 1 to 30 }.',
    });
  }
  const durationSeconds = numberInRange(segmentation?.durationSec, "segmentation.durationSec", 1, 30);
  const params: Record<string, unknown> = {
    format: mediaFormat(input.s3Uri, input.format, FORMATS[input.type], input.type),
    source,
  };
  if (input.type === "video") {
    params["embeddingMode"] = oneOf(options.embeddingMode ?? "AUDIO_VIDEO_COMBINED", "embeddingMode", [
      "AUDIO_VIDEO_COMBINED",
      "AUDIO_VIDEO_SEPARATE",
    ]);
  } else if (options.embeddingMode !== undefined) {
    refuseFor(input.type, "embeddingMode");
  }
  if (durationSeconds !== undefined) params["segmentationConfig"] = { durationSeconds };
  return params;
}

function refuseSegmentation(options: AsyncModelOptions, what: string): void {
  if (options.segmentation !== undefined) {
    throw new InputError(`Nova has no time segmentation for ${what}.`, { fix: "Remove segmentation." });
  }
}

function refuseFor(type: string, option: string): never {
  throw new InputError(`Nova ${type} inputs have no option ${option}.`, { fix: `Remove ${option}.` });
}
