import {
  EMBEDDING_TYPES,
  type EmbeddingType,
  isQueryAction,
  type MemoryAction,
  ResponseError,
} from "@bedrock-embeddings/core";
import type { ParsedEmbeddings, RawEmbedding } from "../model-family.js";
import { describeValue, expectObject, isRecord } from "../response-shape.js";

/**
 * Input types shared by Cohere v3 and v4 for `inputType`. v3 image calls always send `image`
 * (the only type v3 takes images with), whatever is configured.
 */
export const COHERE_INPUT_TYPES = [
  "search_document",
  "search_query",
  "classification",
  "clustering",
] as const;

/** mem0 semantics: `search` embeds a query; `add`, `update` and no action embed a document. */
export function cohereInputType(memoryAction: MemoryAction | undefined): string {
  return isQueryAction(memoryAction) ? "search_query" : "search_document";
}

/** Every encoding Cohere returns: float, int8, uint8, and the bit-packed binary, ubinary. */
export const COHERE_EMBEDDING_TYPES: readonly EmbeddingType[] = EMBEDDING_TYPES;

/** Cohere packs binary and ubinary eight dimensions per byte. */
export function cohereTypedLength(type: Exclude<EmbeddingType, "float">, dimension: number): number {
  return type === "binary" || type === "ubinary" ? Math.ceil(dimension / 8) : dimension;
}

/**
 * Both Cohere shapes, with every encoding: `embeddings` as a list (floats), or keyed by type
 * (`{float: [[..]], int8: [[..]], ...}`). One entry per input, in order; the caller checks
 * that each requested type is there.
 */
export function parseCohereEmbeddings(body: unknown, modelId: string): ParsedEmbeddings {
  const object = expectObject(body, modelId);
  const embeddings = object["embeddings"];
  if (Array.isArray(embeddings)) {
    return { perInput: embeddings.map((vector) => [{ byType: { float: vector } }]), inputTokens: undefined };
  }
  if (isRecord(embeddings)) {
    const lists = EMBEDDING_TYPES.flatMap((type) => {
      const list = embeddings[type];
      return Array.isArray(list) ? [{ type, list }] : [];
    });
    if (lists.length > 0) {
      const count = Math.max(...lists.map(({ list }) => list.length));
      const perInput = Array.from({ length: count }, (_, position): RawEmbedding[] => [
        { byType: Object.fromEntries(lists.map(({ type, list }) => [type, list[position]])) },
      ]);
      return { perInput, inputTokens: undefined };
    }
  }
  const found =
    "embeddings" in object ? `"embeddings" is ${describeValue(embeddings)}` : describeValue(object);
  throw new ResponseError(
    `The response for ${modelId} has no "embeddings" list nor lists keyed by type; found ${found}.`,
    { modelId, fix: "Check that the model id and family are a Cohere embedding model." },
  );
}
