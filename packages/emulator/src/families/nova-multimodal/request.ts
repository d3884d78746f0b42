import { validationError } from "../../protocol/aws-service-error.js";
import { malformedInputError } from "../../validation/malformed-input.js";
import type { ObjectSchema, Schema } from "../../validation/schema.js";
import { validateSchema } from "../../validation/validate-schema.js";

/** The modalities a Nova Multimodal Embeddings request can carry (exactly one per request). */
export const novaModalities = ["text", "image", "audio", "video"] as const;
export type NovaModality = (typeof novaModalities)[number];

export const novaEmbeddingPurposes = [
  "GENERIC_INDEX",
  "GENERIC_RETRIEVAL",
  "TEXT_RETRIEVAL",
  "IMAGE_RETRIEVAL",
  "VIDEO_RETRIEVAL",
  "DOCUMENT_RETRIEVAL",
  "AUDIO_RETRIEVAL",
  "CLASSIFICATION",
  "CLUSTERING",
];

/** The vector length Nova returns when `embeddingDimension` is not set. */
export const novaDefaultDimension = 3072;

export const novaImageFormats = ["png", "jpeg", "gif", "webp"] as const;

/** `{"bytes": "<base64>"}` or `{"s3Location": {"uri": "s3://...", "bucketOwner"?: "..."}}`. */
export interface NovaSource {
  bytes?: string;
  s3Location?: { uri: string; bucketOwner?: string };
}

export interface NovaTextParams {
  truncationMode: "START" | "END" | "NONE";
  value?: string;
  source?: NovaSource;
  segmentationConfig?: { maxLengthChars?: number };
}

export interface NovaMediaParams {
  format: string;
  source: NovaSource;
  detailLevel?: "STANDARD_IMAGE" | "DOCUMENT_IMAGE";
  embeddingMode?: "AUDIO_VIDEO_COMBINED" | "AUDIO_VIDEO_SEPARATE";
  segmentationConfig?: { durationSeconds?: number };
}

/** The shared part of `singleEmbeddingParams` and `segmentedEmbeddingParams`. */
export interface NovaEmbeddingParams {
  embeddingPurpose: string;
  embeddingDimension?: 256 | 384 | 1024 | 3072;
  text?: NovaTextParams;
  image?: NovaMediaParams;
  audio?: NovaMediaParams;
  video?: NovaMediaParams;
}

const sourceSchema: ObjectSchema = {
  kind: "object",
  properties: {
    bytes: { kind: "string" },
    s3Location: {
      kind: "object",
      required: ["uri"],
      properties: { uri: { kind: "string", minLength: 1 }, bucketOwner: { kind: "string" } },
    },
  },
};

function paramsSchema(segmented: boolean): ObjectSchema {
  const textSegmentation: Record<string, Schema> = segmented
    ? {
        segmentationConfig: {
          kind: "object",
          properties: { maxLengthChars: { kind: "integer", minimum: 800 } },
        },
      }
    : {};
  const mediaSegmentation: Record<string, Schema> = segmented
    ? {
        segmentationConfig: {
          kind: "object",
          properties: { durationSeconds: { kind: "integer", minimum: 1 } },
        },
      }
    : {};
  return {
    kind: "object",
    required: ["embeddingPurpose"],
    properties: {
      embeddingPurpose: { kind: "enum", values: novaEmbeddingPurposes },
      embeddingDimension: { kind: "enum", values: [256, 384, 1024, 3072] },
      text: {
        kind: "object",
        required: ["truncationMode"],
        properties: {
          truncationMode: { kind: "enum", values: ["START", "END", "NONE"] },
          value: { kind: "string", maxLength: 8192 },
          source: sourceSchema,
          ...textSegmentation,
        },
      },
      image: {
        kind: "object",
        required: ["format", "source"],
        properties: {
          format: { kind: "enum", values: novaImageFormats },
          source: sourceSchema,
          detailLevel: { kind: "enum", values: ["STANDARD_IMAGE", "DOCUMENT_IMAGE"] },
        },
      },
      audio: {
        kind: "object",
        required: ["format", "source"],
        properties: {
          format: { kind: "enum", values: ["mp3", "wav", "ogg"] },
          source: sourceSchema,
          ...mediaSegmentation,
        },
      },
      video: {
        kind: "object",
        required: ["format", "source", "embeddingMode"],
        properties: {
          format: { kind: "enum", values: ["mp4", "mov", "mkv", "webm", "flv", "mpeg", "mpg", "wmv", "3gp"] },
          source: sourceSchema,
          embeddingMode: { kind: "enum", values: ["AUDIO_VIDEO_COMBINED", "AUDIO_VIDEO_SEPARATE"] },
          ...mediaSegmentation,
        },
      },
    },
  };
}

