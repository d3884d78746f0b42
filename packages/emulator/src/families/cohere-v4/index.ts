import { embedText } from "../embedding/local-embedding-model.js";
import type { CohereEmbeddingType } from "../embedding/quantize.js";
import { countTokens, truncateToTokens } from "../embedding/token-count.js";
import type { ImageFormat } from "../media/image-header.js";
import { combineVectors } from "../media/media-embedding.js";
import { validationError } from "../protocol/aws-service-error.js";
import { assertMatchesSchema, malformedInputError } from "../validation/malformed-input.js";
import type { ObjectSchema, Schema } from "../validation/schema.js";
import type { EmbeddedImage } from "./cohere-image-input.js";
import { embedCohereImage, scaleLike } from "./cohere-image-input.js";
import { cohereByTypeResponse, cohereEmbeddingTypes } from "./cohere-response.js";
import type { FamilyResult, ModelFamily } from "./model-family.js";

const defaultMaxTokens = 128_000;
const imageFormats: readonly ImageFormat[] = ["png", "jpeg", "webp", "gif"];
// Cohere vectors are not normalized; image and interleaved vectors get a length in the text vectors' range.
const mixedVectorLength = 8;

const commonProperties: Record<string, Schema> = {
  input_type: { kind: "enum", values: ["search_document", "search_query", "classification", "clustering"] },
  output_dimension: { kind: "enum", values: [256, 512, 1024, 1536] },
  embedding_types: { kind: "array", minItems: 1, items: { kind: "enum", values: cohereEmbeddingTypes } },
  max_tokens: { kind: "integer", minimum: 1 },
  truncate: { kind: "enum", values: ["NONE", "LEFT", "RIGHT"] },
};

// Each schema lists only its own input field, so mixing texts, images and inputs is an extraneous key.
const textRequestSchema: ObjectSchema = {
  kind: "object",
  required: ["texts", "input_type"],
  properties: {
    texts: { kind: "array", minItems: 1, maxItems: 96, items: { kind: "string" } },
    ...commonProperties,
  },
};

const imageRequestSchema: ObjectSchema = {
  kind: "object",
  required: ["images", "input_type"],
  properties: {
    images: { kind: "array", minItems: 1, maxItems: 96, items: { kind: "string" } },
    ...commonProperties,
  },
};

const contentSchema: ObjectSchema = {
  kind: "object",
  required: ["type"],
  properties: {
    type: { kind: "enum", values: ["text", "image_url"] },
    text: { kind: "string" },
    image_url: { kind: "object", required: ["url"], properties: { url: { kind: "string" } } },
  },
};

const inputsRequestSchema: ObjectSchema = {
  kind: "object",
  required: ["inputs", "input_type"],
  properties: {
    inputs: {
      kind: "array",
      minItems: 1,
      maxItems: 96,
      items: {
        kind: "object",
        required: ["content"],
        properties: { content: { kind: "array", minItems: 1, items: contentSchema } },
      },
    },
    ...commonProperties,
  },
};

interface CohereV4Options {
  output_dimension?: number;
  embedding_types?: CohereEmbeddingType[];
  max_tokens?: number;
  truncate?: "NONE" | "LEFT" | "RIGHT";
}

interface ContentPart {
  type: "text" | "image_url";
  text?: string;
  image_url?: { url: string };
}

/**
 * `cohere.embed-v4:0`: selectable output dimension (default 1536). Accepts `texts`, `images` (PNG, JPEG, WebP or
 * GIF data URIs, 5 MB each) or interleaved `inputs`, at most 96 of whichever and never two kinds at once.
 * Without `embedding_types` it still answers in the by-type shape (`embeddings.float`), which real clients parse.
 */
export const cohereEmbedV4: ModelFamily = {
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
  const dimensions = request.output_dimension ?? 1536;
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
  const dimensions = request.output_dimension ?? 1536;
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
  const dimensions = request.output_dimension ?? 1536;
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
