import { embedText } from "../../embedding/local-embedding-model.js";
import { signBits } from "../../embedding/quantize.js";
import { countTokens } from "../../embedding/token-count.js";
import { assertMatchesSchema } from "../../validation/malformed-input.js";
import type { ObjectSchema } from "../../validation/schema.js";
import type { FamilyResult, ModelFamily } from "../model-family.js";
import { assertWithinTitanTokenLimit } from "../shared/titan-token-limit.js";

const requestSchema: ObjectSchema = {
  kind: "object",
  required: ["inputText"],
  properties: {
    inputText: { kind: "string", minLength: 1, maxLength: 50_000 },
    dimensions: { kind: "enum", values: [1024, 512, 256] },
    normalize: { kind: "boolean" },
    embeddingTypes: { kind: "array", minItems: 1, items: { kind: "enum", values: ["float", "binary"] } },
  },
};

const defaultDimension = 1024;

interface TitanV2Request {
  inputText: string;
  dimensions?: number;
  normalize?: boolean;
  embeddingTypes?: Array<"float" | "binary">;
}

/**
 * `amazon.titan-embed-text-v2:0`: selectable dimensions, server-side normalization (on by default)
 * and an optional binary encoding. `embeddingsByType.float` is always present, as the AWS docs state.
 */
export const titanEmbedTextV2: ModelFamily = {
  name: "titan-text-v2",
  modelIds: ["amazon.titan-embed-text-v2:0"],
  variantIds: {},
  defaultDimension,
  invoke(body: unknown): FamilyResult {
    assertMatchesSchema(body, requestSchema);
    const request = body as TitanV2Request;
    const inputTextTokenCount = countTokens(request.inputText);
    assertWithinTitanTokenLimit(inputTextTokenCount);
    const embedding = embedText(request.inputText, request.dimensions ?? defaultDimension, {
      normalize: request.normalize ?? true,
    });
    const embeddingsByType: { float: number[]; binary?: number[] } = { float: embedding };
    if (request.embeddingTypes?.includes("binary")) embeddingsByType.binary = signBits(embedding);
    return {
      body: { embedding, inputTextTokenCount, embeddingsByType },
      inputTokenCount: inputTextTokenCount,
    };
  },
};
