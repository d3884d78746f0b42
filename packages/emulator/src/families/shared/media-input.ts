import { decodeBase64 } from "../../media/base64.js";
import type { ImageFormat, ImageHeader } from "../../media/image-header.js";
import { readImageHeader } from "../../media/image-header.js";
import { validationError } from "../../protocol/aws-service-error.js";
import { malformedInputError } from "../../validation/malformed-input.js";

/** One mebibyte; Bedrock's "MB" limits on media are binary megabytes. */
export const mebibyte = 1024 * 1024;

/** What a model accepts for one image. */
export interface ImageRules {
  formats: readonly ImageFormat[];
  maxBytes: number;
  /** Largest width and height in pixels, when the model has one. */
  maxSide?: number;
}

/** Decodes a base64 field or throws Bedrock's malformed-input error naming the field. */
export function decodeBase64Field(value: string, pointer: string): Buffer {
  const bytes = decodeBase64(value);
  if (!bytes) throw malformedInputError([`${pointer}: expected a base64-encoded string`]);
  return bytes;
}

/** Checks an image's size, format (from its header) and pixel size against a model's rules. */
export function checkImage(bytes: Buffer, rules: ImageRules, label: string): ImageHeader {
  if (bytes.length > rules.maxBytes) {
    throw validationError(
      `${label} is ${bytes.length} bytes, which exceeds the maximum image size of ${formatMegabytes(rules.maxBytes)} (${rules.maxBytes} bytes).`,
    );
  }
  const header = readImageHeader(bytes);
  if (!header || !rules.formats.includes(header.format)) {
    throw validationError(
      `${label} has an unsupported format${header ? ` (${header.format})` : ""}. Supported formats: ${rules.formats.join(", ")}.`,
    );
  }
  const { maxSide } = rules;
  if (maxSide !== undefined && header.width !== undefined && header.height !== undefined) {
    if (header.width > maxSide || header.height > maxSide) {
      throw validationError(
        `${label} is ${header.width}x${header.height} pixels, which exceeds the maximum of ${maxSide}x${maxSide} pixels.`,
      );
    }
  }
  return header;
}

function formatMegabytes(bytes: number): string {
  return `${Number((bytes / mebibyte).toFixed(2))} MB`;
}
