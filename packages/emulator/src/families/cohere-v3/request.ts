import type { CohereEmbeddingType } from "../../embedding/quantize.js";
import type { ObjectSchema } from "../../validation/schema.js";
import { cohereEmbeddingTypes } from "../shared/cohere-response.js";

const inputTypes = ["search_document", "search_query", "classification", "clustering", "image"];
const commonProperties = {
  input_type: { kind: "enum", values: inputTypes },
  truncate: { kind: "enum", values: ["NONE", "START", "END"] },
  embedding_types: { kind: "array", minItems: 1, items: { kind: "enum", values: cohereEmbeddingTypes } },
} as const;

/** A body of up to 96 `texts` of at most 2,048 characters. */
export const textRequestSchema: ObjectSchema = {
  kind: "object",
  required: ["texts", "input_type"],
  properties: {
    texts: { kind: "array", minItems: 1, maxItems: 96, items: { kind: "string", maxLength: 2048 } },
    ...commonProperties,
  },
};

// `texts` is not a property here, so sending both is reported as an extraneous key, as everit would.
export const imageRequestSchema: ObjectSchema = {
  kind: "object",
  required: ["images", "input_type"],
  properties: {
    images: { kind: "array", minItems: 1, maxItems: 1, items: { kind: "string" } },
    ...commonProperties,
  },
};

/** A Cohere v3 body after validation. */
export interface CohereV3Request {
  texts?: string[];
  images?: string[];
  input_type: string;
  embedding_types?: CohereEmbeddingType[];
}
