import { describeValueType } from "../errors/describe-value-type.js";
import { InputError } from "../errors/input-error.js";
import type { EmbeddingInput, InputModality, MediaSource } from "./embedding-input.js";

const MEDIA_KEYS = ["image", "audio", "video"] as const;
const KNOWN_KEYS = new Set(["text", "image", "audio", "video", "format", "embeddingMode"]);

/**
 * The modality of one input, after checking its shape: a non-empty `text`, and/or exactly one
 * of `image`, `audio`, `video` with a valid source (`bytes`, `file` or `s3Uri`). Text goes with
 * an image only. Throws InputError naming `index` otherwise.
 *
 * @example
 * modalityOf({ text: "a cat", image: { file: "cat.png" } }, 0); // "text-image"
 * modalityOf({ video: { s3Uri: "s3://bucket/clip.mp4" }, format: "mp4" }, 3); // "video"
 */
export function modalityOf(input: EmbeddingInput, index: number): InputModality {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new InputError(
      `expected an input object such as { text } or { image }, received ${describeValueType(input)}.`,
      {
        index,
        fix: "Pass objects like { text: '...' }, { image: { file: 'a.png' } } or { video: { s3Uri }, format: 'mp4' }.",
      },
    );
  }
  const record = input as unknown as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0) {
    throw new InputError(`unknown input key${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}.`, {
      index,
      fix: "Use text, image, audio or video (with format, and embeddingMode for video).",
    });
  }
  const media = MEDIA_KEYS.filter((key) => record[key] !== undefined);
  const hasText = record["text"] !== undefined;
  if (hasText) checkText(record["text"], index);
  if (media.length > 1) {
    throw new InputError(`an input carries ${media.join(" and ")}; one input holds one medium.`, {
      index,
      fix: "Split them into separate inputs.",
    });
  }
  const [medium] = media;
  if (medium === undefined) {
    if (hasText) return "text";
    throw new InputError("the input has no text, image, audio or video.", {
      index,
      fix: "Give each input a text, an image, an audio clip or a video.",
    });
  }
  checkSource(record[medium], medium, index);
  if (hasText && medium !== "image") {
    throw new InputError(`text cannot be combined with ${medium} in one input.`, {
      index,
      fix: `Embed the text and the ${medium} as two inputs.`,
    });
  }
  if (record["embeddingMode"] !== undefined && medium !== "video") {
    throw new InputError("embeddingMode applies to video inputs only.", {
      index,
      fix: "Remove embeddingMode.",
    });
  }
  if (medium === "image") return hasText ? "text-image" : "image";
  return medium;
}

function checkText(text: unknown, index: number): void {
  if (typeof text !== "string") {
    throw new InputError(`text must be a string, received ${describeValueType(text)}.`, {
      index,
      fix: "Convert the text to a string before embedding.",
    });
  }
  if (text.trim() === "") {
    throw new InputError("the text is empty or only whitespace.", {
      index,
      fix: "Remove empty texts (or the text key of a text+image input); they carry nothing to embed.",
    });
  }
}

function checkSource(source: unknown, medium: string, index: number): asserts source is MediaSource {
  const record = typeof source === "object" && source !== null ? (source as Record<string, unknown>) : {};
  const given = ["bytes", "file", "s3Uri"].filter((key) => record[key] !== undefined);
  const fix = `Give ${medium} exactly one of { bytes: Uint8Array }, { file: "path" } or { s3Uri: "s3://bucket/key" }.`;
  if (given.length !== 1) {
    throw new InputError(
      given.length === 0
        ? `${medium} has no bytes, file or s3Uri.`
        : `${medium} has ${given.join(" and ")}; exactly one source is allowed.`,
      { index, fix },
    );
  }
  if (record["bytes"] !== undefined && !(record["bytes"] instanceof Uint8Array)) {
    throw new InputError(
      `${medium}.bytes must be a Uint8Array (a Buffer is one), received ${describeValueType(record["bytes"])}.`,
      {
        index,
        fix,
      },
    );
  }
  if (record["file"] !== undefined && (typeof record["file"] !== "string" || record["file"] === "")) {
    throw new InputError(`${medium}.file must be a non-empty path.`, { index, fix });
  }
  if (record["s3Uri"] !== undefined && !/^s3:\/\/[^/]+\/.+/.test(String(record["s3Uri"]))) {
    throw new InputError(`${medium}.s3Uri must look like s3://bucket/key.`, { index, fix });
  }
}
