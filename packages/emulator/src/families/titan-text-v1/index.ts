import { embedText } from "../../embedding/local-embedding-model.js";
import { countTokens } from "../../embedding/token-count.js";
import { assertMatchesSchema } from "../../validation/malformed-input.js";
import type { ObjectSchema } from "../../validation/schema.js";
import type { FamilyResult, ModelFamily } from "../model-family.js";
import { assertWithinTitanTokenLimit } from "../shared/titan-token-limit.js";

const dimensions = 1536;

const requestSchema: ObjectSchema = {
  kind: "object",
  required: ["inputText"],
  properties: { inputText: { kind: "string" } },
};

/** `amazon.titan-embed-text-v1`: `{inputText}` only, 1536 dimensions, never normalized. */
export const titanEmbedTextV1: ModelFamily = {
  name: "titan-text-v1",
  modelIds: ["amazon.titan-embed-text-v1", "amazon.titan-embed-g1-text-02"],
  variantIds: { "amazon.titan-embed-text-v1:2:8k": "amazon.titan-embed-text-v1" },
  defaultDimension: dimensions,
  invoke(body: unknown): FamilyResult {
    assertMatchesSchema(body, requestSchema);
    const { inputText } = body as { inputText: string };
    const inputTextTokenCount = countTokens(inputText);
    assertWithinTitanTokenLimit(inputTextTokenCount);
    return {
      body: { embedding: embedText(inputText, dimensions, { normalize: false }), inputTextTokenCount },
      inputTokenCount: inputTextTokenCount,
    };
  },
};
