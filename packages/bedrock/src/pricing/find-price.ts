import { type ModelIdKind, parseModelId } from "@bedrock-embeddings/core";
import type { ModelPrice } from "./price-rate.js";
import { PRICE_TABLE } from "./price-table.js";

// Ids billed per token like the model behind them. Provisioned throughput is billed per model
// unit and hour, and custom or imported models have their own rates: none match.
const TOKEN_BILLED_KINDS = new Set<ModelIdKind>(["foundation", "inference-profile"]);

/**
 * The price entry for a model id (bare, geo-prefixed, foundation-model or inference-profile
 * ARN, with or without a `:variant` suffix), else for `family` when the id is an application
 * inference profile or not given. Undefined when no on-demand price applies or is known.
 *
 * @example
 * findPrice({ modelId: "us.cohere.embed-v4:0" })?.family; // "cohere-v4"
 * findPrice({ modelId: "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc" }); // undefined
 */
export function findPrice(model: {
  modelId?: string | undefined;
  family?: string | undefined;
}): ModelPrice | undefined {
  const byFamily = () => PRICE_TABLE.find((entry) => entry.family === model.family);
  if (model.modelId === undefined) return byFamily();
  const billing = billingOf(model.modelId);
  if (billing.kind === "unpriced") return undefined;
  if (billing.kind === "family") return byFamily();
  const { bareId } = billing;
  return (
    PRICE_TABLE.find((entry) =>
      entry.modelIds.some((known) => bareId === known || bareId.startsWith(`${known}:`)),
    ) ?? byFamily()
  );
}

type Billing = { kind: "model"; bareId: string } | { kind: "family" } | { kind: "unpriced" };

/** How a model id is billed: as the foundation model it names, as its family, or not per token at all. */
function billingOf(modelId: string): Billing {
  const { kind, bareId } = parseModelId(modelId);
  if (kind === "application-inference-profile") return { kind: "family" };
  if (!TOKEN_BILLED_KINDS.has(kind) || bareId === undefined) return { kind: "unpriced" };
  return { kind: "model", bareId };
}
