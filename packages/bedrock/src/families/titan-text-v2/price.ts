import { listedRate, type ModelPrice, unconfirmedRate } from "../../pricing/price-rate.js";
import { titanTextV2 } from "./codec.js";

/** On-demand prices of this family (see PRICE_TABLE_DATE). */
export const titanTextV2Price: ModelPrice = {
  family: titanTextV2.name,
  modelIds: titanTextV2.modelIds,
  textPerMillionTokens: listedRate(0.02),
  batchDiscount: unconfirmedRate(0.5, "batch inference is reported to cost half the on-demand price"),
};