function requestSchema(taskType: "SINGLE_EMBEDDING" | "SEGMENTED_EMBEDDING"): ObjectSchema {
  const paramsKey = taskType === "SINGLE_EMBEDDING" ? "singleEmbeddingParams" : "segmentedEmbeddingParams";
  return {
    kind: "object",
    required: ["taskType", paramsKey],
    properties: {
      schemaVersion: { kind: "enum", values: ["nova-multimodal-embed-v1"] },
      taskType: { kind: "enum", values: ["SINGLE_EMBEDDING", "SEGMENTED_EMBEDDING"] },
      [paramsKey]: paramsSchema(taskType === "SEGMENTED_EMBEDDING"),
    },
  };
}

/** A validated Nova request: which modality it carries and its parameters. */
export interface ValidNovaRequest {
  params: NovaEmbeddingParams;
  modality: NovaModality;
  dimension: 256 | 384 | 1024 | 3072;
}

/**
 * Validates a Nova Multimodal Embeddings body for InvokeModel (`SINGLE_EMBEDDING`) or StartAsyncInvoke
 * (`SEGMENTED_EMBEDDING`), in Bedrock's "Malformed input request" wording, plus the rules a schema cannot say:
 * exactly one modality, exactly one source kind, no inline bytes for text, and (async) S3 sources only.
 */
export function validateNovaRequest(
  body: unknown,
  taskType: "SINGLE_EMBEDDING" | "SEGMENTED_EMBEDDING",
): ValidNovaRequest {
  const sentTaskType = (body as { taskType?: unknown } | null)?.taskType;
  if (
    sentTaskType !== taskType &&
    (sentTaskType === "SINGLE_EMBEDDING" || sentTaskType === "SEGMENTED_EMBEDDING")
  ) {
    throw validationError(
      taskType === "SINGLE_EMBEDDING"
        ? "SEGMENTED_EMBEDDING is only supported by StartAsyncInvoke. Use SINGLE_EMBEDDING with InvokeModel."
        : "SINGLE_EMBEDDING is only supported by InvokeModel. Use SEGMENTED_EMBEDDING with StartAsyncInvoke.",
    );
  }
  const problems = validateSchema(body, requestSchema(taskType));
  if (problems.length > 0) throw malformedInputError(problems);
  const paramsKey = taskType === "SINGLE_EMBEDDING" ? "singleEmbeddingParams" : "segmentedEmbeddingParams";
  const params = (body as Record<string, NovaEmbeddingParams>)[paramsKey] as NovaEmbeddingParams;
  const pointer = `#/${paramsKey}`;
  const present = novaModalities.filter((modality) => params[modality] !== undefined);
  const modality = present[0];
  if (present.length !== 1 || modality === undefined) {
    throw malformedInputError([
      `${pointer}: exactly one of [text, image, audio, video] is required, found ${present.length}`,
    ]);
  }
  checkSegmentationRanges(params, pointer);
  if (modality === "text") {
    const text = params.text as NovaTextParams;
    if ((text.value === undefined) === (text.source === undefined)) {
      throw malformedInputError([`${pointer}/text: exactly one of [value, source] is required`]);
    }
    if (text.source?.bytes !== undefined) {
      throw malformedInputError([
        `${pointer}/text/source: [bytes] is not supported for text; use [s3Location]`,
      ]);
    }
  }
  const source = modality === "text" ? params.text?.source : params[modality]?.source;
  if (source !== undefined) checkSource(source, `${pointer}/${modality}/source`);
  if (taskType === "SEGMENTED_EMBEDDING" && source?.s3Location === undefined) {
    throw validationError(
      `StartAsyncInvoke with SEGMENTED_EMBEDDING reads its input from Amazon S3: set ${modality}.source.s3Location.uri.`,
    );
  }
  return { params, modality, dimension: params.embeddingDimension ?? novaDefaultDimension };
}

function checkSource(source: NovaSource, pointer: string): void {
  if ((source.bytes === undefined) === (source.s3Location === undefined)) {
    throw malformedInputError([`${pointer}: exactly one of [bytes, s3Location] is required`]);
  }
}

// The schema subset has only minimums; everit words a broken maximum like this.
function checkSegmentationRanges(params: NovaEmbeddingParams, pointer: string): void {
  const maxLengthChars = params.text?.segmentationConfig?.maxLengthChars;
  if (maxLengthChars !== undefined && maxLengthChars > 50_000) {
    throw malformedInputError([
      `${pointer}/text/segmentationConfig/maxLengthChars: ${maxLengthChars} is not less or equal to 50000`,
    ]);
  }
  for (const modality of ["audio", "video"] as const) {
    const durationSeconds = params[modality]?.segmentationConfig?.durationSeconds;
    if (durationSeconds !== undefined && durationSeconds > 30) {
      throw malformedInputError([
        `${pointer}/${modality}/segmentationConfig/durationSeconds: ${durationSeconds} is not less or equal to 30`,
      ]);
    }
  }
}
