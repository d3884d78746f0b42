import { isQueryAction, type MemoryAction, ResponseError } from "@bedrock-embeddings/core";
import type { ParsedResponse } from "./model-family.js";
import { describeValue, expectObject, isRecord } from "./response-shape.js";

/** Text input types shared by Cohere v3 and v4 (`image` is for image input, which this package does not send). */
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

/**
 * Both documented Cohere shapes: `embeddings` as an array of vectors (`embeddings_floats`)
 * or as an object keyed by type with `float` (`embeddings_by_type`). Token counts come from
 * the response header, not the body.
 */
export function parseCohereResponse(body: unknown, modelId: string): ParsedResponse {
  const object = expectObject(body, modelId);
  const embeddings = object["embeddings"];
  if (Array.isArray(embeddings)) return { vectors: embeddings, inputTokens: undefined };
  if (isRecord(embeddings)) {
    if (Array.isArray(embeddings["float"])) return { vectors: embeddings["float"], inputTokens: undefined };
    throw new ResponseError(
      `The response for ${modelId} has "embeddings" by type without a "float" list; found ${describeValue(embeddings)}.`,
      { modelId, fix: "Float embeddings are required; this is a service or emulator bug if it repeats." },
    );
  }
  const found =
    "embeddings" in object ? `"embeddings" is ${describeValue(embeddings)}` : describeValue(object);
  throw new ResponseError(
    `The response for ${modelId} has no "embeddings" list or "embeddings.float"; found ${found}.`,
    { modelId, fix: "Check that the model id and family are a Cohere embedding model." },
  );
}
