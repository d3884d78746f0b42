import { randomUUID } from "node:crypto";
import type { CohereEmbeddingType } from "../../embedding/quantize.js";
import { encodeEmbedding } from "../../embedding/quantize.js";

export const cohereEmbeddingTypes: readonly CohereEmbeddingType[] = [
  "float",
  "int8",
  "uint8",
  "binary",
  "ubinary",
];

/** Cohere's `embeddings_floats` shape: one float array per text. */
export function cohereFloatsResponse(texts: readonly string[], vectors: readonly number[][]): unknown {
  return { id: randomUUID(), response_type: "embeddings_floats", embeddings: vectors, texts };
}

/** Cohere's `embeddings_by_type` shape: `embeddings` keyed by encoding, each with one array per text. */
export function cohereByTypeResponse(
  texts: readonly string[],
  vectors: readonly number[][],
  types: readonly CohereEmbeddingType[],
): unknown {
  const embeddings: Partial<Record<CohereEmbeddingType, number[][]>> = {};
  for (const type of new Set(types)) {
    embeddings[type] = vectors.map((vector) => encodeEmbedding(vector, type));
  }
  return { id: randomUUID(), embeddings, response_type: "embeddings_by_type", texts };
}
