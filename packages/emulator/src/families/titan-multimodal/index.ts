import { embedText } from "../../embedding/local-embedding-model.js";
import { countTokens } from "../../embedding/token-count.js";
import { combineVectors, embedBytes } from "../../media/media-embedding.js";
import { assertMatchesSchema, malformedInputError } from "../../validation/malformed-input.js";
import type { ObjectSchema } from "../../validation/schema.js";
import type { FamilyResult, ModelFamily } from "../model-family.js";
import { checkImage, decodeBase64Field, mebibyte } from "../shared/media-input.js";
import { assertWithinTitanTokenLimit } from "../shared/titan-token-limit.js";

const requestSchema: ObjectSchema = {
  kind: "object",
  properties: {
    inputText: { kind: "string" },
    inputImage: { kind: "string" },
    embeddingConfig: {
      kind: "object",
      properties: { outputEmbeddingLength: { kind: "enum", values: [256, 384, 1024] } },
    },
  },
};

const imageRules = { formats: ["png", "jpeg"], maxBytes: 25 * mebibyte, maxSide: 2048 } as const;
const maxTextTokens = 256;
const defaultDimension = 1024;

interface TitanImageRequest {
  inputText?: string;
  inputImage?: string;
  embeddingConfig?: { outputEmbeddingLength?: number };
}

/**
 * `amazon.titan-embed-image-v1` (Titan Multimodal Embeddings G1): text (256 tokens) and/or one base64 PNG/JPEG
 * image (25 MB, 2048x2048 px); with both, the embedding is the average of the two. 256, 384 or 1024 dimensions.
 */
export const titanEmbedImageV1: ModelFamily = {
  name: "titan-multimodal",
  modelIds: ["amazon.titan-embed-image-v1"],
  variantIds: {},
  defaultDimension,
  invoke(body: unknown): FamilyResult {
    assertMatchesSchema(body, requestSchema);
    const request = body as TitanImageRequest;
    if (request.inputText === undefined && request.inputImage === undefined) {
      throw malformedInputError(["#: at least one of [inputText, inputImage] is required"]);
    }
    const dimensions = request.embeddingConfig?.outputEmbeddingLength ?? defaultDimension;
    const vectors: number[][] = [];
    let inputTextTokenCount = 0;
    if (request.inputText !== undefined) {
      inputTextTokenCount = countTokens(request.inputText);
      assertWithinTitanTokenLimit(inputTextTokenCount, maxTextTokens);
      vectors.push(embedText(request.inputText, dimensions, { normalize: true }));
    }
    if (request.inputImage !== undefined) {
      const image = decodeBase64Field(request.inputImage, "#/inputImage");
      checkImage(image, imageRules, "The input image");
      vectors.push(embedBytes(image, dimensions, `titan-image:${dimensions}`));
    }
    return {
      body: { embedding: combineVectors(vectors), inputTextTokenCount, message: null },
      inputTokenCount: inputTextTokenCount,
    };
  },
};
