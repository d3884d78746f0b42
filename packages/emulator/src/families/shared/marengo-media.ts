import { embedText } from "../../embedding/local-embedding-model.js";
import { countTokens, truncateToTokens } from "../../embedding/token-count.js";
import { embedBytes } from "../../media/media-embedding.js";
import { validationError } from "../../protocol/aws-service-error.js";
import { malformedInputError } from "../../validation/malformed-input.js";
import type { ObjectSchema } from "../../validation/schema.js";
import type { InvocationContext } from "../model-family.js";
import { checkImage, decodeBase64Field, mebibyte } from "./media-input.js";

/** `{"base64String": "..."}` or `{"s3Location": {"uri": "s3://...", "bucketOwner"?: "..."}}`. */
export interface MarengoMediaSource {
  base64String?: string;
  s3Location?: { uri: string; bucketOwner?: string };
}

export const marengoMediaSourceSchema: ObjectSchema = {
  kind: "object",
  properties: {
    base64String: { kind: "string" },
    s3Location: {
      kind: "object",
      required: ["uri"],
      properties: { uri: { kind: "string", minLength: 1 }, bucketOwner: { kind: "string" } },
    },
  },
};

/** The bytes behind a Marengo media source, inline or from S3, with the object's user metadata. */
export function readMarengoMedia(
  source: MarengoMediaSource,
  pointer: string,
  context: InvocationContext,
): { bytes: Buffer; metadata: Record<string, string> } {
  if ((source.base64String === undefined) === (source.s3Location === undefined)) {
    throw malformedInputError([`${pointer}: exactly one of [base64String, s3Location] is required`]);
  }
  if (source.base64String !== undefined) {
    return { bytes: decodeBase64Field(source.base64String, `${pointer}/base64String`), metadata: {} };
  }
  return context.s3Object(source.s3Location?.uri ?? "");
}

/** A Marengo image embedding: PNG or JPEG, at most 5 MB. */
export function embedMarengoImage(bytes: Buffer, dimensions: number, salt: string): number[] {
  checkImage(bytes, { formats: ["png", "jpeg"], maxBytes: 5 * mebibyte }, "The image input");
  return embedBytes(bytes, dimensions, `marengo-image:${salt}`);
}

/** A Marengo text embedding; over `maxTokens` it is cut at the end, or refused when `truncate` is false. */
export function embedMarengoText(
  text: string,
  dimensions: number,
  maxTokens: number,
  truncate: boolean,
): { vector: number[]; tokens: number } {
  const tokens = countTokens(text);
  if (tokens > maxTokens && !truncate) {
    throw validationError(
      `The input text has ${tokens} tokens, which exceeds the maximum of ${maxTokens} tokens.`,
    );
  }
  const kept = tokens > maxTokens ? truncateToTokens(text, maxTokens, "start") : text;
  return { vector: embedText(kept, dimensions, { normalize: true }), tokens: Math.min(tokens, maxTokens) };
}
