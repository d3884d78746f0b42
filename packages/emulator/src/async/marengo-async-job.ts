import { embedMarengo27TextOrImage, marengo27Dimensions } from "../families/marengo-2-7/index.js";
import type { Marengo27Request } from "../families/marengo-2-7/request.js";
import { marengo27EmbeddingOptions, marengo27Schema } from "../families/marengo-2-7/request.js";
import { embedMarengo30Static, marengo30Dimensions } from "../families/marengo-3-0/index.js";
import type { Marengo30Timed } from "../families/marengo-3-0/request.js";
import { validateMarengo30 } from "../families/marengo-3-0/request.js";
import { readMarengoMedia } from "../families/shared/marengo-media.js";
import { mediaDurationSeconds } from "../media/media-duration.js";
import { embedBytes } from "../media/media-embedding.js";
import type { S3ObjectStore } from "../s3/s3-object-store.js";
import { collectS3Uris, prefetchS3Sources } from "../s3/s3-sources.js";
import { joinS3Uri } from "../s3/s3-uri.js";
import { assertMatchesSchema, malformedInputError } from "../validation/malformed-input.js";
import { EMULATOR_FAIL_MARKER, JobFailure } from "./job-markers.js";

const marengo27 = "twelvelabs.marengo-embed-2-7-v1:0";

/** One item of Marengo's `output.json` `data` array. */
interface MarengoItem {
  embedding: number[];
  embeddingOption?: string;
  embeddingScope?: "clip" | "asset";
  startSec?: number;
  endSec?: number;
}

/** Validates a Marengo 2.7 or 3.0 StartAsyncInvoke `modelInput`, including the async-only clip options. */
export function validateMarengoAsyncInput(modelId: string, modelInput: unknown): void {
  if (modelId === marengo27) {
    assertMatchesSchema(modelInput, marengo27Schema);
    const request = modelInput as Marengo27Request;
    const required = request.inputType === "text" ? "inputText" : "mediaSource";
    if (request[required] === undefined)
      throw malformedInputError([`#: required key [${required}] not found`]);
    checkNumber(request.startSec, "#/startSec", 0, Number.POSITIVE_INFINITY);
    checkNumber(request.lengthSec, "#/lengthSec", 0, Number.POSITIVE_INFINITY);
    checkNumber(request.minClipSec, "#/minClipSec", 1, 5);
    checkNumber(request.useFixedLengthSec, "#/useFixedLengthSec", 2, 10);
    const minClip = (request.minClipSec as number | undefined) ?? 4;
    const fixed = request.useFixedLengthSec as number | undefined;
    if (fixed !== undefined && fixed < minClip) {
      throw malformedInputError([
        `#/useFixedLengthSec: ${fixed} must be greater than or equal to minClipSec (${minClip})`,
      ]);
    }
    return;
  }
  const inputType = validateMarengo30(modelInput);
  if (inputType !== "video" && inputType !== "audio") return;
  const timed = (modelInput as Record<string, Marengo30Timed>)[inputType] as Marengo30Timed;
  checkNumber(timed.startSec, `#/${inputType}/startSec`, 0, Number.POSITIVE_INFINITY);
  checkNumber(timed.endSec, `#/${inputType}/endSec`, 0, Number.POSITIVE_INFINITY);
  clipSeconds30(timed.segmentation, `#/${inputType}/segmentation`);
  embeddingTypes30(timed.embeddingType, `#/${inputType}/embeddingType`);
}

/**
 * Runs a Marengo 2.7 or 3.0 async invocation and writes `output.json` (`{"data": [...]}`, one item per
 * clip x option, or one item for text and images) and `manifest.json` under `outputPrefix`.
 */
export async function runMarengoAsyncJob(
  modelId: string,
  modelInput: unknown,
  s3: S3ObjectStore,
  outputPrefix: string,
): Promise<void> {
  const markerIn = [...collectS3Uris(modelInput), ...inputTexts(modelInput)].find((text) =>
    text.includes(EMULATOR_FAIL_MARKER),
  );
  if (markerIn !== undefined) {
    throw new JobFailure(
      `The input contains the ${EMULATOR_FAIL_MARKER} marker, so the emulator failed this job.`,
    );
  }
  const context = await prefetchS3Sources(modelInput, s3);
  let data: MarengoItem[];
  if (modelId === marengo27) {
    const request = modelInput as Marengo27Request;
    if (request.inputType === "text" || request.inputType === "image") {
      data = [{ embedding: embedMarengo27TextOrImage(request, context).vector }];
    } else {
      const media = readMarengoMedia(request.mediaSource ?? {}, "#/mediaSource", context);
      const duration = mediaDurationSeconds(media.bytes.length, media.metadata);
      assertDuration(duration, 2);
      const start = (request.startSec as number | undefined) ?? 0;
      const end = Math.min(duration, start + ((request.lengthSec as number | undefined) ?? duration));
      const clipLength =
        (request.useFixedLengthSec as number | undefined) ??
        Math.max(6, (request.minClipSec as number | undefined) ?? 4);
      const options =
        request.inputType === "audio" ? ["audio"] : (request.embeddingOption ?? marengo27EmbeddingOptions);
      data = clips(start, end, clipLength).flatMap(([clipStart, clipEnd]) =>
        options.map((option) => ({
          embedding: embedBytes(
            sliceSeconds(media.bytes, duration, clipStart, clipEnd),
            marengo27Dimensions,
            `marengo-2.7:${option}`,
          ),
          embeddingOption: option,
          startSec: clipStart,
          endSec: clipEnd,
        })),
      );
    }
  } else {
    const inputType = validateMarengo30(modelInput);
    if (inputType !== "video" && inputType !== "audio") {
      data = [{ embedding: embedMarengo30Static(modelInput, context).vector }];
    } else {
      data = marengo30TimedItems(
        inputType,
        (modelInput as Record<string, Marengo30Timed>)[inputType] as Marengo30Timed,
        context,
      );
    }
  }
  const outputUri = joinS3Uri(outputPrefix, "output.json");
  await s3.putObject(outputUri, JSON.stringify({ data }));
  await s3.putObject(joinS3Uri(outputPrefix, "manifest.json"), JSON.stringify({ outputFiles: [outputUri] }));
}

