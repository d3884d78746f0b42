import {
  type InputModality,
  isQueryAction,
  type MemoryAction,
  ResponseError,
} from "@bedrock-embeddings/core";
import { cutToCodePoints } from "../../input/code-points.js";
import type {
  ModelFamily,
  ParsedEmbeddings,
  RequestSettings,
  WireInput,
  WireMedia,
} from "../model-family.js";
import { describeValue, expectObject, isRecord } from "../response-shape.js";
import { singleInput, unpackedLength } from "../wire-inputs.js";
import { NOVA_EMBEDDING_PURPOSES } from "./async-body.js";

const FAMILY = "nova-multimodal";
const MAX_CHARACTERS = 8192;

/**
 * Amazon Nova multimodal embeddings, synchronously (`taskType: SINGLE_EMBEDDING`): exactly one
 * of text (`{truncationMode, value}`), image (`{format, source, detailLevel?}`), audio
 * (`{format, source}`) or video (`{format, source, embeddingMode}`) per call, where `source` is
 * `{bytes: base64}` or `{s3Location: {uri}}`. `embeddingPurpose` and `embeddingDimension`
 * (256, 384, 1024 or 3072, default 3072) are always sent. Text: 8,192 characters; with
 * `truncate` START or END an over-long text is cut to that from the same side and the model
 * is told the same mode. Inline media: 25 MB per request after base64; S3 media is read by
 * the service. The response lists one embedding per input, two for a video embedded with
 * AUDIO_VIDEO_SEPARATE (video, then audio). Float only; no server normalize.
 */
export const novaMultimodal: ModelFamily = {
  name: FAMILY,
  modelIds: ["amazon.nova-2-multimodal-embeddings-v1:0"],
  limits: { textsPerCall: 1, charactersPerText: MAX_CHARACTERS, tokensPerText: 8192 },
  dimensions: { default: 3072, allowed: [256, 384, 1024, 3072], fixed: false },
  serverNormalize: false,
  tokenSource: "header",
  truncateModes: ["NONE", "START", "END"],
  inputTypes: NOVA_EMBEDDING_PURPOSES,
  defaultInputType: novaPurpose,
  modalities: ["text", "image", "audio", "video"],
  embeddingTypes: ["float"],
  media: {
    imageFormats: ["png", "jpeg", "gif", "webp"],
    // Inline images are bounded by inlineBase64Bytes; 50 MB is the S3 limit, which the service checks.
    imageBytes: 50_000_000,
    imagePixels: undefined,
    audioFormats: ["mp3", "wav", "ogg"],
    videoFormats: ["mp4", "mov", "mkv", "webm", "flv", "mpeg", "mpg", "wmv", "3gp"],
    inlineBase64Bytes: 25_000_000,
    requestBytes: 25_000_000,
    s3Sources: true,
    inputsPerCall: 1,
  },
  typedLength: unpackedLength,
  fitText: cutToCodePoints(MAX_CHARACTERS),
  buildBody: (inputs, settings) => body(singleInput(inputs, FAMILY), settings),
  parseResponse: parseNovaResponse,
};

/**
 * Stored items (add, update) are embedded for indexing, GENERIC_INDEX, whatever their medium.
 * A query gets a retrieval purpose: Nova's TEXT_RETRIEVAL is tuned for a query searching text,
 * the usual case for a text memory, while a query made of an image, audio or video is matched
 * against mixed content, where GENERIC_RETRIEVAL is the documented choice. Indexes with other
 * layouts (say, text queries over images) set `inputType` explicitly, e.g. IMAGE_RETRIEVAL.
 */
function novaPurpose(memoryAction: MemoryAction | undefined, modality: InputModality = "text"): string {
  if (!isQueryAction(memoryAction)) return "GENERIC_INDEX";
  return modality === "text" ? "TEXT_RETRIEVAL" : "GENERIC_RETRIEVAL";
}

function body(input: WireInput, settings: RequestSettings): Record<string, unknown> {
  return {
    schemaVersion: "nova-multimodal-embed-v1",
    taskType: "SINGLE_EMBEDDING",
    singleEmbeddingParams: {
      embeddingPurpose: settings.inputType,
      embeddingDimension: settings.dimensions,
      ...content(input, settings),
    },
  };
}

function content(input: WireInput, settings: RequestSettings): Record<string, unknown> {
  switch (input.modality) {
    case "text":
      return {
        text: {
          truncationMode:
            settings.truncate === "START" || settings.truncate === "END" ? settings.truncate : "NONE",
          value: input.text,
        },
      };
    case "image":
      return {
        image: {
          format: input.image.format,
          source: source(input.image),
          ...(settings.detailLevel === undefined ? {} : { detailLevel: settings.detailLevel }),
        },
      };
    case "audio":
      return { audio: { format: input.audio.format, source: source(input.audio) } };
    case "video":
      return {
        video: {
          format: input.video.format,
          source: source(input.video),
          embeddingMode: input.embeddingMode,
        },
      };
    default:
      throw new Error(`${FAMILY}: a ${input.modality} input reached the codec; a planner bug.`);
  }
}

function source(media: WireMedia): Record<string, unknown> {
  if ("base64" in media) return { bytes: media.base64 };
  return {
    s3Location: {
      uri: media.s3Uri,
      ...(media.bucketOwner === undefined ? {} : { bucketOwner: media.bucketOwner }),
    },
  };
}

/** `{embeddings: [{embeddingType, embedding, truncatedCharLength?}]}`: every entry belongs to the call's one input. */
function parseNovaResponse(response: unknown, modelId: string): ParsedEmbeddings {
  const object = expectObject(response, modelId);
  const entries = object["embeddings"];
  if (!Array.isArray(entries) || entries.length === 0) {
    const found =
      "embeddings" in object ? `"embeddings" is ${describeValue(entries)}` : describeValue(object);
    throw new ResponseError(`The response for ${modelId} has no "embeddings" entries; found ${found}.`, {
      modelId,
      fix: "Check that the model id and family are Amazon Nova multimodal embeddings.",
    });
  }
  const raw = entries.map((entry) => {
    const record = isRecord(entry) ? entry : {};
    const truncated = record["truncatedCharLength"];
    return {
      ...(typeof record["embeddingType"] === "string" ? { content: record["embeddingType"] } : {}),
      byType: { float: isRecord(entry) ? record["embedding"] : entry },
      ...(typeof truncated === "number" ? { truncatedCharLength: truncated } : {}),
    };
  });
  return { perInput: [raw], inputTokens: undefined };
}
