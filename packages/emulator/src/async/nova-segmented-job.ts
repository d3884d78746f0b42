import type { NovaEmbedding } from "../families/nova-multimodal/embed.js";
import { checkNovaImage, embedNovaMedia, embedNovaText } from "../families/nova-multimodal/embed.js";
import type {
  NovaMediaParams,
  NovaTextParams,
  ValidNovaRequest,
} from "../families/nova-multimodal/request.js";
import { mediaDurationSeconds } from "../media/media-duration.js";
import { embedBytes } from "../media/media-embedding.js";
import { AwsServiceError } from "../protocol/aws-service-error.js";
import type { FetchedObject, S3ObjectStore } from "../s3/s3-object-store.js";
import { joinS3Uri } from "../s3/s3-uri.js";
import { EMULATOR_FAIL_MARKER, EMULATOR_PARTIAL_MARKER, JobFailure } from "./job-markers.js";

const mebibyte = 1024 * 1024;
const maxTextSegments = 1900;
const maxMediaSegments = 1434;
const maxMediaSeconds = 2 * 60 * 60;
const maxAsyncBytes = {
  text: 634 * mebibyte,
  image: 50 * mebibyte,
  audio: 1024 * mebibyte,
  video: 2048 * mebibyte,
};

/** One line of an `embedding-<type>.jsonl` file. */
interface SegmentLine {
  embedding?: number[];
  segmentMetadata: Record<string, number>;
  status: "SUCCESS" | "FAILURE";
  failureReason?: string;
  message?: string;
}

interface EmbeddingResult {
  embeddingType: NovaEmbedding["embeddingType"];
  status: "SUCCESS" | "FAILURE" | "PARTIAL_SUCCESS";
  failureReason?: string;
  message?: string;
  outputFileUri: string;
}

/** A text segment: zero-based character positions, end exclusive (`[...text].slice(start, end)`). */
export interface TextSegment {
  start: number;
  end: number;
}

/**
 * Splits text into segments of at most `maxLengthChars` characters, cutting after the last whitespace inside
 * the window so words stay whole (a single word longer than the window is cut where the window ends).
 */
export function segmentText(characters: readonly string[], maxLengthChars: number): TextSegment[] {
  const segments: TextSegment[] = [];
  let start = 0;
  while (start < characters.length) {
    let end = Math.min(start + maxLengthChars, characters.length);
    if (end < characters.length && !isSpace(characters[end]) && !isSpace(characters[end - 1])) {
      let cut = end - 1;
      while (cut > start && !isSpace(characters[cut])) cut -= 1;
      if (cut > start) end = cut + 1;
    }
    segments.push({ start, end });
    start = end;
  }
  return segments;
}

function isSpace(character: string | undefined): boolean {
  return character !== undefined && /\s/u.test(character);
}

/**
 * Runs a Nova `SEGMENTED_EMBEDDING` invocation: reads the S3 source, segments it (text by characters, audio and
 * video by seconds), and writes `segmented-embedding-result.json`, one `embedding-<type>.jsonl` per embedding
 * type (`embedding-image.json` for images) and `manifest.json` under `outputPrefix`.
 * Throws JobFailure (the invocation's failureMessage) when the input cannot be read or breaks a limit.
 */
