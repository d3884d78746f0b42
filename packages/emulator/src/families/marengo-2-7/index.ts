import { validationError } from "../../protocol/aws-service-error.js";
import { noS3Context } from "../../s3/s3-sources.js";
import { assertMatchesSchema, malformedInputError } from "../../validation/malformed-input.js";
import type { FamilyResult, InvocationContext, ModelFamily } from "../model-family.js";
import { embedMarengoImage, embedMarengoText, readMarengoMedia } from "../shared/marengo-media.js";
import { type Marengo27Request, marengo27Schema } from "./request.js";

export const marengo27Dimensions = 1024;
export const marengo27MaxTextTokens = 77;

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
  name: "marengo-2-7",
  modelIds: ["twelvelabs.marengo-embed-2-7-v1:0"],
  variantIds: {},
  defaultDimension: marengo27Dimensions,
  onDemandNeedsProfile: true,
  asyncInvoke: true,
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
