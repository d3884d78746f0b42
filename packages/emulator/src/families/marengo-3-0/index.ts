import { combineVectors } from "../../media/media-embedding.js";
import { validationError } from "../../protocol/aws-service-error.js";
import { noS3Context } from "../../s3/s3-sources.js";
import { malformedInputError } from "../../validation/malformed-input.js";
import type { FamilyResult, InvocationContext, ModelFamily } from "../model-family.js";
import type { MarengoMediaSource } from "../shared/marengo-media.js";
import { embedMarengoImage, embedMarengoText, readMarengoMedia } from "../shared/marengo-media.js";
import { type Marengo30Request, validateMarengo30 } from "./request.js";

export const marengo30Dimensions = 512;
export const marengo30MaxTextTokens = 500;

/** Embeds a text, image, text_image or multi_input Marengo 3.0 request into one 512-float vector. */
export function embedMarengo30Static(
  body: unknown,
  context: InvocationContext,
): { vector: number[]; tokens: number } {
  const request = body as Marengo30Request;
  const text = (inputText: string) =>
    embedMarengoText(inputText, marengo30Dimensions, marengo30MaxTextTokens, false);
  const image = (source: MarengoMediaSource, pointer: string) =>
    embedMarengoImage(readMarengoMedia(source, pointer, context).bytes, marengo30Dimensions, "3.0");
  switch (request.inputType) {
    case "text":
      return text(request.text?.inputText ?? "");
    case "image":
      return { vector: image(request.image?.mediaSource ?? {}, "#/image/mediaSource"), tokens: 0 };
    case "text_image": {
      const input = request.text_image as { inputText: string; mediaSource: MarengoMediaSource };
      const embedded = text(input.inputText);
      const vector = combineVectors([embedded.vector, image(input.mediaSource, "#/text_image/mediaSource")]);
      return { vector, tokens: embedded.tokens };
    }
    case "multi_input":
      return embedMultiInput(request.multi_input ?? { mediaSources: [] }, text, image);
    default:
      throw validationError(
        `InvokeModel supports the text, image, text_image and multi_input input types for twelvelabs.marengo-embed-3-0-v1:0; use StartAsyncInvoke for ${request.inputType}.`,
      );
  }
}

function embedMultiInput(
  input: NonNullable<Marengo30Request["multi_input"]>,
  text: (inputText: string) => { vector: number[]; tokens: number },
  image: (source: MarengoMediaSource, pointer: string) => number[],
): { vector: number[]; tokens: number } {
  const names = new Set(input.mediaSources.map((source) => source.name));
  for (const reference of input.inputText?.matchAll(/<@([^>]+)>/g) ?? []) {
    if (!names.has(reference[1] ?? "")) {
      throw malformedInputError([
        `#/multi_input/inputText: <@${reference[1]}> does not name an entry of [mediaSources]`,
      ]);
    }
  }
  const vectors = input.mediaSources.map((source, index) =>
    image(source, `#/multi_input/mediaSources/${index}`),
  );
  let tokens = 0;
  const plainText = input.inputText?.replace(/<@[^>]+>/g, " ").trim() ?? "";
  if (plainText !== "") {
    const embedded = text(plainText);
    tokens = embedded.tokens;
    vectors.unshift(embedded.vector);
  }
  return { vector: combineVectors(vectors), tokens };
}

/**
 * `twelvelabs.marengo-embed-3-0-v1:0` on InvokeModel (base id or a `us.`/`eu.` profile): text (500 tokens),
 * image (5 MB), text_image or multi_input, each nested under a key named after `inputType`; answered as
 * `{"data": [{"embedding": [512 floats]}]}` (an array, which is what real clients parse).
 */
export const marengoEmbed30: ModelFamily = {
  name: "marengo-3-0",
  modelIds: ["twelvelabs.marengo-embed-3-0-v1:0"],
  variantIds: {},
  defaultDimension: marengo30Dimensions,
  asyncInvoke: true,
  invoke(body: unknown, context: InvocationContext = noS3Context): FamilyResult {
    validateMarengo30(body);
    const { vector, tokens } = embedMarengo30Static(body, context);
    return { body: { data: [{ embedding: vector }] }, inputTokenCount: tokens };
  },
};
