import type { InputModality } from "@bedrock-embeddings/core";
import type { CallCostEstimator } from "../pricing/call-cost.js";
import type { CallContext } from "./call-context.js";

/**
 * Prices one call by what it carried, from the dated price table: text calls by their tokens;
 * image and text+image calls by their tokens plus one image each (and Marengo's per-request
 * rate for the text of a text+image input). A call with a part the table has no rate for
 * (Cohere v4 and Nova images, any audio or video, whose length is not decoded) gets no
 * estimate rather than a partial one.
 *
 * @example
 * const estimate = callCostEstimatorFor(context, "image", 2)?.(120);
 */
export function callCostEstimatorFor(
  context: CallContext,
  modality: InputModality,
  count: number,
): CallCostEstimator | undefined {
  const estimate = context.estimateCost;
  if (estimate === undefined || modality === "text") return estimate;
  if (modality === "audio" || modality === "video") return undefined;
  const media = { images: count, requests: modality === "text-image" ? count : 0 };
  return (inputTokens) => estimate(inputTokens, media);
}
