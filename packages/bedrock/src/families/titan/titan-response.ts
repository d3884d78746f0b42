import { ResponseError } from "@bedrock-embeddings/core";
import type { ParsedEmbeddings } from "../model-family.js";
import { describeValue, expectObject, isRecord, readTokenCount } from "../response-shape.js";

/**
 * Titan text bodies: `{embedding, inputTextTokenCount}`, and for v2 also
 * `{embeddingsByType: {float}}`. `embedding` wins; `embeddingsByType.float` is the fallback.
 */
export function parseTitanResponse(body: unknown, modelId: string): ParsedEmbeddings {
  const object = expectObject(body, modelId);
  const inputTokens = readTokenCount(object["inputTextTokenCount"]);
  if (Array.isArray(object["embedding"])) return oneFloat(object["embedding"], inputTokens);
  const byType = object["embeddingsByType"];
  if (isRecord(byType) && Array.isArray(byType["float"])) return oneFloat(byType["float"], inputTokens);
  const found =
    "embedding" in object ? `"embedding" is ${describeValue(object["embedding"])}` : describeValue(object);
  throw new ResponseError(
    `The response for ${modelId} has no "embedding" list (nor "embeddingsByType.float"); found ${found}.`,
    { modelId, fix: "Check that the model id and family are a Titan text embedding model." },
  );
}

/**
 * Titan v2 with encodings: `embedding` (always float) and `embeddingsByType` (`float`, and
 * `binary` when asked for). Floats come from `embedding`, then `embeddingsByType.float`.
 */
export function parseTitanTypedResponse(body: unknown, modelId: string): ParsedEmbeddings {
  const object = expectObject(body, modelId);
  const byType = isRecord(object["embeddingsByType"]) ? object["embeddingsByType"] : {};
  const float = Array.isArray(object["embedding"]) ? object["embedding"] : byType["float"];
  if (float === undefined && byType["binary"] === undefined) {
    // Neither encoding: the same message as the text path gives.
    parseTitanResponse(body, modelId);
  }
  return {
    perInput: [[{ byType: { float, binary: byType["binary"] } }]],
    inputTokens: readTokenCount(object["inputTextTokenCount"]),
  };
}

function oneFloat(vector: unknown, inputTokens: number | undefined): ParsedEmbeddings {
  return { perInput: [[{ byType: { float: vector } }]], inputTokens };
}
