import {
  checkVector,
  type EmbeddedContent,
  type EmbeddingResult,
  type EmbeddingType,
  finishVector,
  type IntegerEmbeddingType,
  ResponseError,
  type TypedEmbedding,
} from "@bedrock-embeddings/core";
import type { ModelFamily, RawEmbedding, WireInput } from "../families/model-family.js";
import { describeValue } from "../families/response-shape.js";
import type { DimensionTracker } from "./call-context.js";

/** What decoding one input's embeddings needs from the embedder. */
export interface DecodeContext {
  modelId: string;
  family: ModelFamily;
  normalize: boolean;
  dimension: DimensionTracker;
  /** The encodings asked for; each must be in the response. */
  types: readonly EmbeddingType[];
}

const CONTENTS: readonly EmbeddedContent[] = [
  "TEXT",
  "IMAGE",
  "TEXT_IMAGE",
  "AUDIO",
  "VIDEO",
  "AUDIO_VIDEO_COMBINED",
];

const RANGES: Readonly<Record<IntegerEmbeddingType, { min: number; max: number }>> = {
  int8: { min: -128, max: 127 },
  binary: { min: -128, max: 127 },
  uint8: { min: 0, max: 255 },
  ubinary: { min: 0, max: 255 },
};

/**
 * One input's result from what the codec found: every requested encoding present and valid
 * (floats finite and of the expected dimension, then normalized when asked; compact types
 * integers in range and of the family's length). A video embedded with AUDIO_VIDEO_SEPARATE
 * gives the VIDEO entry with the AUDIO entry as its `audioTrack`. Throws ResponseError naming
 * the input.
 */
export function decodeResult(
  context: DecodeContext,
  entries: readonly RawEmbedding[],
  input: WireInput,
  index: number,
): EmbeddingResult {
  const separate = input.modality === "video" && input.embeddingMode === "AUDIO_VIDEO_SEPARATE";
  const expected = separate ? 2 : 1;
  if (entries.length !== expected) {
    throw new ResponseError(
      `The response for ${context.modelId} holds ${entries.length} embeddings for input ${index}, expected ${expected}.`,
      { modelId: context.modelId, index, expected, actual: entries.length },
    );
  }
  if (!separate) return decodeEntry(context, entries[0]!, defaultContent(input), index);
  const audio = entries.find((entry) => entry.content === "AUDIO");
  const video = entries.find((entry) => entry !== audio);
  if (audio === undefined || video === undefined) {
    throw new ResponseError(
      `The response for ${context.modelId} has no AUDIO entry for the separately embedded video of input ${index}.`,
      { modelId: context.modelId, index },
    );
  }
  return {
    ...decodeEntry(context, video, "VIDEO", index),
    audioTrack: decodeEntry(context, audio, "AUDIO", index),
  };
}

function decodeEntry(
  context: DecodeContext,
  entry: RawEmbedding,
  fallback: EmbeddedContent,
  index: number,
): EmbeddingResult {
  const content = CONTENTS.find((name) => name === entry.content) ?? fallback;
  const result: EmbeddingResult = { embeddingType: content };
  if (context.types.includes("float")) {
    const vector = checkVector(entry.byType.float, index, context.dimension.get(), context.modelId);
    context.dimension.observe(vector.length);
    result.vector = finishVector(vector, index, context.normalize, context.family.serverNormalize);
  }
  for (const type of context.types) {
    if (type === "float") continue;
    result.typed = { ...result.typed, [type]: decodeTyped(context, entry.byType[type], type, index) };
  }
  if (entry.truncatedCharLength !== undefined) result.truncatedCharLength = entry.truncatedCharLength;
  return result;
}

function decodeTyped(
  context: DecodeContext,
  raw: unknown,
  type: IntegerEmbeddingType,
  index: number,
): TypedEmbedding {
  const { modelId } = context;
  if (!Array.isArray(raw) || raw.length === 0) {
    const found = raw === undefined ? "missing" : `${describeValue(raw)}, not a list of integers`;
    throw new ResponseError(`The ${type} embedding for input ${index} is ${found}.`, {
      modelId,
      index,
      fix: `Check that ${context.family.name} returns ${type} embeddings; this is a service or emulator bug if it repeats.`,
    });
  }
  const range = RANGES[type];
  const bad = raw.findIndex((value) => !Number.isInteger(value) || value < range.min || value > range.max);
  if (bad >= 0) {
    throw new ResponseError(
      `The ${type} embedding for input ${index} has ${String(raw[bad])} at position ${bad}, outside ${range.min}..${range.max}.`,
      { modelId, index },
    );
  }
  const dimension = context.dimension.get();
  if (dimension !== undefined) {
    const expected = context.family.typedLength(type, dimension);
    if (raw.length !== expected) {
      throw new ResponseError(
        `The ${type} embedding for input ${index} has ${raw.length} values, expected ${expected} for ${dimension} dimensions.`,
        { modelId, index, expected, actual: raw.length },
      );
    }
  }
  const size = dimension ?? (context.family.typedLength(type, 8) === 1 ? raw.length * 8 : raw.length);
  if (type === "int8" || type === "binary")
    return { type, values: Int8Array.from(raw as number[]), dimension: size };
  return { type, values: Uint8Array.from(raw as number[]), dimension: size };
}

function defaultContent(input: WireInput): EmbeddedContent {
  switch (input.modality) {
    case "text":
      return "TEXT";
    case "image":
      return "IMAGE";
    case "text-image":
      return "TEXT_IMAGE";
    case "audio":
      return "AUDIO";
    case "video":
      return "AUDIO_VIDEO_COMBINED";
  }
}