function marengo30TimedItems(
  inputType: "video" | "audio",
  timed: Marengo30Timed,
  context: Parameters<typeof readMarengoMedia>[2],
): MarengoItem[] {
  const media = readMarengoMedia(timed.mediaSource, `#/${inputType}/mediaSource`, context);
  const duration = mediaDurationSeconds(media.bytes.length, media.metadata);
  assertDuration(duration, 4);
  const start = (timed.startSec as number | undefined) ?? 0;
  const end = Math.min(duration, (timed.endSec as number | undefined) ?? duration);
  const options =
    timed.embeddingOption ??
    (inputType === "video" ? ["visual", "audio", "transcription"] : ["audio", "transcription"]);
  const types = embeddingTypes30(timed.embeddingType, `#/${inputType}/embeddingType`);
  const scopes = timed.embeddingScope ?? ["clip"];
  const items: MarengoItem[] = [];
  for (const scope of scopes) {
    const windows =
      scope === "asset" ? [[start, end] as const] : clips(start, end, clipSeconds30(timed.segmentation, ""));
    for (const [clipStart, clipEnd] of windows) {
      const bytes = sliceSeconds(media.bytes, duration, clipStart, clipEnd);
      const itemOptions = [
        ...(types.includes("separate_embedding") ? options : []),
        ...(types.includes("fused_embedding") ? ["fused"] : []),
      ];
      for (const option of itemOptions) {
        items.push({
          embedding: embedBytes(bytes, marengo30Dimensions, `marengo-3.0:${option}:${scope}`),
          embeddingOption: option,
          embeddingScope: scope as "clip" | "asset",
          startSec: clipStart,
          endSec: clipEnd,
        });
      }
    }
  }
  return items;
}

function inputTexts(modelInput: unknown): string[] {
  const texts: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value !== "object" || value === null) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === "inputText" && typeof child === "string") texts.push(child);
      else visit(child);
    }
  };
  visit(modelInput);
  return texts;
}

function assertDuration(seconds: number, maxHours: number): void {
  if (seconds > maxHours * 3600) {
    throw new JobFailure(
      `The media input is ${seconds.toFixed(1)} seconds long, more than the maximum of ${maxHours} hours.`,
    );
  }
}

// Clip windows over [start, end); the last one may be shorter. Times are rounded to milliseconds.
function clips(start: number, end: number, length: number): Array<readonly [number, number]> {
  const windows: Array<readonly [number, number]> = [];
  for (let clipStart = start; clipStart < end; clipStart += length) {
    windows.push([round3(clipStart), round3(Math.min(end, clipStart + length))]);
  }
  return windows.length > 0 ? windows : [[round3(start), round3(end)]];
}

function sliceSeconds(bytes: Buffer, duration: number, start: number, end: number): Buffer {
  if (duration <= 0) return bytes;
  return bytes.subarray(
    Math.floor((start / duration) * bytes.length),
    Math.ceil((end / duration) * bytes.length),
  );
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function checkNumber(value: unknown, pointer: string, minimum: number, maximum: number): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw malformedInputError([`${pointer}: expected type: Number, found: ${typeof value}`]);
  }
  if (value < minimum)
    throw malformedInputError([`${pointer}: ${value} is not greater or equal to ${minimum}`]);
  if (value > maximum) throw malformedInputError([`${pointer}: ${value} is not less or equal to ${maximum}`]);
}

// Marengo 3.0 segmentation: dynamic (minDurationSec 1-5, default 4) or fixed (durationSec 1-10, default 6).
// Dynamic clips are emulated as fixed clips two seconds longer than the minimum.
function clipSeconds30(segmentation: unknown, pointer: string): number {
  if (segmentation === undefined) return 6;
  const method = (segmentation as { method?: unknown } | null)?.method;
  if (method === "fixed") {
    const seconds = (segmentation as { fixed?: { durationSec?: unknown } }).fixed?.durationSec;
    checkNumber(seconds, `${pointer}/fixed/durationSec`, 1, 10);
    return (seconds as number | undefined) ?? 6;
  }
  if (method === "dynamic") {
    const seconds = (segmentation as { dynamic?: { minDurationSec?: unknown } }).dynamic?.minDurationSec;
    checkNumber(seconds, `${pointer}/dynamic/minDurationSec`, 1, 5);
    return ((seconds as number | undefined) ?? 4) + 2;
  }
  throw malformedInputError([`${pointer}/method: ${String(method)} is not a valid enum value`]);
}

function embeddingTypes30(value: unknown, pointer: string): string[] {
  if (value === undefined) return ["separate_embedding"];
  const types = Array.isArray(value) ? value : [value];
  for (const type of types) {
    if (type !== "separate_embedding" && type !== "fused_embedding") {
      throw malformedInputError([`${pointer}: ${String(type)} is not a valid enum value`]);
    }
  }
  return types as string[];
}
