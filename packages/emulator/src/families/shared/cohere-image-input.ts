import { parseDataUri } from "../../media/data-uri.js";
import type { ImageFormat } from "../../media/image-header.js";
import { embedBytes } from "../../media/media-embedding.js";
import { malformedInputError } from "../../validation/malformed-input.js";
import { checkImage, mebibyte } from "./media-input.js";

/** Image metadata Cohere returns next to image embeddings. */
export interface CohereImageInfo {
  width: number;
  height: number;
  format: ImageFormat;
  bit_depth: number;
}

/** One embedded image. */
export interface EmbeddedImage {
  vector: number[];
  info: CohereImageInfo;
  /** Cohere counts image tokens from pixels: about four per 28x28 patch. */
  tokens: number;
}

/** Decodes one Cohere image data URI, checks it against the model's formats and the 5 MB limit, embeds it. */
export function embedCohereImage(
  uri: unknown,
  pointer: string,
  formats: readonly ImageFormat[],
  dimensions: number,
): EmbeddedImage {
  const parsed = typeof uri === "string" ? parseDataUri(uri) : undefined;
  if (!parsed) {
    throw malformedInputError([`${pointer}: expected a data URI such as data:image/png;base64,...`]);
  }
  const declared = parsed.mimeType.replace(/^image\//, "").replace(/^jpg$/, "jpeg");
  if (!formats.includes(declared as ImageFormat)) {
    throw malformedInputError([
      `${pointer}: unsupported image type ${parsed.mimeType}; expected one of ${formats.map((format) => `image/${format}`).join(", ")}`,
    ]);
  }
  const header = checkImage(parsed.bytes, { formats, maxBytes: 5 * mebibyte }, `The image at ${pointer}`);
  const width = header.width ?? 0;
  const height = header.height ?? 0;
  return {
    vector: embedBytes(parsed.bytes, dimensions, `cohere-image:${dimensions}`),
    info: { width, height, format: header.format, bit_depth: header.bitDepth },
    tokens: Math.max(1, Math.ceil((width * height) / 784) * 4),
  };
}

/** Rescales a unit-length image vector to the length Cohere text vectors have (Cohere does not normalize). */
export function scaleLike(vector: readonly number[], length: number): number[] {
  return vector.map((value) => Number((value * length).toPrecision(7)));
}
