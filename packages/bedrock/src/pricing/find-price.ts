import { GEO_PREFIXES } from "../model-id.js";
import { type ModelPrice, PRICE_TABLE } from "./price-table.js";

// ARN resources billed per token like the model behind them. Provisioned throughput is billed
// per model unit and hour, and custom or imported models have their own rates: none match.
const TOKEN_BILLED_RESOURCES = new Set(["foundation-model", "inference-profile"]);
const FAMILY_BILLED_RESOURCES = new Set(["application-inference-profile"]);

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
  let candidate = modelId;
  if (modelId.startsWith("arn:")) {
    const resource = modelId.split(":").slice(5).join(":");
    const slash = resource.indexOf("/");
    const type = slash < 0 ? resource : resource.slice(0, slash);
    if (FAMILY_BILLED_RESOURCES.has(type)) return { kind: "family" };
    if (!TOKEN_BILLED_RESOURCES.has(type)) return { kind: "unpriced" };
    candidate = resource.slice(slash + 1);
  }
  const dot = candidate.indexOf(".");
  const prefix = dot < 0 ? "" : candidate.slice(0, dot);
  const isGeo = (GEO_PREFIXES as readonly string[]).includes(prefix);
  return { kind: "model", bareId: isGeo ? candidate.slice(dot + 1) : candidate };
}
