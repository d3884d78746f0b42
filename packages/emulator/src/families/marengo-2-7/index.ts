import { validationError } from "../protocol/aws-service-error.js";
import { noS3Context } from "../s3/s3-sources.js";
import { assertMatchesSchema, malformedInputError } from "../validation/malformed-input.js";
import type { ObjectSchema } from "../validation/schema.js";
import type { MarengoMediaSource } from "./marengo-media.js";
import {
  embedMarengoImage,
  embedMarengoText,
  marengoMediaSourceSchema,
  readMarengoMedia,
} from "./marengo-media.js";
import type { FamilyResult, InvocationContext, ModelFamily } from "./model-family.js";

export const marengo27Dimensions = 1024;
export const marengo27MaxTextTokens = 77;
export const marengo27EmbeddingOptions = ["visual-text", "visual-image", "audio"];

/** Marengo 2.7's body, sync and async fields together (async-only ones are checked by the async job). */
export const marengo27Schema: ObjectSchema = {
  kind: "object",
  required: ["inputType"],
  properties: {
    inputType: { kind: "enum", values: ["text", "image", "video", "audio"] },
    inputText: { kind: "string" },
    textTruncate: { kind: "enum", values: ["end", "none"] },
    mediaSource: marengoMediaSourceSchema,
    startSec: { kind: "any" },
    lengthSec: { kind: "any" },
    useFixedLengthSec: { kind: "any" },
    minClipSec: { kind: "any" },
    embeddingOption: {
      kind: "array",
      minItems: 1,
      items: { kind: "enum", values: marengo27EmbeddingOptions },
    },
  },
};

export interface Marengo27Request {
  inputType: "text" | "image" | "video" | "audio";
  inputText?: string;
  textTruncate?: "end" | "none";
  mediaSource?: MarengoMediaSource;
  startSec?: unknown;
  lengthSec?: unknown;
  useFixedLengthSec?: unknown;
  minClipSec?: unknown;
  embeddingOption?: string[];
}

/** Embeds a text or image Marengo 2.7 request (shared by InvokeModel and async text/image jobs). */
export function embedMarengo27TextOrImage(
  request: Marengo27Request,
  context: InvocationContext,
): { vector: number[]; tokens: number } {
  if (request.inputType === "text") {
    if (request.inputText === undefined) throw malformedInputError(["#: required key [inputText] not found"]);
    return embedMarengoText(
      request.inputText,
      marengo27Dimensions,
      marengo27MaxTextTokens,
      (request.textTruncate ?? "end") === "end",
    );
  }
  if (request.mediaSource === undefined)
    throw malformedInputError(["#: required key [mediaSource] not found"]);
  const { bytes } = readMarengoMedia(request.mediaSource, "#/mediaSource", context);
  return { vector: embedMarengoImage(bytes, marengo27Dimensions, "2.7"), tokens: 0 };
}

/**
 * `twelvelabs.marengo-embed-2-7-v1:0` on InvokeModel (only through an inference profile such as
 * `us.twelvelabs.marengo-embed-2-7-v1:0`): text (77 tokens, `textTruncate` end|none) or one image (5 MB),
 * answered as `{"data": [{"embedding": [1024 floats]}]}`. Video and audio need StartAsyncInvoke.
 */
export const marengoEmbed27: ModelFamily = {
  invoke(body: unknown, context: InvocationContext = noS3Context): FamilyResult {
    assertMatchesSchema(body, marengo27Schema);
    const request = body as Marengo27Request;
    if (request.inputType === "video" || request.inputType === "audio") {
      throw validationError(
        `InvokeModel supports only the text and image input types for twelvelabs.marengo-embed-2-7-v1:0; use StartAsyncInvoke for ${request.inputType}.`,
      );
    }
    const { vector, tokens } = embedMarengo27TextOrImage(request, context);
    return { body: { data: [{ embedding: vector }] }, inputTokenCount: tokens };
  },
};
