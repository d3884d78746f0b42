import { listedRate, type ModelPrice } from "../../pricing/price-rate.js";
import { titanTextV1 } from "./codec.js";

/** On-demand prices of this family (see PRICE_TABLE_DATE). */
export const titanTextV1Price: ModelPrice = {
  family: titanTextV1.name,
  modelIds: titanTextV1.modelIds,
  textPerMillionTokens: listedRate(0.1),
};
