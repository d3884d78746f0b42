import { embedText } from "../embedding/local-embedding-model.js";
import type { CohereEmbeddingType } from "../embedding/quantize.js";
import { countTokens } from "../embedding/token-count.js";
import { assertMatchesSchema } from "../validation/malformed-input.js";
import type { ObjectSchema } from "../validation/schema.js";
import { cohereByTypeResponse, cohereEmbeddingTypes, cohereFloatsResponse } from "./cohere-response.js";
import type { FamilyResult, ModelFamily } from "./model-family.js";
import { assertNoImageInput } from "./unsupported-image-input.js";

const dimensions = 1024;

const requestSchema: ObjectSchema = {
  kind: "object",
  required: ["texts", "input_type"],
  properties: {
    texts: { kind: "array", minItems: 1, maxItems: 96, items: { kind: "string", maxLength: 2048 } },
    images: { kind: "any" },
    input_type: {
      kind: "enum",
      values: ["search_document", "search_query", "classification", "clustering", "image"],
    },
    truncate: { kind: "enum", values: ["NONE", "START", "END"] },
    embedding_types: { kind: "array", minItems: 1, items: { kind: "enum", values: cohereEmbeddingTypes } },
  },
};

interface CohereV3Request {
  texts: string[];
  embedding_types?: CohereEmbeddingType[];
}

/**
 * `cohere.embed-english-v3` and `cohere.embed-multilingual-v3`: up to 96 texts of at most 2,048 characters,
 * 1024 dimensions. The token count travels only in the response header.
 */
export const cohereEmbedV3: ModelFamily = {
  invoke(body: unknown): FamilyResult {
    assertNoImageInput(body);
    assertMatchesSchema(body, requestSchema);
    const request = body as CohereV3Request;
    // At 2,048 characters a text stays under the 512-token context, so `truncate` never has work to do.
    const vectors = request.texts.map((text) => embedText(text, dimensions, { normalize: false }));
    const inputTokenCount = request.texts.reduce((total, text) => total + countTokens(text), 0);
    const responseBody = request.embedding_types
      ? cohereByTypeResponse(request.texts, vectors, request.embedding_types)
      : cohereFloatsResponse(request.texts, vectors);
    return { body: responseBody, inputTokenCount };
  },
};
