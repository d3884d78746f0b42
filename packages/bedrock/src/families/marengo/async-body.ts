import { InputError } from "@bedrock-embeddings/core";
import type { AsyncEmbeddingInput, AsyncModelOptions, Segmentation } from "../../async-invoke/async-types.js";
import { numberInRange, oneOf, refuseOtherOptions } from "../../async-invoke/option-checks.js";

const MARENGO_27_OPTIONS = ["visual-text", "visual-image", "audio"];
const MARENGO_30_OPTIONS = ["visual", "audio", "transcription"];

/**
 * The Marengo 2.7 StartAsyncInvoke body: text inline (`inputText`), image, audio or video from
 * S3. Fixed segmentation maps to `useFixedLengthSec` (2 to 10 s), dynamic to `minClipSec`
 * (1 to 5 s, video only); `endSec` becomes `lengthSec`.
 *
 * @example
 * buildMarengo27AsyncBody({ s3Uri: "s3://media/intro.mp4", type: "video" }, { embeddingOptions: ["visual-text"] });
 * // { inputType: "video", mediaSource: { s3Location: { uri: "s3://media/intro.mp4" } }, embeddingOption: ["visual-text"] }
 */
export function buildMarengo27AsyncBody(
  input: AsyncEmbeddingInput,
  options: AsyncModelOptions,
): Record<string, unknown> {
  refuseOtherOptions(
    options,
    ["truncationMode", "segmentation", "embeddingOptions", "startSec", "endSec"],
    "Marengo 2.7",
  );
  if (typeof input === "string") {
    refuseMediaOptions(options, "text");
    return {
      inputType: "text",
      inputText: input,
      textTruncate: (options.truncationMode ?? "END") === "NONE" ? "none" : "end",
    };
  }
  const mediaSource = s3MediaSource(input);
  if (input.type === "image") {
    refuseMediaOptions(options, "image");
    return { inputType: "image", mediaSource };
  }
  const body: Record<string, unknown> = { inputType: input.type, mediaSource };
  const startSec = numberInRange(options.startSec, "startSec", 0, Number.MAX_SAFE_INTEGER);
  if (startSec !== undefined) body["startSec"] = startSec;
  if (options.endSec !== undefined) body["lengthSec"] = lengthOf(options.startSec ?? 0, options.endSec);
  const segmentation = options.segmentation;
  if (segmentation?.method === "fixed") {
    body["useFixedLengthSec"] = numberInRange(segmentation.durationSec, "segmentation.durationSec", 2, 10);
  } else if (segmentation?.method === "dynamic") {
    if (input.type !== "video") throw new InputError("Marengo 2.7 segments audio by fixed length only.");
    body["minClipSec"] = numberInRange(segmentation.minDurationSec, "segmentation.minDurationSec", 1, 5);
  }
  if (options.embeddingOptions)
    body["embeddingOption"] = checkList(options.embeddingOptions, MARENGO_27_OPTIONS, "embeddingOptions");
  return body;
}

/**
 * The Marengo 3.0 StartAsyncInvoke body: the input nested under a key named after its type.
 * Video and audio take `startSec`/`endSec`, `segmentation` (fixed 1 to 10 s or dynamic 1 to 5 s),
 * `embeddingOption`, `embeddingType` and `embeddingScope` lists.
 *
 * @example
 * buildMarengo30AsyncBody({ s3Uri: "s3://media/intro.mp4", type: "video" }, { embeddingScopes: ["clip", "asset"] });
 * // { inputType: "video", video: { mediaSource: { s3Location: { uri: "s3://media/intro.mp4" } }, embeddingScope: ["clip", "asset"] } }
 */
export function buildMarengo30AsyncBody(
  input: AsyncEmbeddingInput,
  options: AsyncModelOptions,
): Record<string, unknown> {
  refuseOtherOptions(
    options,
    ["segmentation", "embeddingOptions", "embeddingScopes", "embeddingTypes", "startSec", "endSec"],
    "Marengo 3.0",
  );
  if (typeof input === "string") {
    refuseMediaOptions(options, "text");
    return { inputType: "text", text: { inputText: input } };
  }
  const mediaSource = s3MediaSource(input);
  if (input.type === "image") {
    refuseMediaOptions(options, "image");
    return { inputType: "image", image: { mediaSource } };
  }
  const media: Record<string, unknown> = { mediaSource };
  const startSec = numberInRange(options.startSec, "startSec", 0, Number.MAX_SAFE_INTEGER);
  if (startSec !== undefined) media["startSec"] = startSec;
  if (options.endSec !== undefined) {
    lengthOf(options.startSec ?? 0, options.endSec);
    media["endSec"] = options.endSec;
  }
  if (options.segmentation) media["segmentation"] = marengo30Segmentation(options.segmentation);
  if (options.embeddingOptions)
    media["embeddingOption"] = checkList(options.embeddingOptions, MARENGO_30_OPTIONS, "embeddingOptions");
  if (options.embeddingTypes)
    media["embeddingType"] = checkList(
      options.embeddingTypes,
      ["separate_embedding", "fused_embedding"],
      "embeddingTypes",
    );
  if (options.embeddingScopes)
    media["embeddingScope"] = checkList(options.embeddingScopes, ["clip", "asset"], "embeddingScopes");
  return { inputType: input.type, [input.type]: media };
}

function marengo30Segmentation(segmentation: Segmentation): Record<string, unknown> {
  if (segmentation.method === "fixed") {
    return {
      method: "fixed",
      fixed: { durationSec: numberInRange(segmentation.durationSec, "segmentation.durationSec", 1, 10) },
    };
  }
  return {
    method: "dynamic",
    dynamic: {
      minDurationSec: numberInRange(segmentation.minDurationSec, "segmentation.minDurationSec", 1, 5),
    },
  };
}

function s3MediaSource(input: Exclude<AsyncEmbeddingInput, string>): Record<string, unknown> {
  if (input.type === "text") {
    throw new InputError(`Marengo takes text inline, not from S3 (${input.s3Uri}).`, {
      fix: "Pass the text itself as input; Marengo embeds short texts (77 tokens for 2.7, 500 for 3.0).",
    });
  }
  return {
    s3Location: { uri: input.s3Uri, ...(input.bucketOwner ? { bucketOwner: input.bucketOwner } : {}) },
  };
}

function refuseMediaOptions(options: AsyncModelOptions, type: string): void {
  for (const key of [
    "segmentation",
    "embeddingOptions",
    "embeddingScopes",
    "embeddingTypes",
    "startSec",
    "endSec",
  ]) {
    if (options[key as keyof AsyncModelOptions] !== undefined) {
      throw new InputError(`Marengo ${type} inputs have no option ${key}; it applies to audio and video.`, {
        fix: `Remove ${key}.`,
      });
    }
  }
}

function lengthOf(startSec: number, endSec: number): number {
  if (Number.isFinite(endSec) && endSec > startSec) return endSec - startSec;
  throw new InputError(`endSec (${endSec}) must be after startSec (${startSec}).`, {
    fix: "Give an endSec greater than startSec, or leave it out for the whole media.",
  });
}

function checkList<Value extends string>(
  values: readonly Value[],
  allowed: readonly string[],
  path: string,
): Value[] {
  if (values.length === 0) {
    throw new InputError(`${path} is empty.`, { fix: `Give at least one of ${allowed.join(", ")}.` });
  }
  return values.map((value) => oneOf(value as string, path, allowed) as Value);
}
