import { createHash } from "node:crypto";
import type { WireInput, WireMedia } from "../families/model-family.js";

/**
 * The distinct inputs of a run and where each one came from.
 *
 * @example
 * dedupeInputs([a, b, a]); // { unique: [a, b], positions: [[0, 2], [1]] }
 */
export interface DedupedInputs {
  /** Each distinct input once, in order of first appearance. */
  unique: WireInput[];
  /** For each entry of `unique`, every position holding that input (first appearance first). */
  positions: number[][];
}

/**
 * Collapses identical inputs so each is sent once; the caller fans the one result back out to
 * every position. Texts are compared exactly (after any truncation); media by modality, format
 * and content (a digest of the inline bytes, or the S3 location), with their text and video mode.
 *
 * @example
 * const { unique, positions } = dedupeInputs(inputs);
 */
export function dedupeInputs(inputs: readonly WireInput[]): DedupedInputs {
  const unique: WireInput[] = [];
  const positions: number[][] = [];
  const seen = new Map<string, number>();
  for (let index = 0; index < inputs.length; index++) {
    const input = inputs[index]!;
    const key = inputKey(input);
    const known = seen.get(key);
    if (known === undefined) {
      seen.set(key, unique.length);
      unique.push(input);
      positions.push([index]);
    } else {
      positions[known]!.push(index);
    }
  }
  return { unique, positions };
}

/**
 * What makes two inputs the same request. A text is its own key (the hot path: no copy, no hash);
 * anything else is prefixed by its modality, so no text can collide with it.
 *
 * @example
 * inputKey({ modality: "text", text: "hello" }); // "hello"
 */
export function inputKey(input: WireInput): string {
  switch (input.modality) {
    case "text":
      return input.text;
    case "image":
      return `\u0000image\u0000${mediaKey(input.image)}`;
    case "text-image":
      return `\u0000text-image\u0000${mediaKey(input.image)}\u0000${input.text}`;
    case "audio":
      return `\u0000audio\u0000${mediaKey(input.audio)}`;
    case "video":
      return `\u0000video\u0000${input.embeddingMode}\u0000${mediaKey(input.video)}`;
  }
}

function mediaKey(media: WireMedia): string {
  if ("s3Uri" in media) return `${media.format}\u0000s3\u0000${media.s3Uri}\u0000${media.bucketOwner ?? ""}`;
  // A digest keeps the map's keys small however large the media.
  const digest = createHash("sha256").update(media.base64).digest("base64");
  return `${media.format}\u0000sha256\u0000${digest}`;
}
