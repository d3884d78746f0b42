import { priceUsage } from "./estimate-cost.js";
import { findPrice } from "./find-price.js";

/**
 * What a media call carried besides its tokens: images, and text requests billed per request.
 *
 * @example
 * const media: CallMedia = { images: 2, requests: 0 };
 */
export interface CallMedia {
  images: number;
  requests: number;
}

/**
 * Prices one successful InvokeModel call from its reported input tokens (and, for a media call,
 * what else it carried); undefined when the tokens were not reported and the model bills by
 * token, or when a media call holds a part the table has no rate for (no partial estimates).
 *
 * @example
 * const estimate = callCostEstimator({ modelId: "cohere.embed-v4:0", family: "cohere-v4" });
 * estimate?.(1_000); // 0.00012
 */
export type CallCostEstimator = (inputTokens: number | undefined, media?: CallMedia) => number | undefined;

/**
 * A per-call estimator for one model, or undefined when the model has no known on-demand price.
 * The price is found once; each call only does the arithmetic.
 *
 * @example
 * callCostEstimator({ modelId: "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc", family: "cohere-v4" }); // undefined
 */
export function callCostEstimator(model: { modelId: string; family: string }): CallCostEstimator | undefined {
  const price = findPrice(model);
  if (price === undefined) return undefined;
  return (inputTokens, media) => {
    if (media === undefined) {
      if (inputTokens === undefined && price.textPerRequest === undefined) return undefined;
      return priceUsage(price, { inputTokens, requests: 1 }).usd;
    }
    const priced = priceUsage(price, { inputTokens, images: media.images, requests: media.requests });
    return priced.unpriced.length === 0 ? priced.usd : undefined;
  };
}
