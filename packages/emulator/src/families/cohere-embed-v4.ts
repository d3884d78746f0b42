import { embedText } from "../embedding/local-embedding-model.js";
import type { CohereEmbeddingType } from "../embedding/quantize.js";
import { countTokens, truncateToTokens } from "../embedding/token-count.js";
import { validationError } from "../protocol/aws-service-error.js";
import { assertMatchesSchema } from "../validation/malformed-input.js";
import type { ObjectSchema } from "../validation/schema.js";
import { cohereByTypeResponse, cohereEmbeddingTypes } from "./cohere-response.js";
import type { FamilyResult, ModelFamily } from "./model-family.js";
import { assertNoImageInput } from "./unsupported-image-input.js";

const defaultMaxTokens = 128_000;

const requestSchema: ObjectSchema = {
  kind: "object",
  required: ["texts", "input_type"],
  properties: {
    texts: { kind: "array", minItems: 1, maxItems: 96, items: { kind: "string" } },
    images: { kind: "any" },
    inputs: { kind: "any" },
    input_type: { kind: "enum", values: ["search_document", "search_query", "classification", "clustering"] },
    output_dimension: { kind: "enum", values: [256, 512, 1024, 1536] },
    embedding_types: { kind: "array", minItems: 1, items: { kind: "enum", values: cohereEmbeddingTypes } },
    max_tokens: { kind: "integer", minimum: 1 },
    truncate: { kind: "enum", values: ["NONE", "LEFT", "RIGHT"] },
  },
};

interface CohereV4Request {
  texts: string[];
  output_dimension?: number;
  embedding_types?: CohereEmbeddingType[];
  max_tokens?: number;
  truncate?: "NONE" | "LEFT" | "RIGHT";
}

/**
 * `cohere.embed-v4:0`: selectable output dimension (default 1536). Without `embedding_types` it still answers
 * in the by-type shape (`embeddings.float`), which is what real clients parse.
 */
export const cohereEmbedV4: ModelFamily = {
  invoke(body: unknown): FamilyResult {
    assertNoImageInput(body);
    assertMatchesSchema(body, requestSchema);
    const request = body as CohereV4Request;
    const texts = request.texts.map((text, index) => fitToMaxTokens(text, index, request));
    const dimensions = request.output_dimension ?? 1536;
    const vectors = texts.map((text) => embedText(text, dimensions, { normalize: false }));
    const inputTokenCount = texts.reduce((total, text) => total + countTokens(text), 0);
    return {
      body: cohereByTypeResponse(request.texts, vectors, request.embedding_types ?? ["float"]),
      inputTokenCount,
    };
  },
};

// LEFT drops tokens from the start, RIGHT from the end; NONE refuses over-long texts.
function fitToMaxTokens(text: string, index: number, request: CohereV4Request): string {
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
