import { embedText } from "../../embedding/local-embedding-model.js";
import { countTokens } from "../../embedding/token-count.js";
import { assertMatchesSchema, malformedInputError } from "../../validation/malformed-input.js";
import type { FamilyResult, ModelFamily } from "../model-family.js";
import { embedCohereImage, scaleLike } from "../shared/cohere-image-input.js";
import { cohereByTypeResponse, cohereFloatsResponse } from "../shared/cohere-response.js";
import { type CohereV3Request, imageRequestSchema, textRequestSchema } from "./request.js";

const dimensions = 1024;
// Cohere vectors are not normalized; image vectors get a length in the same range as text ones.
const imageVectorLength = 8;

/**
 * `cohere.embed-english-v3` and `cohere.embed-multilingual-v3`: up to 96 texts of at most 2,048 characters,
 * or (with `input_type: "image"`) exactly one PNG/JPEG data URI of at most 5 MB; 1024 dimensions.
 * The token count travels only in the response header.
 */
export const cohereEmbedV3: ModelFamily = {
  name: "cohere-v3",
  modelIds: ["cohere.embed-english-v3", "cohere.embed-multilingual-v3"],
  variantIds: {},
  defaultDimension: dimensions,
  invoke(body: unknown): FamilyResult {
    const hasImages = typeof body === "object" && body !== null && Object.hasOwn(body, "images");
    return hasImages ? invokeWithImage(body) : invokeWithTexts(body);
  },
};

function invokeWithTexts(body: unknown): FamilyResult {
  assertMatchesSchema(body, textRequestSchema);
  const request = body as CohereV3Request & { texts: string[] };
  if (request.input_type === "image") {
    throw malformedInputError(["#/input_type: image requires [images] instead of [texts]"]);
  }
  // At 2,048 characters a text stays under the 512-token context, so `truncate` never has work to do.
  const vectors = request.texts.map((text) => embedText(text, dimensions, { normalize: false }));
  const inputTokenCount = request.texts.reduce((total, text) => total + countTokens(text), 0);
  const responseBody = request.embedding_types
    ? cohereByTypeResponse(request.texts, vectors, request.embedding_types)
    : cohereFloatsResponse(request.texts, vectors);
  return { body: responseBody, inputTokenCount };
}

function invokeWithImage(body: unknown): FamilyResult {
  assertMatchesSchema(body, imageRequestSchema);
  const request = body as CohereV3Request & { images: string[] };
  if (request.input_type !== "image") {
    throw malformedInputError([
      `#/input_type: must be image when [images] is provided, found: ${request.input_type}`,
    ]);
  }
  const images = request.images.map((uri, index) =>
    embedCohereImage(uri, `#/images/${index}`, ["png", "jpeg"], dimensions),
  );
  const vectors = images.map((image) => scaleLike(image.vector, imageVectorLength));
  const response = request.embedding_types
    ? cohereByTypeResponse([], vectors, request.embedding_types)
    : cohereFloatsResponse([], vectors);
  return {
    body: { ...(response as object), images: images.map((image) => image.info) },
    inputTokenCount: images.reduce((total, image) => total + image.tokens, 0),
  };
}
