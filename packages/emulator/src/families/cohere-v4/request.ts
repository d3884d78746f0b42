import type { CohereEmbeddingType } from "../../embedding/quantize.js";
import type { ObjectSchema, Schema } from "../../validation/schema.js";
import { cohereEmbeddingTypes } from "../shared/cohere-response.js";

const commonProperties: Record<string, Schema> = {
  input_type: { kind: "enum", values: ["search_document", "search_query", "classification", "clustering"] },
  output_dimension: { kind: "enum", values: [256, 512, 1024, 1536] },
  embedding_types: { kind: "array", minItems: 1, items: { kind: "enum", values: cohereEmbeddingTypes } },
  max_tokens: { kind: "integer", minimum: 1 },
  truncate: { kind: "enum", values: ["NONE", "LEFT", "RIGHT"] },
};

// Each schema lists only its own input field, so mixing texts, images and inputs is an extraneous key.
/** A body of `texts`. */
export const textRequestSchema: ObjectSchema = {
  kind: "object",
  required: ["texts", "input_type"],
  properties: {
    texts: { kind: "array", minItems: 1, maxItems: 96, items: { kind: "string" } },
    ...commonProperties,
  },
};

/** A body of `images` (data URIs). */
export const imageRequestSchema: ObjectSchema = {
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

/** A body of interleaved `inputs`, each a list of text and image_url parts. */
export const inputsRequestSchema: ObjectSchema = {
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

/** The options every Cohere v4 body may carry. */
export interface CohereV4Options {
  output_dimension?: number;
  embedding_types?: CohereEmbeddingType[];
  max_tokens?: number;
  truncate?: "NONE" | "LEFT" | "RIGHT";
}

/** One part of an interleaved input. */
export interface ContentPart {
  type: "text" | "image_url";
  text?: string;
  image_url?: { url: string };
}