export async function runNovaSegmentedJob(
  request: ValidNovaRequest,
  s3: S3ObjectStore,
  outputPrefix: string,
): Promise<void> {
  const { params, modality, dimension } = request;
  const source = modality === "text" ? params.text?.source : params[modality]?.source;
  const sourceUri = source?.s3Location?.uri ?? "";
  if (sourceUri.includes(EMULATOR_FAIL_MARKER)) {
    throw new JobFailure(
      `The input ${sourceUri} contains the ${EMULATOR_FAIL_MARKER} marker, so the emulator failed this job.`,
    );
  }
  const object = await s3.getObject(sourceUri).catch((error: unknown) => {
    throw new JobFailure(
      `Unable to read the input ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  if (object.bytes.length > maxAsyncBytes[modality]) {
    throw new JobFailure(
      `The ${modality} input is ${object.bytes.length} bytes, more than the ${maxAsyncBytes[modality] / mebibyte} MB StartAsyncInvoke accepts.`,
    );
  }
  const partial = sourceUri.includes(EMULATOR_PARTIAL_MARKER);
  let results: Array<{
    embeddingType: NovaEmbedding["embeddingType"];
    fileName: string;
    lines: SegmentLine[];
  }>;
  if (modality === "text") {
    results = [textResult(object, params.text as NovaTextParams, dimension, partial)];
  } else if (modality === "image") {
    results = [imageResult(object, params.image as NovaMediaParams, dimension)];
  } else {
    results = mediaResults(object, modality, params[modality] as NovaMediaParams, dimension, partial);
  }
  const embeddingResults: EmbeddingResult[] = [];
  for (const result of results) {
    const outputFileUri = joinS3Uri(outputPrefix, result.fileName);
    const body =
      result.fileName.endsWith(".json") && result.lines[0]
        ? JSON.stringify(result.lines[0])
        : `${result.lines.map((line) => JSON.stringify(line)).join("\n")}\n`;
    await s3.putObject(outputFileUri, body, "application/json");
    embeddingResults.push({
      embeddingType: result.embeddingType,
      ...overallStatus(result.lines),
      outputFileUri,
    });
  }
  await s3.putObject(
    joinS3Uri(outputPrefix, "segmented-embedding-result.json"),
    JSON.stringify({ sourceFileUri: sourceUri, embeddingDimension: dimension, embeddingResults }),
  );
  await s3.putObject(
    joinS3Uri(outputPrefix, "manifest.json"),
    JSON.stringify({
      sourceFileUri: sourceUri,
      outputFiles: [
        ...embeddingResults.map((result) => result.outputFileUri),
        joinS3Uri(outputPrefix, "segmented-embedding-result.json"),
      ],
    }),
  );
}

function overallStatus(
  lines: readonly SegmentLine[],
): Pick<EmbeddingResult, "status" | "failureReason" | "message"> {
  const failed = lines.filter((line) => line.status === "FAILURE");
  if (failed.length === 0) return { status: "SUCCESS" };
  const first = failed[0] as SegmentLine;
  const detail = {
    ...(first.failureReason === undefined ? {} : { failureReason: first.failureReason }),
    message: `${failed.length} of ${lines.length} segments failed.`,
  };
  return { status: failed.length === lines.length ? "FAILURE" : "PARTIAL_SUCCESS", ...detail };
}

function textResult(
  object: FetchedObject,
  text: NovaTextParams,
  dimension: number,
  partial: boolean,
): { embeddingType: "TEXT"; fileName: string; lines: SegmentLine[] } {
  const content = object.bytes.toString("utf8");
  if (content.includes(EMULATOR_FAIL_MARKER)) {
    throw new JobFailure(
      `The text input contains the ${EMULATOR_FAIL_MARKER} marker, so the emulator failed this job.`,
    );
  }
  const characters = [...content];
  const segments = segmentText(characters, text.segmentationConfig?.maxLengthChars ?? 32_000);
  if (segments.length > maxTextSegments) {
    throw new JobFailure(
      `The text input produces ${segments.length} segments, more than the maximum of ${maxTextSegments}. Increase segmentationConfig.maxLengthChars.`,
    );
  }
  const lines = segments.map((segment, segmentIndex): SegmentLine => {
    const segmentMetadata: Record<string, number> = {
      segmentIndex,
      segmentStartCharPosition: segment.start,
      segmentEndCharPosition: segment.end,
    };
    const content = characters.slice(segment.start, segment.end).join("");
    if (content.includes(EMULATOR_PARTIAL_MARKER) || (partial && segmentIndex === segments.length - 1)) {
      return {
        segmentMetadata,
        status: "FAILURE",
        failureReason: "RAI_VIOLATION_INPUT_TEXT_DEFLECTION",
        message: `The emulator failed this segment (${EMULATOR_PARTIAL_MARKER} marker).`,
      };
    }
    try {
      const { result } = embedNovaText(content, text.truncationMode, dimension);
      if (result.truncatedCharLength !== undefined)
        segmentMetadata["truncatedCharLength"] = result.truncatedCharLength;
      return { embedding: result.embedding, segmentMetadata, status: "SUCCESS" };
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      return { segmentMetadata, status: "FAILURE", failureReason: "INVALID_CONTENT", message: error.message };
    }
  });
  return { embeddingType: "TEXT", fileName: "embedding-text.jsonl", lines };
}

function imageResult(
  object: FetchedObject,
  image: NovaMediaParams,
  dimension: number,
): { embeddingType: "IMAGE"; fileName: string; lines: SegmentLine[] } {
  try {
    checkNovaImage(object.bytes, image.format);
  } catch (error) {
    throw new JobFailure(error instanceof Error ? error.message : String(error));
  }
  const embedding = embedBytes(
    object.bytes,
    dimension,
    `nova-image:${image.detailLevel ?? "STANDARD_IMAGE"}`,
  );
  return {
    embeddingType: "IMAGE",
    fileName: "embedding-image.json",
    lines: [{ embedding, segmentMetadata: { segmentIndex: 0 }, status: "SUCCESS" }],
  };
}

const mediaFileNames: Record<string, string> = {
  AUDIO: "embedding-audio.jsonl",
  VIDEO: "embedding-video.jsonl",
  // AWS leaves this name unstated; clients should follow outputFileUri rather than guess it.
  AUDIO_VIDEO_COMBINED: "embedding-audio-video.jsonl",
};

function mediaResults(
  object: FetchedObject,
  modality: "audio" | "video",
  media: NovaMediaParams,
  dimension: number,
  partial: boolean,
): Array<{ embeddingType: NovaEmbedding["embeddingType"]; fileName: string; lines: SegmentLine[] }> {
  const duration = mediaDurationSeconds(object.bytes.length, object.metadata);
  if (duration > maxMediaSeconds) {
    throw new JobFailure(
      `The ${modality} input is ${duration.toFixed(1)} seconds long, more than the maximum of 2 hours.`,
    );
  }
  const segmentSeconds = media.segmentationConfig?.durationSeconds ?? 5;
  const count = Math.max(1, Math.ceil(duration / segmentSeconds));
  if (count > maxMediaSegments) {
    throw new JobFailure(
      `The ${modality} input produces ${count} segments, more than the maximum of ${maxMediaSegments}. Increase segmentationConfig.durationSeconds.`,
    );
  }
  const byType = new Map<NovaEmbedding["embeddingType"], SegmentLine[]>();
  for (let segmentIndex = 0; segmentIndex < count; segmentIndex += 1) {
    const startSeconds = segmentIndex * segmentSeconds;
    const endSeconds = Math.min(duration, startSeconds + segmentSeconds);
    const slice = object.bytes.subarray(
      Math.floor((startSeconds / duration) * object.bytes.length),
      Math.ceil((endSeconds / duration) * object.bytes.length),
    );
    const segmentMetadata = {
      segmentIndex,
      segmentStartSeconds: round3(startSeconds),
      segmentEndSeconds: round3(endSeconds),
    };
    const failThis = partial && segmentIndex === count - 1;
    for (const entry of embedNovaMedia(slice, modality, media, dimension, `:${segmentIndex}`)) {
      const lines = byType.get(entry.embeddingType) ?? [];
      lines.push(
        failThis
          ? {
              segmentMetadata,
              status: "FAILURE",
              failureReason: "INVALID_CONTENT",
              message: `The input's S3 key contains the ${EMULATOR_PARTIAL_MARKER} marker; the emulator failed its last segment.`,
            }
          : { embedding: entry.embedding, segmentMetadata, status: "SUCCESS" },
      );
      byType.set(entry.embeddingType, lines);
    }
  }
  return [...byType].map(([embeddingType, lines]) => ({
    embeddingType,
    fileName: mediaFileNames[embeddingType] ?? `embedding-${embeddingType.toLowerCase()}.jsonl`,
    lines,
  }));
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
