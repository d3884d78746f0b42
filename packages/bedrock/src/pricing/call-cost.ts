import { priceUsage } from "./estimate-cost.js";
import { findPrice } from "./find-price.js";

/**
 * Prices one successful InvokeModel call from its reported input tokens; undefined when the
 * tokens were not reported and the model bills by token.
 *
 * @example
 * const estimate = callCostEstimator({ modelId: "cohere.embed-v4:0", family: "cohere-v4" });
 * estimate?.(1_000); // 0.00012
 */
export type CallCostEstimator = (inputTokens: number | undefined) => number | undefined;

/**
 * A per-call estimator for one model, or undefined when the model has no known on-demand price.
 *
 * @example
 * callCostEstimator({ modelId: "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc", family: "cohere-v4" }); // undefined
 */
export function callCostEstimator(model: { modelId: string; family: string }): CallCostEstimator | undefined {
  const price = findPrice(model);
  if (price === undefined) return undefined;
  return (inputTokens) => {
    if (inputTokens === undefined && price.textPerRequest === undefined) return undefined;
    // The price is found once per embedder; each call only does the arithmetic.
    return priceUsage(price, { inputTokens, requests: 1 }).usd;
  };
}
