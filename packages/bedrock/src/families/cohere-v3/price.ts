import { listedRate, type ModelPrice } from "../../pricing/price-rate.js";
import { cohereV3 } from "./codec.js";

/** On-demand prices of this family (see PRICE_TABLE_DATE). */
export const cohereV3Price: ModelPrice = {
  family: cohereV3.name,
  modelIds: cohereV3.modelIds,
  textPerMillionTokens: listedRate(0.1),
};
