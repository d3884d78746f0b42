import { type ModelPrice, unconfirmedRate } from "../../pricing/price-rate.js";
import { titanMultimodal } from "./codec.js";

/** On-demand prices of this family (see PRICE_TABLE_DATE). */
export const titanMultimodalPrice: ModelPrice = {
  family: titanMultimodal.name,
  modelIds: titanMultimodal.modelIds,
  textPerMillionTokens: unconfirmedRate(0.8, "one public table says $0.08 per 1M text tokens"),
  perImage: unconfirmedRate(0.00006, "seen in one public table only"),
};
