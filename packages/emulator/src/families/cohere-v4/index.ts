import { embedText } from "../../embedding/local-embedding-model.js";
import { countTokens, truncateToTokens } from "../../embedding/token-count.js";
import type { ImageFormat } from "../../media/image-header.js";
import { combineVectors } from "../../media/media-embedding.js";
import { validationError } from "../../protocol/aws-service-error.js";
import { assertMatchesSchema, malformedInputError } from "../../validation/malformed-input.js";
import type { FamilyResult, ModelFamily } from "../model-family.js";
import type { EmbeddedImage } from "../shared/cohere-image-input.js";
import { embedCohereImage, scaleLike } from "../shared/cohere-image-input.js";
import { cohereByTypeResponse } from "../shared/cohere-response.js";
import {
  type CohereV4Options,
  type ContentPart,
  imageRequestSchema,
  inputsRequestSchema,
  textRequestSchema,
} from "./request.js";

const defaultMaxTokens = 128_000;
const defaultDimension = 1536;
const imageFormats: readonly ImageFormat[] = ["png", "jpeg", "webp", "gif"];
// Cohere vectors are not normalized; image and interleaved vectors get a length in the text vectors' range.
const mixedVectorLength = 8;

/**
 * `cohere.embed-v4:0`: selectable output dimension (default 1536). Accepts `texts`, `images` (PNG, JPEG, WebP or
 * GIF data URIs, 5 MB each) or interleaved `inputs`, at most 96 of whichever and never two kinds at once.
 * Without `embedding_types` it still answers in the by-type shape (`embeddings.float`), which real clients parse.
 */
export const cohereEmbedV4: ModelFamily = {
  name: "cohere-v4",
  modelIds: ["cohere.embed-v4:0"],
  variantIds: {},
  defaultDimension,
  invoke(body: unknown): FamilyResult {
    const has = (key: string) => typeof body === "object" && body !== null && Object.hasOwn(body, key);
    if (!has("texts") && has("images")) return invokeWithImages(body);
    if (!has("texts") && has("inputs")) return invokeWithInputs(body);
    return invokeWithTexts(body);
  },
};

function invokeWithTexts(body: unknown): FamilyResult {
  assertMatchesSchema(body, textRequestSchema);
  const request = body as CohereV4Options & { texts: string[] };
  const texts = request.texts.map((text, index) => fitToMaxTokens(text, index, request));
  const dimensions = request.output_dimension ?? defaultDimension;
  const vectors = texts.map((text) => embedText(text, dimensions, { normalize: false }));
  const inputTokenCount = texts.reduce((total, text) => total + countTokens(text), 0);
  return {
    body: cohereByTypeResponse(request.texts, vectors, request.embedding_types ?? ["float"]),
    inputTokenCount,
  };
}

function invokeWithImages(body: unknown): FamilyResult {
  assertMatchesSchema(body, imageRequestSchema);
  const request = body as CohereV4Options & { images: string[] };
  const dimensions = request.output_dimension ?? defaultDimension;
  const images = request.images.map((uri, index) =>
    embedCohereImage(uri, `#/images/${index}`, imageFormats, dimensions),
  );
  const vectors = images.map((image) => scaleLike(image.vector, mixedVectorLength));
  const response = cohereByTypeResponse([], vectors, request.embedding_types ?? ["float"]) as object;
  return {
    body: { ...response, images: images.map((image) => image.info) },
    inputTokenCount: images.reduce((total, image) => total + image.tokens, 0),
  };
}

function invokeWithInputs(body: unknown): FamilyResult {
  assertMatchesSchema(body, inputsRequestSchema);
  const request = body as CohereV4Options & { inputs: Array<{ content: ContentPart[] }> };
  const dimensions = request.output_dimension ?? defaultDimension;
  let inputTokenCount = 0;
  const images: EmbeddedImage[] = [];
  const vectors = request.inputs.map((input, inputIndex) => {
    const parts = input.content.map((part, partIndex) => {
      const pointer = `#/inputs/${inputIndex}/content/${partIndex}`;
      if (part.type === "text") {
        if (part.text === undefined) throw malformedInputError([`${pointer}: required key [text] not found`]);
        inputTokenCount += countTokens(part.text);
        return embedText(part.text, dimensions, { normalize: true });
      }
      if (part.image_url === undefined) {
        throw malformedInputError([`${pointer}: required key [image_url] not found`]);
      }
      const image = embedCohereImage(
        part.image_url.url,
        `${pointer}/image_url/url`,
        imageFormats,
        dimensions,
      );
      images.push(image);
      inputTokenCount += image.tokens;
      return image.vector;
    });
    return scaleLike(combineVectors(parts), mixedVectorLength);
  });
  const response = cohereByTypeResponse([], vectors, request.embedding_types ?? ["float"]) as Record<
    string,
    unknown
  >;
  const { texts: _texts, ...withoutTexts } = response;
  return {
    body: { ...withoutTexts, inputs: request.inputs, images: images.map((image) => image.info) },
    inputTokenCount,
  };
}

// LEFT drops tokens from the start, RIGHT from the end; NONE refuses over-long texts.
function fitToMaxTokens(text: string, index: number, request: CohereV4Options): string {
  const maxTokens = request.max_tokens ?? defaultMaxTokens;
  const tokenCount = countTokens(text);
  if (tokenCount <= maxTokens) return text;
  const truncate = request.truncate ?? "NONE";
  if (truncate === "NONE") {
    throw validationError(
      `Input text at index ${index} has ${tokenCount} tokens, which exceeds max_tokens (${maxTokens}). Set truncate to LEFT or RIGHT to truncate it.`,
    );
  }
  return truncateToTokens(text, maxTokens, truncate === "LEFT" ? "end" : "start");
}
